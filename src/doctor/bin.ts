/// <reference types="node" />
import { runCli } from './cli.js';

// The `r2-uploader` command (package.json `bin`): `npx r2-uploader doctor --origin https://app.example`.
process.exitCode = await runCli(process.argv.slice(2), process.env, {
  out: (text) => console.log(text),
  err: (text) => console.error(text),
});
