import { crc32 } from 'node:zlib';

/**
 * Test-only encoders for signing data: DER, PKCS#7 SignedData, v2/v3 signer records, APK Signing
 * Blocks and a stored-entries zip writer that can put a signing block before its central
 * directory. The certificates are ours, made once with `openssl req -x509` / `openssl x509 -req`
 * for these tests (validity 2026–2126).
 */

function b64(s: string): Buffer {
  return Buffer.from(s, 'base64');
}

export const CERTS = {
  /** CN=Pledge Test CA, EC P-256, self-signed, serial 1. */
  ca: b64(
    'MIIBdjCCARygAwIBAgIBATAKBggqhkjOPQQDAjAZMRcwFQYDVQQDDA5QbGVkZ2UgVGVzdCBDQTAgFw0yNjExMjkyMjQxMjRa' +
    'GA8yMTI2MTEwNTIyNDEyNFowGTEXMBUGA1UEAwwOUGxlZGdlIFRlc3QgQ0EwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAT+' +
    'jypiNl6QAg7qrRl+DECbArKz8QDq2nTwU53Vsh3szlJjasg10HQDQPezYmVXF40F0XcUawmVQ8xjZGI81Z/qo1MwUTAdBgNV' +
    'HQ4EFgQUb1v/Y/sucZtfbOBR/KVSLbdS9hwwHwYDVR0jBBgwFoAUb1v/Y/sucZtfbOBR/KVSLbdS9hwwDwYDVR0TAQH/BAUw' +
    'AwEB/zAKBggqhkjOPQQDAgNIADBFAiEAxlckqbIKwXdY0shPb2/A/snbPEkXbf8xXYg6NvzPyUgCID40ezWupjZfKobb0/gC' +
    '2ll2M+b/oHZXrAJh/I+E5/Bk',
  ),
  /** C=US, O=Android, CN=Android Debug, EC P-256, issued by the CA, serial 0x0102030405, with a subjectKeyIdentifier. */
  signer: b64(
    'MIIBhzCCAS2gAwIBAgIFAQIDBAUwCgYIKoZIzj0EAwIwGTEXMBUGA1UEAwwOUGxlZGdlIFRlc3QgQ0EwIBcNMjYxMTI5MjI0' +
    'MTI0WhgPMjEyNjExMDUyMjQxMjRaMDcxCzAJBgNVBAYTAlVTMRAwDgYDVQQKDAdBbmRyb2lkMRYwFAYDVQQDDA1BbmRyb2lk' +
    'IERlYnVnMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEBR2P8llNQQYSBtkT6Epb3Ztv4uE8g3/wrKY2AG/IIITjKZxK+XZ5' +
    'jTqLwShHzAiwKc0+kc05vzI5XS5XX2C1BaNCMEAwHQYDVR0OBBYEFLnnqrThDsjCvtYw1vdGBFhJWrHsMB8GA1UdIwQYMBaA' +
    'FG9b/2P7LnGbX2zgUfylUi23UvYcMAoGCCqGSM49BAMCA0gAMEUCIQDFDk/JdWBfyK8bzHz9qkhZa19tJdOWgSf+Y/ZjCNla' +
    'YgIgX6Sd+4TNy27WXjJhtk9RVzhRawZu9GGBenS53WI1Dfc=',
  ),
  /** CN=Other Signer, RSA 1024, self-signed, serial 7. */
  other: b64(
    'MIIB+TCCAWKgAwIBAgIBBzANBgkqhkiG9w0BAQsFADAXMRUwEwYDVQQDDAxPdGhlciBTaWduZXIwIBcNMjYxMTI5MjI0MTI0' +
    'WhgPMjEyNjExMDUyMjQxMjRaMBcxFTATBgNVBAMMDE90aGVyIFNpZ25lcjCBnzANBgkqhkiG9w0BAQEFAAOBjQAwgYkCgYEA' +
    'sF1rcDSve0NVVFo/2gynmER4GdxWe5kU5+rPTbF5iapFKi4Ehj7e8O2Ev84QR4DBKVh4CLnXI49C9mDy8dTFvYm65KAbR9D/' +
    'PNPdJWIOKsGcs53dpeiRM7+Cp3K5KR7hyeoI8WXIDubBAKKg+bxwdAV7Uo5K7jNzQxA+WWx44hsCAwEAAaNTMFEwHQYDVR0O' +
    'BBYEFJh+HoiyHFFQop471T2Jn90DdrLFMB8GA1UdIwQYMBaAFJh+HoiyHFFQop471T2Jn90DdrLFMA8GA1UdEwEB/wQFMAMB' +
    'Af8wDQYJKoZIhvcNAQELBQADgYEAVzwDnydItDV5YuPDxocgWb/aKCKs3GCFDQL3LKQcYQP/H0YzbtCqMCX8RIantyWqe9IY' +
    'RyW78v5flZH+FRP6FskuEY/oCwX156k2wUoJhKCBB34abGWTouYypmC4pr8W7xZJP3z5k4uXgXTPFYMUri4ZGIkLhx8G4fQi' +
    'u8XD4jY=',
  ),
} as const;

export function concat(...parts: Uint8Array[]): Buffer {
  return Buffer.concat(parts);
}

export function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}

export function u64(n: number | bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
}

/** uint32 length-prefixed concatenation. */
export function lp(...parts: Uint8Array[]): Buffer {
  const body = concat(...parts);
  return concat(u32(body.length), body);
}

// --- DER -------------------------------------------------------------------------------------

export function tlv(tag: number, ...content: Uint8Array[]): Buffer {
  const body = concat(...content);
  const n = body.length;
  let len: Buffer;
  if (n < 0x80) len = Buffer.from([n]);
  else if (n < 0x100) len = Buffer.from([0x81, n]);
  else if (n < 0x10000) len = Buffer.from([0x82, n >> 8, n & 0xff]);
  else len = Buffer.from([0x83, n >> 16, (n >> 8) & 0xff, n & 0xff]);
  return concat(Buffer.from([tag]), len, body);
}

export const seq = (...c: Uint8Array[]): Buffer => tlv(0x30, ...c);
export const set = (...c: Uint8Array[]): Buffer => tlv(0x31, ...c);
export const int = (...bytes: number[]): Buffer => tlv(0x02, Buffer.from(bytes));

export function oid(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number);
  const out: number[] = [];
  for (const arc of [(arcs[0] as number) * 40 + (arcs[1] as number), ...arcs.slice(2)]) {
    const group: number[] = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) group.unshift((v & 0x7f) | 0x80);
    out.push(...group);
  }
  return tlv(0x06, Buffer.from(out));
}

/** issuer and serial of a certificate, read with a minimal walk (tests trust their own certs). */
export function issuerAndSerial(cert: Buffer): { issuer: Buffer; serial: Buffer } {
  const children = (buf: Buffer, at: number): Array<{ start: number; end: number; body: number }> => {
    const out: Array<{ start: number; end: number; body: number }> = [];
    const head = (p: number): { body: number; end: number } => {
      let q = p + 1;
      let len = buf[q++] as number;
      if (len & 0x80) {
        const n = len & 0x7f;
        len = 0;
        for (let i = 0; i < n; i++) len = len * 256 + (buf[q++] as number);
      }
      return { body: q, end: q + len };
    };
    const parent = head(at);
    for (let p = parent.body; p < parent.end; ) {
      const h = head(p);
      out.push({ start: p, end: h.end, body: h.body });
      p = h.end;
    }
    return out;
  };
  const tbs = children(cert, 0)[0]!;
  const fields = children(cert, tbs.start);
  const serial = fields[1]!;
  const issuer = fields[3]!;
  return { issuer: cert.subarray(issuer.start, issuer.end), serial: cert.subarray(serial.start, serial.end) };
}

export interface SignerIdSpec {
  issuerAndSerialOf?: Buffer;
  subjectKeyId?: Buffer;
}

/** ContentInfo(SignedData) with the given certificates and one SignerInfo per signer id. */
export function pkcs7(certs: readonly Buffer[], signerIds: readonly SignerIdSpec[]): Buffer {
  const sha256 = seq(oid('2.16.840.1.101.3.4.2.1'), tlv(0x05));
  const infos = signerIds.map((id) => {
    let sid: Buffer;
    if (id.issuerAndSerialOf !== undefined) {
      const { issuer, serial } = issuerAndSerial(id.issuerAndSerialOf);
      sid = seq(issuer, serial);
    } else {
      sid = tlv(0x80, id.subjectKeyId ?? Buffer.alloc(0));
    }
    return seq(int(id.issuerAndSerialOf !== undefined ? 1 : 3), sid, sha256, seq(oid('1.2.840.10045.4.3.2')), tlv(0x04, Buffer.alloc(8)));
  });
  const signedData = seq(int(1), set(sha256), seq(oid('1.2.840.113549.1.7.1')), tlv(0xa0, ...certs), set(...infos));
  return seq(oid('1.2.840.113549.1.7.2'), tlv(0xa0, signedData));
}

// --- APK Signature Scheme v2/v3 ----------------------------------------------------------------

export interface SignerSpec {
  certs: readonly Uint8Array[];
  publicKey: Uint8Array;
  /** v3: the SDK range (both copies unless recordSdk overrides the unsigned one). */
  sdk?: readonly [number, number];
  recordSdk?: readonly [number, number];
  attributes?: ReadonlyArray<readonly [number, Uint8Array]>;
  signatureAlgorithms?: readonly number[];
}

export function schemeSigner(spec: SignerSpec): Buffer {
  const algs = spec.signatureAlgorithms ?? [0x0201];
  const digests = lp(...algs.map((a) => lp(u32(a), lp(Buffer.alloc(32, 0xdd)))));
  const certs = lp(...spec.certs.map((c) => lp(c)));
  const attrs = lp(...(spec.attributes ?? []).map(([id, v]) => lp(u32(id), v)));
  const sdk = spec.sdk;
  const signedData = sdk === undefined ? concat(digests, certs, attrs) : concat(digests, certs, u32(sdk[0]), u32(sdk[1]), attrs);
  const signatures = lp(...algs.map((a) => lp(u32(a), lp(Buffer.alloc(64, 0x55)))));
  const record = spec.recordSdk ?? sdk;
  const range = record === undefined ? Buffer.alloc(0) : concat(u32(record[0]), u32(record[1]));
  return lp(lp(signedData), range, signatures, lp(spec.publicKey));
}

/** A scheme pair value: the length-prefixed sequence of signers. */
export function schemeValue(...signers: Buffer[]): Buffer {
  return lp(...signers);
}

/** A proof-of-rotation attribute value: version 1 and one node per certificate. */
export function lineageValue(nodes: ReadonlyArray<{ cert: Uint8Array; flags: number }>): Buffer {
  return concat(u32(1), ...nodes.map((n) => lp(lp(lp(n.cert), u32(0x0201)), u32(n.flags), u32(0x0201), lp(Buffer.alloc(16, 0x77)))));
}

export const MAGIC = Buffer.from('APK Sig Block 42', 'latin1');

/** An APK Signing Block; `headerSize` overrides the header's copy of the size. */
export function signingBlock(pairs: ReadonlyArray<readonly [number, Uint8Array]>, opts: { headerSize?: number | bigint } = {}): Buffer {
  const body = concat(...pairs.map(([id, v]) => concat(u64(v.length + 4), u32(id), v)));
  const size = body.length + 8 + 16;
  return concat(u64(opts.headerSize ?? size), body, u64(size), MAGIC);
}

// --- zip ---------------------------------------------------------------------------------------

/** A zip of stored entries; `beforeCd` (a signing block) is placed between the data and the CD. */
export function storedZip(entries: ReadonlyArray<readonly [string, Uint8Array]>, opts: { beforeCd?: Uint8Array; betweenCdAndEocd?: Uint8Array } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const n = Buffer.from(name, 'utf8');
    const crc = crc32(data) >>> 0;
    const lfh = Buffer.alloc(30);
    lfh.writeUInt32LE(0x04034b50, 0);
    lfh.writeUInt16LE(10, 4);
    lfh.writeUInt32LE(crc, 14);
    lfh.writeUInt32LE(data.length, 18);
    lfh.writeUInt32LE(data.length, 22);
    lfh.writeUInt16LE(n.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(10, 6);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(data.length, 20);
    cd.writeUInt32LE(data.length, 24);
    cd.writeUInt16LE(n.length, 28);
    cd.writeUInt32LE(offset, 42);
    locals.push(lfh, n, Buffer.from(data));
    centrals.push(cd, n);
    offset += 30 + n.length + data.length;
  }
  const before = Buffer.from(opts.beforeCd ?? []);
  const cdOffset = offset + before.length;
  const cd = concat(...centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  return concat(...locals, before, cd, Buffer.from(opts.betweenCdAndEocd ?? []), eocd);
}

export const SF = Buffer.from('Signature-Version: 1.0\r\nCreated-By: 1.0 (Android)\r\n\r\n', 'latin1');
export const MF = Buffer.from('Manifest-Version: 1.0\r\n\r\n', 'latin1');
