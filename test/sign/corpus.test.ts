import { describe, expect, it } from 'vitest';
import { FileSource } from '../../src/apk/source.js';
import { openZip } from '../../src/apk/zip.js';
import { formatSigningLines, isJanusExposed, readSigning, type SigningInfo } from '../../src/sign/index.js';
import { DiagnosticSink } from '../../src/util/diagnostics.js';
import { corpusPath, hasCorpus } from '../helpers/corpus.js';

/** Facts apksigner does not print (lineage, key types, SDK ranges, stored-byte digests), checked on named corpus files. */

function read(rel: string): { info: SigningInfo; diags: DiagnosticSink } {
  const source = new FileSource(corpusPath(rel));
  try {
    const diags = new DiagnosticSink();
    return { info: readSigning(openZip(source, { diagnostics: diags })), diags };
  } finally {
    source.close();
  }
}

const RSA_2048 = 'fb5dbd3c669af9fc236c6991e6387b7f11ff0590997f22d0f5c74ff40e04fca8';
const RSA_2048_2 = '681b0e56a796350c08647352a4db800cc44b2adc8f4c72fa350bd05d4d50264d';
const RSA_2048_3 = 'bb77a72efc60e66501ab75953af735874f82cfe52a70d035186a01b3482180f3';
const EC_P256 = '6a8b96e278e58f62cfe3584022cec1d0527fcb85a9e5d2e1694eb0405be5b599';
const EC_P256_2 = 'd78405f761ff6236cc9b570347a570aba0c62a129a3ac30c831c64d09ad95469';

describe.skipIf(!hasCorpus())('signing facts of named corpus APKs', () => {
  it('three-signer rotation: lineage oldest first, the v3 signer last, v1/v2 by the original key', () => {
    const { info } = read('signing/androguard__v1v2v3-with-rsa-2048-lineage-3-signers.apk');
    expect(formatSigningLines(info)).toEqual([`v1 ${RSA_2048}`, `v2 ${RSA_2048}`, `v3 ${RSA_2048_3}`]);
    expect(info.lineage?.map((c) => [c.sha256, c.subject, c.flags])).toEqual([
      [RSA_2048, 'CN=rsa-2048', 23],
      [RSA_2048_2, 'CN=rsa-2048_2', 23],
      [RSA_2048_3, 'CN=rsa-2048_3', 23],
    ]);
    expect(info.lineage?.[0]?.capabilities).toEqual(['installed-data', 'shared-uid', 'permission', 'auth']);
    expect(info.signers.find((s) => s.scheme === 'v3')).toMatchObject({ minSdk: 24, maxSdk: 0x7fffffff, signatureAlgorithms: ['RSA_PKCS1_V1_5_WITH_SHA256', 'VERITY_RSA_PKCS1_V1_5_WITH_SHA256'] });
    expect(info.signers[0]?.certificate).toMatchObject({ keyType: 'RSA', keySize: 2048, signatureAlgorithm: 'SHA256withRSA', isDebug: false });
  });

  it('v3.1: the rotated signer under v3.1, the original under v3, and the v3.1 lineage', () => {
    const { info, diags } = read('signing/androguard__v31-ec-p256-2-tgt-33-1-tgt-28-targetSdk-30.apk');
    expect(info.schemes).toEqual(['v1', 'v2', 'v3', 'v3.1']);
    expect(formatSigningLines(info)).toEqual([`v1 ${EC_P256}`, `v2 ${EC_P256}`, `v3 ${EC_P256}`, `v3.1 ${EC_P256_2}`]);
    expect(info.lineage?.map((c) => c.sha256)).toEqual([EC_P256, EC_P256_2]);
    expect(info.signers.map((s) => [s.scheme, s.minSdk, s.maxSdk])).toEqual([
      ['v1', undefined, undefined],
      ['v2', undefined, undefined],
      ['v3', 24, 32],
      ['v3.1', 32, 0x7fffffff],
    ]);
    expect(info.signers[3]?.certificate).toMatchObject({ keyType: 'EC', keySize: 256, curve: 'prime256v1' });
    expect(diags.items).toEqual([]);
  });

  it('digests are over the stored certificate, not a re-encoding (non-DER length in the cert)', () => {
    const { info } = read('signing/androguard__v1-only-with-rsa-1024-cert-not-der.apk');
    // node's X509Certificate#raw re-encodes this certificate; its SHA-256 would be bc5e64ea….
    expect(formatSigningLines(info)).toEqual(['v1 c5d4535a7e1c8111687a8374b2198da6f5ff8d811a7a25aa99ef060669342fa9']);
  });

  it('DSA and EC v1 signers, a debug certificate, and a PKCS#7 chain', () => {
    expect(read('signing/androguard__v1-only-with-dsa-sha256-1.2.840.10040.4.1-2048.apk').info.signers[0]?.certificate).toMatchObject({ keyType: 'DSA', keySize: 2048 });
    expect(read('signing/androguard__v1-only-with-ecdsa-sha256-1.2.840.10045.4.3.2-p256.apk').info.signers[0]?.certificate).toMatchObject({ keyType: 'EC', curve: 'prime256v1' });
    const debug = read('apk/androguard__TC-debug.apk').info;
    expect(debug.signers[0]?.certificate).toMatchObject({ subject: 'C=US, O=Android, CN=Android Debug', isDebug: true, keySize: 1024, signatureAlgorithm: 'SHA1withRSA' });
    const chain = read('apk/androguard__CertChain.apk').info.signers[0];
    expect(chain?.chain).toHaveLength(2);
    expect(chain?.certificate.subject).toMatch(/CN=Microsoft Corporation Third Party Marketplace/);
  });

  it('unknown pairs are recorded by ID', () => {
    expect(read('signing/androguard__v2-only-unknown-pair-in-apk-sig-block.apk').info.unknownBlockIds).toEqual([0x12345678]);
    // A block with no v2 pair, only one whose ID is one off.
    const noV2 = read('signing/androguard__v1-with-apk-sig-block-but-without-apk-sig-scheme-v2-block.apk').info;
    expect(noV2.schemes).toEqual(['v1']);
    expect(noV2.unknownBlockIds).toEqual([0x7109871b]);
    // Google Play's dependency-info block.
    expect(read('apk/oaid__demo__47dd5c5.apk').info.unknownBlockIds).toEqual([0x504b4453]);
  });

  it('Janus exposure: v1-only APKs, per minSdk', () => {
    const janus = read('apk/fdroid__janus.apk').info;
    expect(janus.schemes).toEqual(['v1']);
    expect(isJanusExposed(janus, 14)).toBe(true);
    expect(isJanusExposed(janus, 24)).toBe(false);
    expect(isJanusExposed(read('signing/androguard__original.apk').info, 14)).toBe(false);
  });

  it('v1Entries lists MANIFEST.MF, .SF and signature blocks only', () => {
    expect(read('apk/androguard__partialsignature.apk').info.v1Entries).toEqual([
      'META-INF/6AD89F48.RSA',
      'META-INF/6AD89F48.SF',
      'META-INF/CERT.RSA',
      'META-INF/MANIFEST.MF',
    ]);
  });
});
