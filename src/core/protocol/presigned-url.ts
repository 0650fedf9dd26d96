/** A query parameter of a URL, its name compared case-insensitively (SDKs differ in case); `undefined` when absent. */
export function queryParam(url: string, name: string): string | undefined {
  try {
    const wanted = name.toLowerCase();
    return [...new URL(url).searchParams].find(([key]) => key.toLowerCase() === wanted)?.[1];
  } catch {
    return undefined;
  }
}

/** The headers a SigV4 presigned URL signs (`X-Amz-SignedHeaders`), lower-cased; `undefined` when it names none. */
export function signedHeadersOf(url: string): string[] | undefined {
  return queryParam(url, 'X-Amz-SignedHeaders')?.toLowerCase().split(';');
}
