import { parseArgs } from 'node:util';
import type { Profile } from './scenarios.ts';

/** How `npm run bench` (or `bench:smoke`) was asked to run. */
export interface BenchOptions {
  profile: Profile;
  rounds: number;
  /** Scenario ids to run (`s1,s3`); empty for all. */
  only: string[];
  /** Marks the results as provisional (noisy machine, reduced rounds), with an optional reason. */
  provisional: boolean;
  note: string | undefined;
  /** Where `latest.md` and `latest.json` go. */
  outDir: string;
}

export const USAGE = `Usage: npm run bench -- [--rounds N] [--only s1,s3] [--provisional] [--note "why"] [--out dir]
       npm run bench:smoke   (tiny sizes, 1 round, fails unless every runner completed and every byte arrived)`;

/** Parses the command line; smoke runs default to 1 round and write outside the committed results. */
export function parseOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      smoke: { type: 'boolean', default: false },
      rounds: { type: 'string' },
      only: { type: 'string', default: '' },
      provisional: { type: 'boolean', default: false },
      note: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const profile: Profile = values.smoke ? 'smoke' : 'full';
  const rounds = Number(values.rounds ?? (profile === 'smoke' ? 1 : 5));
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a positive integer, not ${values.rounds}`);
  return {
    profile,
    rounds,
    only: values.only.split(',').map((id) => id.trim()).filter(Boolean),
    provisional: values.provisional,
    note: values.note,
    outDir: values.out ?? (profile === 'smoke' ? 'bench/results/tmp' : 'bench/results'),
  };
}
