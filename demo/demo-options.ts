import { sharedUploadPool, type ResizeImages, type UploaderOptions } from 'r2-uploader';

/**
 * Uploader settings from the page's query string, so that tests (and anyone
 * trying the demo) can shrink multipart to a size a test can afford:
 * `?multipartThreshold=5242880&partSize=5242880&connections=3&retryBaseDelay=50`, or `?retry=off`
 * to see a failure at once instead of after the retries; `?resize=1600x1200&resizeType=image/jpeg&quality=0.85`
 * and `?strip=1` for the image processing.
 * Absent values keep the library's defaults.
 */
export function demoUploaderOptions(search: string): Pick<UploaderOptions, 'multipart' | 'retry' | 'resizeImages' | 'stripImageMetadata'> {
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
  const [maxWidth, maxHeight] = (params.get('resize') ?? '').split('x').map(Number);
  const resizeType = params.get('resizeType');
  const quality = number('quality');
  const type = resizeType === 'image/jpeg' || resizeType === 'image/avif' ? resizeType : undefined;
  const resizeImages: ResizeImages | undefined = maxWidth && maxHeight ? { maxWidth, maxHeight, ...(type ? { type } : {}), ...(quality === undefined ? {} : { quality }) } : undefined;
  return {
    ...(resizeImages ? { resizeImages } : {}),
    ...(params.get('strip') === '1' ? { stripImageMetadata: true } : {}),
    multipart: { ...(threshold === undefined ? {} : { threshold }), ...(partSize === undefined ? {} : { partSize }) },
    ...(params.get('retry') === 'off' ? { retry: false as const } : baseDelay === undefined ? {} : { retry: { baseDelay } }),
  };
}
