/**
 * Browsers leave `file.type` empty for extensions they do not know, and a
 * signed upload needs a definite Content-Type, so common extensions are
 * mapped here. The table stays small on purpose: it only has to cover what
 * operating systems commonly fail to type.
 */
const byExtension: Readonly<Record<string, string>> = {
  avif: 'image/avif', bmp: 'image/bmp', gif: 'image/gif', heic: 'image/heic', heif: 'image/heif',
  ico: 'image/vnd.microsoft.icon', jpeg: 'image/jpeg', jpg: 'image/jpeg', png: 'image/png',
  svg: 'image/svg+xml', tif: 'image/tiff', tiff: 'image/tiff', webp: 'image/webp',
  aac: 'audio/aac', flac: 'audio/flac', m4a: 'audio/mp4', mp3: 'audio/mpeg', ogg: 'audio/ogg',
  opus: 'audio/opus', wav: 'audio/wav', weba: 'audio/webm',
  avi: 'video/x-msvideo', m4v: 'video/mp4', mkv: 'video/x-matroska', mov: 'video/quicktime',
  mp4: 'video/mp4', mpeg: 'video/mpeg', ogv: 'video/ogg', webm: 'video/webm',
  csv: 'text/csv', htm: 'text/html', html: 'text/html', ics: 'text/calendar', md: 'text/markdown',
  txt: 'text/plain', css: 'text/css', js: 'text/javascript', mjs: 'text/javascript',
  json: 'application/json', xml: 'application/xml', pdf: 'application/pdf', rtf: 'application/rtf',
  zip: 'application/zip', gz: 'application/gzip', tar: 'application/x-tar', '7z': 'application/x-7z-compressed',
  wasm: 'application/wasm', epub: 'application/epub+zip',
  doc: 'application/msword', xls: 'application/vnd.ms-excel', ppt: 'application/vnd.ms-powerpoint',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text', ttf: 'font/ttf', otf: 'font/otf',
  woff: 'font/woff', woff2: 'font/woff2',
};

/** The fallback S3 itself uses for untyped objects. */
export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/** The lower-cased extension of a file name, without the dot, or '' if none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : '';
}

/** The Content-Type for a file name alone, falling back to `application/octet-stream`. */
export function contentTypeForName(name: string): string {
  return byExtension[extensionOf(name)] ?? DEFAULT_CONTENT_TYPE;
}

/**
 * The Content-Type to sign and send: the browser's `file.type` when it has
 * one, else one from the extension, else `application/octet-stream`.
 */
export function resolveContentType(file: Pick<File, 'name' | 'type'>): string {
  return file.type.trim() || contentTypeForName(file.name);
}
