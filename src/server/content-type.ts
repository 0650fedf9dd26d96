/** RFC 9110 token characters. */
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";

/**
 * `type/subtype` with optional `; name=value` parameters. Quoted values and
 * extra whitespace are refused: SigV4 collapses whitespace inside signed
 * header values and fetch trims them, so such a value would be signed in one
 * form and sent in another.
 */
const CONTENT_TYPE = new RegExp(`^${TOKEN}/${TOKEN}(?:; ?${TOKEN}=${TOKEN})*$`);

/** Longer values are not real media types and only bloat the signed URL. */
const MAX_CONTENT_TYPE_LENGTH = 255;

/** A token without `*`, so that a stray `*` in an allow-list entry is an error rather than a literal. */
const NAME = "[!#$%&'+.^_`|~0-9A-Za-z-]+";
const PATTERN = new RegExp(`^(?:\\*/\\*|${NAME}/\\*|${NAME}/${NAME})$`);

/** True for a Content-Type that can be signed and sent unchanged. */
export function isValidContentType(value: string): boolean {
  return value.length <= MAX_CONTENT_TYPE_LENGTH && CONTENT_TYPE.test(value);
}

/** True for an allow-list entry: `type/subtype`, `type/*` or `*\/*`. */
export function isValidContentTypePattern(pattern: string): boolean {
  return PATTERN.test(pattern);
}
