import { BENCH_ROUTES, RUN_HEADER } from '../shared/protocol.ts';

/** POSTs JSON to the bench backend and returns its JSON answer; non-2xx throws with the answer. */
export async function postJson<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}

/** An upload target from the library's own handler, as a raw baseline asks for it. */
export interface HandlerTarget {
  url: string;
  headers: Record<string, string>;
  key: string;
}

/** Asks the library's handler (`/api/upload`) to sign one file, as every single-PUT runner does. */
export function signWithHandler(file: File, runId: string): Promise<HandlerTarget> {
  return postJson<HandlerTarget>(
    BENCH_ROUTES.upload,
    { filename: file.name, contentType: file.type || 'application/octet-stream', size: file.size },
    { [RUN_HEADER]: runId },
  );
}
