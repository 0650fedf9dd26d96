/**
 * When a presigned URL stops working, as seen by this browser's clock: the
 * moment it arrived plus its `X-Amz-Expires`. The signing time in `X-Amz-Date`
 * is not used, because the browser's clock may be off by hours while the
 * interval it measures is right.
 */
export function urlExpiresAt(url: string, receivedAt: number): number {
  let seconds: number;
  try {
    seconds = Number(new URL(url).searchParams.get('X-Amz-Expires') ?? Number.NaN);
  } catch {
    return Number.POSITIVE_INFINITY;
  }
  return Number.isFinite(seconds) && seconds > 0 ? receivedAt + seconds * 1000 : Number.POSITIVE_INFINITY;
}

/**
 * True when a URL should be signed again rather than used: it has less than
 * a quarter of its life, or less than a minute, left. The store checks expiry
 * when the request arrives, so a URL only has to be valid when sending starts.
 */
export function isNearExpiry(expiresAt: number, lifetimeMs: number, now: number = Date.now()): boolean {
  if (!Number.isFinite(expiresAt)) return false;
  const margin = Math.min(60_000, lifetimeMs / 4);
  return expiresAt - now <= margin;
}
