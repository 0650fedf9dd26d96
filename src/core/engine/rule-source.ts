import { isR2UploadError, type R2UploadError } from '../errors/upload-error.js';
import type { R2UploadWarning } from '../errors/warnings.js';
import { fetchUploadRules, type UploadRules } from '../protocol/rules-protocol.js';
import type { UploaderOptions } from './types.js';

/** Statuses of a backend without `?action=config` (a custom backend, or a route module that exports only POST). */
const NO_CONFIG = [400, 404, 405, 501];

/** Long enough for a cold serverless start; the rules are never worth holding uploads longer. */
const RULES_TIMEOUT = 10_000;

/** Whether the uploader asks the backend for its rules: by default when it names a route. */
export function wantsServerRules(options: UploaderOptions): boolean {
  return options.endpoint !== undefined && (options.serverRules ?? options.route !== undefined);
}

function unavailable(error: R2UploadError, endpoint: string): R2UploadWarning {
  return {
    code: 'rules_unavailable',
    message: `The backend at ${endpoint} did not give its upload rules (${error.code === 'canceled' ? `no answer in ${RULES_TIMEOUT / 1000} s` : error.message}); only the rules set on the client are checked before uploading.`,
    hint: 'Answer GET ?action=config (r2-uploader/server does, where the route module exports it as GET too), or set serverRules: false.',
  };
}

interface Answer {
  rules?: UploadRules;
  warning?: R2UploadWarning;
}

/**
 * The backend's rules for the uploader's endpoint and route, asked once and
 * kept. A backend that has none, or cannot answer, costs nothing but a
 * warning (once, to the first upload that waits for them): the server checks
 * every file anyway, so uploads go on with the client's own rules. A
 * transient failure is asked again by the next batch.
 */
export function createRuleSource(options: () => UploaderOptions, onRules: (rules: UploadRules | undefined) => void) {
  const known = new Map<string, Promise<Answer>>();
  const warned = new Set<string>();
  const keyOf = (current: UploaderOptions) => `${current.endpoint ?? ''}\n${current.route ?? ''}`;

  function ask(current: UploaderOptions, endpoint: string, key: string): Promise<Answer> {
    return fetchUploadRules({ ...current, endpoint }, AbortSignal.timeout(RULES_TIMEOUT)).then(
      (rules) => ({ rules }),
      (error: unknown) => {
        if (!isR2UploadError(error) || !NO_CONFIG.includes(error.status ?? 0)) known.delete(key);
        return isR2UploadError(error) ? { warning: unavailable(error, endpoint) } : {};
      },
    );
  }

  /** The rules (`undefined` without any), fetched on first use; `report` gets the warning of a backend that gave none. */
  async function load(report?: (warning: R2UploadWarning) => void): Promise<UploadRules | undefined> {
    const current = options();
    const { endpoint } = current;
    if (!wantsServerRules(current) || endpoint === undefined) return undefined;
    const key = keyOf(current);
    let loading = known.get(key);
    if (!loading) known.set(key, (loading = ask(current, endpoint, key)));
    const { rules, warning } = await loading;
    if (warning && report && !warned.has(key)) {
      warned.add(key);
      report(warning);
    }
    // A newer endpoint or route may have taken over while this one answered.
    if (keyOf(options()) === key) onRules(rules);
    return rules;
  }
  return { load };
}
