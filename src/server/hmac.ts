/** HMAC-SHA256 and hex on Web Crypto, shared by SigV4 and the multipart token. */

const encoder = new TextEncoder();

/** UTF-8 bytes of a string. */
export const utf8 = (text: string): Uint8Array<ArrayBuffer> => encoder.encode(text);

/** Lower-case hex of bytes. */
export const hex = (buffer: ArrayBuffer): string => Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, '0')).join('');

/** Imports `key` for HMAC-SHA256. */
export const hmacKey = (key: ArrayBuffer | Uint8Array<ArrayBuffer>): Promise<CryptoKey> =>
  crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);

/** HMAC-SHA256 of `data` (UTF-8) under `key`. */
export async function hmac(key: ArrayBuffer | Uint8Array<ArrayBuffer>, data: string): Promise<ArrayBuffer> {
  return crypto.subtle.sign('HMAC', await hmacKey(key), utf8(data));
}
