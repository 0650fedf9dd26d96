import { MAX_PARTS_PER_SIGN_REQUEST, type MultipartBackend, type MultipartUploadRef, type SignedPart } from '../protocol/multipart-protocol.js';
import type { PartPlan } from '../policy/part-plan.js';
import { isNearExpiry, urlExpiresAt } from '../protocol/url-expiry.js';

interface CachedPart {
  part: SignedPart;
  expiresAt: number;
  lifetime: number;
}

/** Hands out presigned part URLs, signing them lazily in small batches. */
export interface PartSigner {
  /** A URL for the part that is valid now, signing it (with the next parts) when needed. */
  get(partNumber: number, signal: AbortSignal): Promise<SignedPart>;
  /** Forgets a part's URL, after the store said it expired. */
  invalidate(partNumber: number): void;
}

export interface PartSignerOptions {
  backend: MultipartBackend;
  upload: MultipartUploadRef;
  plan: PartPlan;
  /** Parts neither done nor being sent, in the order they will be sent. */
  upcoming: () => readonly number[];
  /** How many URLs one request asks for: about what goes out at once. */
  batchSize: number;
  now?: () => number;
}

/**
 * Signs part URLs shortly before they are needed: when a part is about to be
 * sent and has no fresh URL, one request signs it together with the next
 * parts in line (up to `batchSize`); and when a part takes its URL while fewer
 * than `batchSize` of the parts in line have one, the next batch is signed
 * while this one is sent, so no part waits a round trip for its URL. Never
 * every part up front, so that no URL sits unused until it expires. Parts
 * asked for while a batch that covers them is on its way wait for that batch.
 */
export function createPartSigner(options: PartSignerOptions): PartSigner {
  const now = options.now ?? Date.now;
  const cache = new Map<number, CachedPart>();
  const inFlight = new Map<number, Promise<void>>();
  const batchSize = Math.max(1, Math.min(MAX_PARTS_PER_SIGN_REQUEST, Math.floor(options.batchSize)));

  const fresh = (partNumber: number) => {
    const cached = cache.get(partNumber);
    return cached && !isNearExpiry(cached.expiresAt, cached.lifetime, now()) ? cached.part : undefined;
  };

  async function signBatch(partNumber: number, signal: AbortSignal): Promise<void> {
    const others = options.upcoming().filter((n) => n !== partNumber && !fresh(n) && !inFlight.has(n));
    const partNumbers = [partNumber, ...others].slice(0, batchSize);
    const request = (async () => {
      const { parts } = await options.backend.signParts(
        { ...options.upload, size: options.plan.size, partSize: options.plan.partSize, partNumbers },
        { signal },
      );
      const receivedAt = now();
      for (const part of parts) {
        const expiresAt = urlExpiresAt(part.url, receivedAt);
        cache.set(part.partNumber, { part, expiresAt, lifetime: expiresAt - receivedAt });
      }
    })();
    for (const n of partNumbers) inFlight.set(n, request);
    try {
      await request;
    } finally {
      for (const n of partNumbers) if (inFlight.get(n) === request) inFlight.delete(n);
    }
  }

  /** Signs the next batch in the background once the parts in line with a URL no longer fill one. */
  function signAhead(partNumber: number, signal: AbortSignal): void {
    const next = options.upcoming().filter((n) => n !== partNumber);
    const unsigned = next.filter((n) => !fresh(n) && !inFlight.has(n));
    if (unsigned[0] === undefined || next.length - unsigned.length >= batchSize) return;
    // A failed batch costs nothing here: each of its parts signs for itself when its turn comes.
    signBatch(unsigned[0], signal).catch(() => undefined);
  }

  /** A fresh URL for the part: cached, from a batch on its way, or signed now with the next parts in line. */
  async function urlFor(partNumber: number, signal: AbortSignal): Promise<SignedPart> {
    const ready = fresh(partNumber);
    if (ready) return ready;
    const pending = inFlight.get(partNumber);
    // Wait for a batch that covers this part; if it failed (its part was paused), sign here instead.
    if (pending && (await pending.then(() => true, () => false))) {
      const signed = cache.get(partNumber);
      if (signed) return signed.part;
    }
    await signBatch(partNumber, signal);
    // Just signed: used even when the backend signs URLs that live less than the margin.
    return cache.get(partNumber)!.part;
  }

  return {
    async get(partNumber, signal) {
      const part = await urlFor(partNumber, signal);
      signAhead(partNumber, signal);
      return part;
    },
    invalidate(partNumber) {
      cache.delete(partNumber);
    },
  };
}
