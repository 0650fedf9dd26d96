/** An error as S3-compatible stores report it in their XML bodies. */
export interface S3ErrorBody {
  code: string;
  message?: string;
}

function tagText(xml: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xml);
  return match?.[1]?.trim();
}

/**
 * Reads `<Error><Code>…</Code><Message>…</Message></Error>`. The browser bundle
 * avoids an XML parser for this one shape: the store's error body is flat.
 */
export function parseS3Error(body: string): S3ErrorBody | undefined {
  if (!body.includes('<Error')) return undefined;
  const code = tagText(body, 'Code');
  if (!code) return undefined;
  const message = tagText(body, 'Message');
  return message ? { code, message: decodeXmlEntities(message) } : { code };
}

/** Decodes the five XML entities S3 bodies use (ETags arrive as `&quot;…&quot;`). */
export function decodeXmlEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
