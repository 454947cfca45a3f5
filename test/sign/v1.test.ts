import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BufferSource } from '../../src/apk/source.js';
import { openZip } from '../../src/apk/zip.js';
import { parseCertificate, publicKeyMatches } from '../../src/sign/certificate.js';
import { readSigning } from '../../src/sign/index.js';
import { readPkcs7SignedData } from '../../src/sign/pkcs7.js';
import { identifyV1Signer } from '../../src/sign/v1.js';
import { DiagnosticSink } from '../../src/util/diagnostics.js';
import { PledgeError } from '../../src/util/errors.js';
import { CERTS, MF, SF, int, oid, pkcs7, seq, storedZip, tlv } from './builders.js';

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

function thrown(f: () => unknown): PledgeError | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    if (e instanceof PledgeError) return e;
    throw e;
  }
}

function signing(entries: ReadonlyArray<readonly [string, Uint8Array]>) {
  const diags = new DiagnosticSink();
  const zip = openZip(new BufferSource(storedZip(entries), 'test.apk'), { diagnostics: diags });
  return { info: readSigning(zip), diags: diags.items };
}

describe('certificates', () => {
  it('describes a certificate from its stored bytes', () => {
    const p = parseCertificate(CERTS.signer);
    expect(p.info).toEqual({
      sha256: sha256(CERTS.signer),
      sha1: createHash('sha1').update(CERTS.signer).digest('hex'),
      subject: 'C=US, O=Android, CN=Android Debug',
      issuer: 'CN=Pledge Test CA',
      serialNumber: '0102030405',
      keyType: 'EC',
      keySize: 256,
      curve: 'prime256v1',
      notBefore: '2026-11-29T22:41:24Z',
      notAfter: '2126-11-05T22:41:24Z',
      signatureAlgorithm: 'SHA256withECDSA',
      isDebug: true,
    });
    expect(p.subjectKeyId?.length).toBe(20);
    const other = parseCertificate(CERTS.other).info;
    expect(other).toMatchObject({ keyType: 'RSA', keySize: 1024, subject: 'CN=Other Signer', serialNumber: '07', isDebug: false, signatureAlgorithm: 'SHA256withRSA' });
    expect(other.curve).toBeUndefined();
  });

  it('rejects garbage, stray trailing bytes, and structures OpenSSL refuses', () => {
    expect(thrown(() => parseCertificate(Buffer.from('not a certificate')))?.code).toBe('E_SIG_MALFORMED');
    expect(thrown(() => parseCertificate(Buffer.concat([CERTS.signer, Buffer.from([0])])))?.code).toBe('E_SIG_MALFORMED');
    // PEM text: node would accept it, a signature block never holds it.
    const pem = `-----BEGIN CERTIFICATE-----\n${CERTS.ca.toString('base64')}\n-----END CERTIFICATE-----\n`;
    expect(thrown(() => parseCertificate(Buffer.from(pem)))?.code).toBe('E_SIG_MALFORMED');
    // Shaped like a certificate to our walk (issuer is a SEQUENCE of INTEGER), undecodable to OpenSSL.
    const t = tlv(0x17, Buffer.from('260101000000Z'));
    const tbs = seq(tlv(0xa0, int(2)), int(1), seq(oid('1.2.840.10045.4.3.2')), seq(int(5)), seq(t, t), seq(), seq(seq(oid('1.2.840.10045.2.1')), tlv(0x03, Buffer.from([0, 4]))));
    const fake = seq(tbs, seq(oid('1.2.840.10045.4.3.2')), tlv(0x03, Buffer.from([0])));
    expect(thrown(() => parseCertificate(fake))?.message).toMatch(/node:crypto cannot decode/);
  });

  it("compares a signer record's public key with the certificate's", () => {
    const signer = parseCertificate(CERTS.signer);
    const other = parseCertificate(CERTS.other);
    expect(publicKeyMatches(signer, signer.spki)).toBe(true);
    expect(publicKeyMatches(signer, other.spki)).toBe(false);
    expect(publicKeyMatches(signer, Buffer.from('garbage'))).toBeUndefined();
  });
});

describe('PKCS#7 signature blocks', () => {
  it('reads the certificate set and signer identifiers', () => {
    const sd = readPkcs7SignedData(pkcs7([CERTS.ca, CERTS.signer], [{ issuerAndSerialOf: CERTS.signer }]));
    expect(sd.certificates.map((c) => sha256(c))).toEqual([sha256(CERTS.ca), sha256(CERTS.signer)]);
    expect(sd.signerIds).toHaveLength(1);
    expect(sd.signerIds[0]?.kind).toBe('issuerAndSerialNumber');
  });

  it('picks the signer named by issuerAndSerialNumber, whatever its position, and keeps the rest as chain', () => {
    const diags = new DiagnosticSink();
    const found = identifyV1Signer(pkcs7([CERTS.ca, CERTS.signer, CERTS.other], [{ issuerAndSerialOf: CERTS.signer }]), 'META-INF/CERT.RSA', diags);
    expect(found?.certificate.info.sha256).toBe(sha256(CERTS.signer));
    expect(found?.chain.map((c) => c.info.sha256)).toEqual([sha256(CERTS.ca), sha256(CERTS.other)]);
    expect(found?.malformed).toBe(false);
    expect(diags.items).toEqual([]);
  });

  it('picks the signer named by subjectKeyIdentifier', () => {
    const ski = parseCertificate(CERTS.signer).subjectKeyId as Uint8Array;
    const found = identifyV1Signer(pkcs7([CERTS.ca, CERTS.signer], [{ subjectKeyId: Buffer.from(ski) }]), 'META-INF/CERT.EC', new DiagnosticSink());
    expect(found?.certificate.info.sha256).toBe(sha256(CERTS.signer));
  });

  it('reports the first certificate, malformed, when no SignerInfo matches', () => {
    const diags = new DiagnosticSink();
    const found = identifyV1Signer(pkcs7([CERTS.ca, CERTS.other], [{ issuerAndSerialOf: CERTS.signer }]), 'META-INF/CERT.RSA', diags);
    expect(found?.certificate.info.sha256).toBe(sha256(CERTS.ca));
    expect(found?.malformed).toBe(true);
    expect(diags.items.map((d) => d.code)).toEqual(['W_SIG_MALFORMED']);
  });

  it('skips a certificate of garbage bytes with a diagnostic and still finds the signer', () => {
    const diags = new DiagnosticSink();
    const garbage = seq(Buffer.from('garbage garbage garbage'));
    const found = identifyV1Signer(pkcs7([garbage, CERTS.signer], [{ issuerAndSerialOf: CERTS.signer }]), 'META-INF/CERT.RSA', diags);
    expect(found?.certificate.info.sha256).toBe(sha256(CERTS.signer));
    expect(diags.items).toHaveLength(1);
    expect(diags.items[0]).toMatchObject({ code: 'W_SIG_MALFORMED', entry: 'META-INF/CERT.RSA' });
    const none = new DiagnosticSink();
    expect(identifyV1Signer(pkcs7([garbage], [{ issuerAndSerialOf: CERTS.signer }]), 'META-INF/CERT.RSA', none)).toBeUndefined();
    expect(none.items.map((d) => d.code)).toEqual(['W_SIG_MALFORMED', 'W_SIG_MALFORMED']);
  });

  it('rejects blobs that are not a DER SignedData with E_SIG_MALFORMED', () => {
    expect(thrown(() => readPkcs7SignedData(Buffer.from('this is not DER at all')))?.code).toBe('E_SIG_MALFORMED');
    expect(thrown(() => readPkcs7SignedData(seq(oid('1.2.840.113549.1.7.1'), tlv(0xa0, seq()))))?.message).toMatch(/not signedData/);
    expect(thrown(() => readPkcs7SignedData(Buffer.from([0x30, 0x80, 0x06, 0x09])))?.code).toBe('E_SIG_MALFORMED');
    expect(thrown(() => readPkcs7SignedData(seq(oid('1.2.840.113549.1.7.2'), tlv(0xa0, seq(int(1))))))?.code).toBe('E_SIG_MALFORMED');
  });
});

describe('v1 signatures in an APK', () => {
  const rsa = pkcs7([CERTS.ca, CERTS.signer], [{ issuerAndSerialOf: CERTS.signer }]);

  it('reports the signer, chain, and the META-INF entries', () => {
    const { info, diags } = signing([
      ['AndroidManifest.xml', Buffer.alloc(8)],
      ['META-INF/MANIFEST.MF', MF],
      ['META-INF/CERT.SF', SF],
      ['META-INF/CERT.RSA', rsa],
      ['META-INF/services/x', Buffer.alloc(1)],
    ]);
    expect(diags).toEqual([]);
    expect(info.schemes).toEqual(['v1']);
    expect(info.malformedSchemes).toEqual([]);
    expect(info.v1Entries).toEqual(['META-INF/CERT.RSA', 'META-INF/CERT.SF', 'META-INF/MANIFEST.MF']);
    expect(info.signers).toHaveLength(1);
    expect(info.signers[0]).toMatchObject({ scheme: 'v1', index: 0, entry: 'META-INF/CERT.RSA' });
    expect(info.signers[0]?.certificate.sha256).toBe(sha256(CERTS.signer));
    expect(info.signers[0]?.chain.map((c) => c.sha256)).toEqual([sha256(CERTS.ca)]);
  });

  it('turns a signature block that is not DER into a diagnostic: v1 present, malformed, no signer', () => {
    const { info, diags } = signing([
      ['META-INF/MANIFEST.MF', MF],
      ['META-INF/CERT.SF', SF],
      ['META-INF/CERT.RSA', Buffer.from('\x01\x02 definitely not PKCS#7')],
    ]);
    expect(info.schemes).toEqual(['v1']);
    expect(info.malformedSchemes).toEqual(['v1']);
    expect(info.signers).toEqual([]);
    expect(diags).toHaveLength(1);
    expect(diags[0]).toMatchObject({ code: 'W_SIG_MALFORMED', entry: 'META-INF/CERT.RSA' });
  });

  it('ignores a signature block without its .SF, as Android does, with a diagnostic', () => {
    const { info, diags } = signing([
      ['META-INF/MANIFEST.MF', MF],
      ['META-INF/CERT.RSA', rsa],
    ]);
    expect(info.schemes).toEqual([]);
    expect(info.signers).toEqual([]);
    expect(info.v1Entries).toEqual(['META-INF/CERT.RSA', 'META-INF/MANIFEST.MF']);
    expect(diags.map((d) => d.entry)).toEqual(['META-INF/CERT.RSA']);
  });

  it('orders several signers by entry name and flags a missing MANIFEST.MF', () => {
    const ec = pkcs7([CERTS.other], [{ issuerAndSerialOf: CERTS.other }]);
    const { info, diags } = signing([
      ['META-INF/B.SF', SF],
      ['META-INF/B.EC', ec],
      ['META-INF/A.SF', SF],
      ['META-INF/A.RSA', rsa],
    ]);
    expect(info.signers.map((s) => [s.entry, s.index])).toEqual([
      ['META-INF/A.RSA', 0],
      ['META-INF/B.EC', 1],
    ]);
    expect(info.malformedSchemes).toEqual(['v1']);
    expect(diags.map((d) => d.message)).toEqual([expect.stringMatching(/without META-INF\/MANIFEST.MF/)]);
  });

  it('notes a .SF that claims a v2 signature the APK does not carry (stripped)', () => {
    const sf = Buffer.from('Signature-Version: 1.0\r\nX-Android-APK-Signed: 2, 3\r\nCreated-By: 1.0 (Android)\r\n\r\n', 'latin1');
    const { info, diags } = signing([
      ['META-INF/MANIFEST.MF', MF],
      ['META-INF/CERT.SF', sf],
      ['META-INF/CERT.RSA', rsa],
    ]);
    expect(info.schemes).toEqual(['v1']);
    expect(diags.map((d) => d.message)).toEqual([expect.stringMatching(/signed with v2 .*stripped/), expect.stringMatching(/signed with v3 .*stripped/)]);
  });
});
