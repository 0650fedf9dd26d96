import { sharedUploadPool, type UploaderOptions } from 'r2-uploader';

/**
 * Uploader settings from the page's query string, so that tests (and anyone
 * trying the demo) can shrink multipart to a size a test can afford:
 * `?multipartThreshold=5242880&partSize=5242880&connections=3&retryBaseDelay=50`, or `?retry=off`
 * to see a failure at once instead of after the retries.
 * Absent values keep the library's defaults.
 */
export function demoUploaderOptions(search: string): Pick<UploaderOptions, 'multipart' | 'retry'> {
  const params = new URLSearchParams(search);
  const number = (name: string) => {
    const value = Number(params.get(name) ?? Number.NaN);
    return Number.isFinite(value) && value > 0 ? value : undefined;
  };
  const connections = number('connections');
  // The page-wide pool every uploader shares: one budget, whatever the number of uploaders.
  if (connections !== undefined) sharedUploadPool().setMaxConnections(connections);
  const threshold = number('multipartThreshold');
  const partSize = number('partSize');
  const baseDelay = number('retryBaseDelay');
  return {
    multipart: { ...(threshold === undefined ? {} : { threshold }), ...(partSize === undefined ? {} : { partSize }) },
    ...(params.get('retry') === 'off' ? { retry: false as const } : baseDelay === undefined ? {} : { retry: { baseDelay } }),
  };
}
