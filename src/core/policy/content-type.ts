/**
 * Browsers leave `file.type` empty for extensions the operating system does
 * not know, and a signed upload needs a definite Content-Type, so the types
 * systems most often miss (HEIC photos, Matroska video, Markdown, Office
 * files on machines without Office, archives) are mapped here. Each entry is
 * `type` (its extension is the subtype) or `type:ext,ext`; the table is
 * small on purpose.
 */
const OOXML = 'application/vnd.openxmlformats-officedocument.';
const TYPES =
  'image/avif image/gif image/heic image/heif image/jpeg:jpg,jpeg image/png image/svg+xml:svg image/tiff:tif,tiff image/webp ' +
  'audio/aac audio/flac audio/mp4:m4a audio/mpeg:mp3 audio/ogg audio/opus audio/wav ' +
  'video/x-matroska:mkv video/quicktime:mov video/mp4:mp4,m4v video/webm ' +
  'text/csv text/markdown:md text/plain:txt text/html:html,htm application/json application/pdf ' +
  'application/zip application/gzip:gz application/x-7z-compressed:7z application/epub+zip:epub ' +
  `${OOXML}wordprocessingml.document:docx ${OOXML}spreadsheetml.sheet:xlsx ${OOXML}presentationml.presentation:pptx`;

let byExtension: Map<string, string> | undefined;

function table(): Map<string, string> {
  if (!byExtension) {
    byExtension = new Map();
    for (const entry of TYPES.split(' ')) {
      const [type = '', extensions = type.slice(type.indexOf('/') + 1)] = entry.split(':');
      for (const extension of extensions.split(',')) byExtension.set(extension, type);
    }
  }
  return byExtension;
}

/** The fallback S3 itself uses for untyped objects. */
export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/** The lower-cased extension of a file name, without the dot, or '' if none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : '';
}

/** The Content-Type for a file name alone, falling back to `application/octet-stream`. */
export function contentTypeForName(name: string): string {
  return table().get(extensionOf(name)) ?? DEFAULT_CONTENT_TYPE;
}

/**
 * The Content-Type to sign and send: the browser's `file.type` when it has
 * one, else one from the extension, else `application/octet-stream`.
 */
export function resolveContentType(file: Pick<File, 'name' | 'type'>): string {
  return file.type.trim() || contentTypeForName(file.name);
}
