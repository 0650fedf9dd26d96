import { cpus, loadavg, release, totalmem } from 'node:os';

/** The machine a run was measured on, printed with every result: numbers mean nothing without it. */
export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  chromium: string;
  date: string;
  /** 1-minute load average when the run started and ended: how much else the machine was doing. */
  load: { start: number; end: number };
}

/** The 1-minute load average now. */
export const loadNow = (): number => Math.round((loadavg()[0] ?? 0) * 10) / 10;

export function describeMachine(chromiumVersion: string, loadAtStart: number): Machine {
  const cores = cpus();
  return {
    cpu: cores[0]?.model.trim() ?? 'unknown',
    cores: cores.length,
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    os: `${process.platform} ${release()}`,
    node: process.version,
    chromium: chromiumVersion,
    date: new Date().toISOString(),
    load: { start: loadAtStart, end: loadNow() },
  };
}
