import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';

/**
 * A throwaway self-signed certificate for the bench's TLS fronts, made at
 * start in memory. Node can sign but has no API that writes an X.509
 * certificate, and the bench should not depend on an `openssl` binary, so
 * this encodes the few DER structures a P-256 certificate needs. Only the
 * bench's own Chromium contexts accept it (`ignoreHTTPSErrors`); nothing
 * is written to disk or installed anywhere.
 */
export interface SelfSignedCertificate {
  key: string;
  cert: string;
  /** base64 SHA-256 of the public key, the form `--ignore-certificate-errors-spki-list` takes. */
  spkiSha256: string;
}

function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

const der = (tag: number, ...parts: Buffer[]): Buffer => {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
};
const sequence = (...parts: Buffer[]) => der(0x30, ...parts);

function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * first + second];
  for (const arc of rest) {
    const base128 = [arc & 0x7f];
    for (let value = arc >> 7; value > 0; value >>= 7) base128.unshift(0x80 | (value & 0x7f));
    bytes.push(...base128);
  }
  return der(0x06, Buffer.from(bytes));
}

/** UTCTime, YYMMDDHHMMSSZ (valid until 2049, far beyond a bench run). */
const utcTime = (date: Date) => der(0x17, Buffer.from(`${date.toISOString().replace(/[-:T]/g, '').slice(2, 14)}Z`));
const commonName = (name: string) => sequence(der(0x31, sequence(oid('2.5.4.3'), der(0x0c, Buffer.from(name)))));
const ECDSA_WITH_SHA256 = sequence(oid('1.2.840.10045.4.3.2'));

/** subjectAltName = IP:127.0.0.1, so the certificate names the host it is used for. */
const SAN_LOOPBACK = der(0xa3, sequence(sequence(oid('2.5.29.17'), der(0x04, sequence(der(0x87, Buffer.from([127, 0, 0, 1])))))));

export function selfSignedCertificate(): SelfSignedCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const serial = randomBytes(8);
  serial[0] = (serial[0] ?? 0) & 0x7f; // a positive INTEGER
  const now = Date.now();
  const tbs = sequence(
    der(0xa0, der(0x02, Buffer.from([2]))), // version 3, for the extension
    der(0x02, serial),
    ECDSA_WITH_SHA256,
    commonName('127.0.0.1'),
    sequence(utcTime(new Date(now - 3_600_000)), utcTime(new Date(now + 7 * 86_400_000))),
    commonName('127.0.0.1'),
    spki,
    SAN_LOOPBACK,
  );
  // crypto.sign gives ECDSA's DER (r, s) pair, which is what the BIT STRING holds.
  const certificate = sequence(tbs, ECDSA_WITH_SHA256, der(0x03, Buffer.from([0]), sign('sha256', tbs, privateKey)));
  const lines = certificate.toString('base64').match(/.{1,64}/g) ?? [];
  return {
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    cert: `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`,
    spkiSha256: createHash('sha256').update(spki).digest('base64'),
  };
}
