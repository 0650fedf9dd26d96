/** Default messages S3 sends with its common error codes. */
const defaultMessages: Readonly<Record<string, string>> = {
  AccessDenied: 'Access Denied',
  EntityTooLarge: 'Your proposed upload exceeds the maximum allowed size.',
  ExpiredRequest: 'Request has expired.',
  InternalError: 'We encountered an internal error. Please try again.',
  NoSuchBucket: 'The specified bucket does not exist.',
  NoSuchKey: 'The specified key does not exist.',
  SignatureDoesNotMatch:
    'The request signature we calculated does not match the signature you provided. Check your secret access key and signing method.',
  SlowDown: 'Reduce your request rate.',
};

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** An S3 error document, `<Error><Code>…</Code><Message>…</Message></Error>`, as stores send it. */
export function s3ErrorXml(code: string, message: string = defaultMessages[code] ?? code): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error>`;
}
