import type { BackendOptions } from './backend-fetch.js';
import { loadMultipartKit } from './lazy-kits.js';
import type { MultipartBackend } from './multipart-protocol.js';

/**
 * The multipart operations over the JSON protocol: `POST <endpoint>?action=multipart-…`.
 * Every operation is async anyway, so the client behind them loads on first use.
 */
export function createEndpointMultipartBackend(options: BackendOptions): MultipartBackend {
  const client = () => loadMultipartKit()
      .then((kit) => kit.loadMultipartClient())
      .then((client) => client.createEndpointMultipartBackend(options));
  return {
    create: async (request, context) => (await client()).create(request, context),
    signParts: async (request, context) => (await client()).signParts(request, context),
    listParts: async (request, context) => (await client()).listParts!(request, context),
    complete: async (request, context) => (await client()).complete(request, context),
    abort: async (request, context) => (await client()).abort(request, context),
  };
}
