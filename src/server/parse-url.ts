/** `new URL` in a try, not `URL.canParse`: Workers with a compatibility date before mid-2023 lack it. */
export function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
