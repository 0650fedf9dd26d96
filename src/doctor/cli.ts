/// <reference types="node" />
import { parseArgs } from 'node:util';
import { checkBucketCors } from './check-cors.js';
import { formatReport } from './format-report.js';
import type { DoctorOptions } from './types.js';

export const USAGE = `Usage: r2-uploader doctor --origin <url> [options]

Checks that a bucket's CORS policy lets pages on <origin> upload with r2-uploader,
with the requests a browser makes, and prints the exact fix when it does not.

Options:
  --origin <url>              the page's origin, e.g. https://app.example (required)
  --bucket <name>             the bucket (default: $R2_BUCKET)
  --account-id <id>           R2 account; the endpoint is https://<id>.r2.cloudflarestorage.com (default: $R2_ACCOUNT_ID)
  --endpoint <url>            the S3 API base instead of --account-id (another store, a local one)
  --access-key-id <id>        (default: $R2_ACCESS_KEY_ID)
  --secret-access-key <key>   (default: $R2_SECRET_ACCESS_KEY; prefer the variable, flags show in ps)
  --list                      also check GET and DELETE, for a list of uploaded files
  --no-probe                  skip the ETag check, which uploads and deletes a tiny object
  --json                      print the report as JSON
  -h, --help                  show this

Exit status: 0 when every check passes, 1 when one fails, 2 for a usage error.`;

/** Where the CLI writes; tests capture it. */
export interface CliOutput {
  out: (text: string) => void;
  err: (text: string) => void;
}

class UsageError extends Error {}

function required(value: string | undefined, what: string): string {
  if (!value) throw new UsageError(`Missing ${what}.`);
  return value;
}

/** The doctor's options from flags, falling back to the variables the demo reads. */
export function optionsFromArgs(args: string[], env: Readonly<Record<string, string | undefined>>): (DoctorOptions & { json: boolean }) | 'help' {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      origin: { type: 'string' },
      bucket: { type: 'string' },
      'account-id': { type: 'string' },
      endpoint: { type: 'string' },
      'access-key-id': { type: 'string' },
      'secret-access-key': { type: 'string' },
      list: { type: 'boolean', default: false },
      'no-probe': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  if (positionals[0] !== 'doctor' || positionals.length > 1) throw new UsageError(positionals.length === 0 ? 'Name a command: doctor.' : `Unknown command: ${positionals.join(' ')}.`);
  const accountId = values['account-id'] ?? env.R2_ACCOUNT_ID;
  const endpoint = values.endpoint ?? (accountId ? `https://${accountId}.r2.cloudflarestorage.com` : undefined);
  return {
    origin: required(values.origin, '--origin (the origin of the page that uploads, e.g. https://app.example)'),
    endpoint: required(endpoint, '--endpoint or --account-id (or R2_ACCOUNT_ID)'),
    bucket: required(values.bucket ?? env.R2_BUCKET, '--bucket (or R2_BUCKET)'),
    accessKeyId: required(values['access-key-id'] ?? env.R2_ACCESS_KEY_ID, '--access-key-id (or R2_ACCESS_KEY_ID)'),
    secretAccessKey: required(values['secret-access-key'] ?? env.R2_SECRET_ACCESS_KEY, '--secret-access-key (or R2_SECRET_ACCESS_KEY)'),
    list: values.list,
    probe: !values['no-probe'],
    json: values.json,
  };
}

/** Runs `r2-uploader <args>` and resolves to the exit status. */
export async function runCli(args: string[], env: Readonly<Record<string, string | undefined>>, output: CliOutput): Promise<number> {
  let options: ReturnType<typeof optionsFromArgs>;
  try {
    options = optionsFromArgs(args, env);
  } catch (error) {
    output.err(`r2-uploader: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    output.out(USAGE);
    return 0;
  }
  const { json, ...doctorOptions } = options;
  let report;
  try {
    report = await checkBucketCors(doctorOptions);
  } catch (error) {
    output.err(`r2-uploader: ${(error as Error).message}`);
    return 2;
  }
  output.out(json ? JSON.stringify(report, null, 2) : formatReport(report));
  return report.ok ? 0 : 1;
}
