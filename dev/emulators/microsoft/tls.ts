import { generateKeyPairSync, randomBytes, sign, X509Certificate } from 'node:crypto';

/**
 * A self-signed X.509 v3 certificate for 127.0.0.1, built with node:crypto and a tiny DER writer
 * (RFC 5280 §4.1), so the HTTPS emulator needs no extra package. The certificate is its own CA:
 * tests trust it by passing `ca` to their HTTP agent.
 */

function der(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  const len = body.length;
  let header: Buffer;
  if (len < 0x80) header = Buffer.from([tag, len]);
  else if (len < 0x100) header = Buffer.from([tag, 0x81, len]);
  else header = Buffer.from([tag, 0x82, len >> 8, len & 0xff]);
  return Buffer.concat([header, body]);
}

const seq = (...c: Buffer[]) => der(0x30, ...c);
const set = (...c: Buffer[]) => der(0x31, ...c);
const int = (bytes: Buffer) => der(0x02, bytes[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
const nul = () => Buffer.from([0x05, 0x00]);
const utf8 = (s: string) => der(0x0c, Buffer.from(s, 'utf8'));
const octets = (b: Buffer) => der(0x04, b);
const bits = (b: Buffer) => der(0x03, Buffer.from([0]), b);
const explicit = (n: number, c: Buffer) => der(0xa0 + n, c);

function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const bytes = [40 * parts[0]! + parts[1]!];
  for (const p of parts.slice(2)) {
    const chunk = [p & 0x7f];
    for (let v = p >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
}

function utcTime(d: Date): Buffer {
  const s = d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z'; // YYMMDDHHMMSSZ
  return der(0x17, Buffer.from(s, 'ascii'));
}

/** A positive, minimally encoded serial number (DER forbids leading zero octets). */
function serial(): Buffer {
  const b = randomBytes(8);
  b[0] = (b[0]! & 0x7f) | 0x01;
  return b;
}

export interface TlsMaterial {
  key: string;
  cert: string;
}

export function selfSignedCertificate(now: Date): TlsMaterial {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const sha256WithRsa = seq(oid('1.2.840.113549.1.1.11'), nul());
  const name = seq(set(seq(oid('2.5.4.3'), utf8('Boundary Graph emulator'))));
  const notBefore = new Date(now.getTime() - 86_400_000);
  const notAfter = new Date(now.getTime() + 365 * 86_400_000);
  // subjectAltName with iPAddress 127.0.0.1 and dNSName localhost: Node checks the IP SAN.
  const san = seq(der(0x87, Buffer.from([127, 0, 0, 1])), der(0x82, Buffer.from('localhost')));
  const basicConstraintsCa = seq(der(0x01, Buffer.from([0xff])));
  const extensions = explicit(
    3,
    seq(
      seq(oid('2.5.29.17'), octets(san)),
      seq(oid('2.5.29.19'), der(0x01, Buffer.from([0xff])), octets(basicConstraintsCa)),
    ),
  );
  const tbs = seq(
    explicit(0, int(Buffer.from([2]))),
    int(serial()),
    sha256WithRsa,
    name,
    seq(utcTime(notBefore), utcTime(notAfter)),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    extensions,
  );
  const signature = sign('sha256', tbs, privateKey);
  const certDer = seq(tbs, sha256WithRsa, bits(signature));
  const cert = new X509Certificate(certDer).toString();
  const key = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  return { key, cert };
}
