import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BufferSource } from '../../src/apk/source.js';
import { openZip } from '../../src/apk/zip.js';
import { parseCertificate } from '../../src/sign/certificate.js';
import { formatSigningLines, isJanusExposed, readSigning, type SigningInfo } from '../../src/sign/index.js';
import { readLineage } from '../../src/sign/lineage.js';
import { PROOF_OF_ROTATION_ATTR_ID, STRIPPING_PROTECTION_ATTR_ID, readSchemeBlock } from '../../src/sign/scheme-block.js';
import {
  APK_SIGNATURE_SCHEME_V2_BLOCK_ID as V2,
  APK_SIGNATURE_SCHEME_V31_BLOCK_ID as V31,
  APK_SIGNATURE_SCHEME_V3_BLOCK_ID as V3,
  SOURCE_STAMP_V2_BLOCK_ID,
  VERITY_PADDING_BLOCK_ID,
  findSigningBlock,
  parseSigningBlock,
} from '../../src/sign/signing-block.js';
import { DiagnosticSink, type Diagnostic } from '../../src/util/diagnostics.js';
import { PledgeError } from '../../src/util/errors.js';
import { CERTS, MAGIC, concat, lineageValue, lp, schemeSigner, schemeValue, signingBlock, storedZip, u32, u64, type SignerSpec } from './builders.js';

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const SIGNER = sha256(CERTS.signer);
const OTHER = sha256(CERTS.other);
const CA = sha256(CERTS.ca);
const SIGNER_KEY = parseCertificate(CERTS.signer).spki;
const OTHER_KEY = parseCertificate(CERTS.other).spki;
const CA_KEY = parseCertificate(CERTS.ca).spki;

const signerV2: SignerSpec = { certs: [CERTS.signer, CERTS.ca], publicKey: SIGNER_KEY };

function apk(block: Uint8Array | undefined, opts: { betweenCdAndEocd?: Uint8Array } = {}): Buffer {
  const zipOpts: { beforeCd?: Uint8Array; betweenCdAndEocd?: Uint8Array } = { ...opts };
  if (block !== undefined) zipOpts.beforeCd = block;
  return storedZip([['AndroidManifest.xml', Buffer.alloc(16)]], zipOpts);
}

function read(bytes: Buffer): { info: SigningInfo; diags: Diagnostic[] } {
  const diags = new DiagnosticSink();
  const zip = openZip(new BufferSource(bytes, 'test.apk'), { diagnostics: diags });
  return { info: readSigning(zip), diags: diags.items.filter((d) => !d.code.startsWith('W_ZIP')) };
}

const sigDiags = (d: Diagnostic[]): string[] => d.filter((x) => x.code === 'W_SIG_MALFORMED').map((x) => x.message);

describe('APK Signing Block: intact input', () => {
  it('reads a v2 signer with its chain and signature algorithms', () => {
    const { info, diags } = read(apk(signingBlock([[V2, schemeValue(schemeSigner({ ...signerV2, signatureAlgorithms: [0x0201, 0x0103] }))]])));
    expect(diags).toEqual([]);
    expect(info.schemes).toEqual(['v2']);
    expect(info.malformedSchemes).toEqual([]);
    expect(info.signers).toHaveLength(1);
    const s = info.signers[0];
    expect(s).toMatchObject({ scheme: 'v2', index: 0, signatureAlgorithms: ['ECDSA_WITH_SHA256', 'RSA_PKCS1_V1_5_WITH_SHA256'] });
    expect(s?.malformed).toBeUndefined();
    expect(s?.minSdk).toBeUndefined();
    expect(s?.certificate.sha256).toBe(SIGNER);
    expect(s?.certificate.isDebug).toBe(true);
    expect(s?.chain.map((c) => c.sha256)).toEqual([CA]);
    expect(info.lineage).toBeUndefined();
    expect(formatSigningLines(info)).toEqual([`v2 ${SIGNER}`]);
  });

  it('reads v3 and v3.1 signers, their SDK ranges, and prefers the v3.1 lineage', () => {
    const v3Lineage = lineageValue([{ cert: CERTS.other, flags: 0x17 }, { cert: CERTS.ca, flags: 0x17 }]);
    const v31Lineage = lineageValue([
      { cert: CERTS.other, flags: 0x1f },
      { cert: CERTS.ca, flags: 0x01 },
      { cert: CERTS.signer, flags: 0 },
    ]);
    const block = signingBlock([
      [V2, schemeValue(schemeSigner({ certs: [CERTS.other], publicKey: OTHER_KEY }))],
      [V3, schemeValue(schemeSigner({ certs: [CERTS.ca], publicKey: CA_KEY, sdk: [28, 32], attributes: [[PROOF_OF_ROTATION_ATTR_ID, v3Lineage]] }))],
      [V31, schemeValue(schemeSigner({ certs: [CERTS.signer], publicKey: SIGNER_KEY, sdk: [33, 0x7fffffff], attributes: [[PROOF_OF_ROTATION_ATTR_ID, v31Lineage]] }))],
      [VERITY_PADDING_BLOCK_ID, Buffer.alloc(100)],
    ]);
    const { info, diags } = read(apk(block));
    expect(diags).toEqual([]);
    expect(info.schemes).toEqual(['v2', 'v3', 'v3.1']);
    expect(info.signers.map((s) => [s.scheme, s.minSdk, s.maxSdk])).toEqual([
      ['v2', undefined, undefined],
      ['v3', 28, 32],
      ['v3.1', 33, 0x7fffffff],
    ]);
    expect(formatSigningLines(info)).toEqual([`v2 ${OTHER}`, `v3 ${CA}`, `v3.1 ${SIGNER}`]);
    expect(info.lineage?.map((c) => [c.sha256, c.flags, c.capabilities])).toEqual([
      [OTHER, 0x1f, ['installed-data', 'shared-uid', 'permission', 'rollback', 'auth']],
      [CA, 1, ['installed-data']],
      [SIGNER, 0, []],
    ]);
    expect(info.unknownBlockIds).toEqual([]);
  });

  it('records source stamps and the IDs of pairs it does not interpret', () => {
    const block = signingBlock([
      [0x71777777, Buffer.from('{"channel":"x"}')],
      [V2, schemeValue(schemeSigner(signerV2))],
      [SOURCE_STAMP_V2_BLOCK_ID, Buffer.alloc(8)],
      [0x504b4453, Buffer.alloc(4)],
      [0x71777777, Buffer.alloc(1)],
    ]);
    const { info, diags } = read(apk(block));
    expect(diags).toEqual([]);
    expect(info.sourceStamp).toBe(true);
    expect(info.unknownBlockIds).toEqual([0x71777777, 0x504b4453]);
  });

  it('reports no v2+ scheme when there is no block, or the footer magic is wrong', () => {
    expect(read(apk(undefined)).info.schemes).toEqual([]);
    const block = signingBlock([[V2, schemeValue(schemeSigner(signerV2))]]);
    block.write('APK Sig Block 43', block.length - 16, 'latin1');
    const { info, diags } = read(apk(block));
    expect(info.schemes).toEqual([]);
    expect(diags).toEqual([]);
  });
});

describe('APK Signing Block: hand-made bad input becomes diagnostics', () => {
  it('header and footer sizes that disagree: scheme present but malformed', () => {
    const good = signingBlock([[V2, schemeValue(schemeSigner(signerV2))]]);
    const block = signingBlock([[V2, schemeValue(schemeSigner(signerV2))]], { headerSize: good.length - 8 + 1 });
    const { info, diags } = read(apk(block));
    expect(sigDiags(diags)).toEqual([expect.stringMatching(/sizes in header .* and footer .* do not match/)]);
    expect(info.schemes).toEqual(['v2']);
    expect(info.malformedSchemes).toEqual(['v2']);
    expect(info.signers[0]?.malformed).toBe(true);
    expect(info.signers[0]?.certificate.sha256).toBe(SIGNER);
  });

  it('a pair length past the block ends the walk; pairs before it are kept', () => {
    const pairs = concat(u64(12 + 4), u32(0x12345678), Buffer.alloc(12), u64(1_000_000), u32(V2), Buffer.alloc(4));
    const size = pairs.length + 24;
    const block = concat(u64(size), pairs, u64(size), MAGIC);
    const { info, diags } = read(apk(block));
    expect(sigDiags(diags)).toEqual([expect.stringMatching(/pair #2: length 1000000 .* runs past the block/)]);
    expect(info.schemes).toEqual([]);
    expect(info.unknownBlockIds).toEqual([0x12345678]);

    const v2 = schemeValue(schemeSigner(signerV2));
    const after = concat(u64(v2.length + 4), u32(V2), v2, u64(2), u32(0));
    const size2 = after.length + 24;
    const kept = read(apk(concat(u64(size2), after, u64(size2), MAGIC)));
    expect(sigDiags(kept.diags)).toEqual([expect.stringMatching(/pair #2: length 2 is below 4/)]);
    expect(kept.info.schemes).toEqual(['v2']);
    expect(kept.info.malformedSchemes).toEqual([]);
  });

  it('a pair length above 2^53 or stray bytes too short for a length', () => {
    const huge = concat(u64(0xffffffffffffffffn), u32(V2));
    const size = huge.length + 24;
    expect(sigDiags(read(apk(concat(u64(size), huge, u64(size), MAGIC))).diags)).toEqual([expect.stringMatching(/length 18446744073709551615/)]);
    const stray = Buffer.alloc(5);
    const size2 = stray.length + 24;
    expect(sigDiags(read(apk(concat(u64(size2), stray, u64(size2), MAGIC))).diags)).toEqual([expect.stringMatching(/5 stray bytes/)]);
  });

  it('a block size that would start before the file, or below the footer size', () => {
    const block = signingBlock([[V2, schemeValue(schemeSigner(signerV2))]]);
    block.writeBigUInt64LE(1_000_000n, block.length - 24);
    const big = read(apk(block));
    expect(big.info.schemes).toEqual([]);
    expect(sigDiags(big.diags)).toEqual([expect.stringMatching(/would start before the file/)]);
    block.writeBigUInt64LE(3n, block.length - 24);
    expect(sigDiags(read(apk(block)).diags)).toEqual([expect.stringMatching(/smaller than the footer/)]);
  });

  it('a signer sequence whose outer length lies: scheme present, malformed, no signers', () => {
    const signers = schemeValue(schemeSigner(signerV2));
    signers.writeUInt32LE(signers.length + 10, 0);
    const { info, diags } = read(apk(signingBlock([[V2, signers]])));
    expect(info.schemes).toEqual(['v2']);
    expect(info.malformedSchemes).toEqual(['v2']);
    expect(info.signers).toEqual([]);
    expect(sigDiags(diags)).toEqual([expect.stringMatching(/v2 signers: length \d+ at 0x0 runs past its parent/)]);
  });

  it("a second signer whose length lies: the first signer is kept, the scheme is malformed", () => {
    const first = schemeSigner(signerV2);
    const second = schemeSigner({ certs: [CERTS.other], publicKey: OTHER_KEY });
    second.writeUInt32LE(second.length * 3, 0);
    const { info, diags } = read(apk(signingBlock([[V2, schemeValue(first, second)]])));
    expect(info.signers.map((s) => s.certificate.sha256)).toEqual([SIGNER]);
    expect(info.malformedSchemes).toEqual(['v2']);
    expect(sigDiags(diags)).toEqual([expect.stringMatching(/v2 signer #2: length/)]);
  });

  it("lengths that lie inside a signer: what was read is kept, the signer is malformed", () => {
    // The signatures field is the second length-prefixed field of the record.
    const record = schemeSigner(signerV2);
    const signedLen = record.readUInt32LE(4);
    record.writeUInt32LE(0xfffffff0, 4 + 4 + signedLen);
    const { info, diags } = read(apk(signingBlock([[V2, schemeValue(record)]])));
    expect(info.signers).toHaveLength(1);
    expect(info.signers[0]).toMatchObject({ malformed: true, signatureAlgorithms: [] });
    expect(info.signers[0]?.certificate.sha256).toBe(SIGNER);
    expect(info.malformedSchemes).toEqual(['v2']);
    expect(sigDiags(diags)).toEqual([expect.stringMatching(/v2 signer #1 signatures: length 4294967280/)]);

    const direct = readSchemeBlock(schemeValue(record), 'v2');
    expect(direct.signers[0]?.problem).toBeInstanceOf(PledgeError);
    expect(direct.signers[0]?.certificates).toHaveLength(2);
  });

  it("a certificate of garbage bytes: no signer, a diagnostic, the scheme malformed", () => {
    const garbage = schemeValue(schemeSigner({ certs: [Buffer.from('garbage!')], publicKey: SIGNER_KEY }));
    const { info, diags } = read(apk(signingBlock([[V2, garbage]])));
    expect(info.schemes).toEqual(['v2']);
    expect(info.malformedSchemes).toEqual(['v2']);
    expect(info.signers).toEqual([]);
    expect(sigDiags(diags)).toEqual([expect.stringMatching(/v2 signer #1 certificate #1: DER/)]);

    const badChain = schemeValue(schemeSigner({ certs: [CERTS.signer, Buffer.from([0x30, 0x03, 1, 2, 3])], publicKey: SIGNER_KEY }));
    const chain = read(apk(signingBlock([[V2, badChain]])));
    expect(chain.info.signers[0]?.chain).toEqual([]);
    expect(chain.info.signers[0]?.malformed).toBe(true);
    expect(sigDiags(chain.diags)).toEqual([expect.stringMatching(/certificate #2/)]);

    const none = read(apk(signingBlock([[V2, schemeValue(schemeSigner({ certs: [], publicKey: SIGNER_KEY }))]])));
    expect(sigDiags(none.diags)).toEqual([expect.stringMatching(/no certificate/)]);
  });

  it("a public key that is not the certificate's, or not a key at all", () => {
    const mismatch = read(apk(signingBlock([[V2, schemeValue(schemeSigner({ certs: [CERTS.signer], publicKey: OTHER_KEY }))]])));
    expect(sigDiags(mismatch.diags)).toEqual([expect.stringMatching(/public key does not match/)]);
    expect(mismatch.info.signers[0]?.malformed).toBe(true);
    const junk = read(apk(signingBlock([[V2, schemeValue(schemeSigner({ certs: [CERTS.signer], publicKey: Buffer.from('junk') }))]])));
    expect(sigDiags(junk.diags)).toEqual([expect.stringMatching(/not a loadable SubjectPublicKeyInfo/)]);
  });

  it('a v3 signer whose unsigned SDK range differs from the signed one', () => {
    const v3 = schemeValue(schemeSigner({ certs: [CERTS.signer], publicKey: SIGNER_KEY, sdk: [28, 40], recordSdk: [24, 40] }));
    const { info, diags } = read(apk(signingBlock([[V3, v3]])));
    expect(info.signers[0]).toMatchObject({ minSdk: 28, maxSdk: 40, malformed: true });
    expect(sigDiags(diags)).toEqual([expect.stringMatching(/SDK range 24-40 differs from the signed 28-40/)]);
  });

  it('an empty signer sequence, a duplicated scheme pair, a stripped v3', () => {
    const empty = read(apk(signingBlock([[V3, lp()]])));
    expect(empty.info).toMatchObject({ schemes: ['v3'], malformedSchemes: ['v3'], signers: [] });
    expect(sigDiags(empty.diags)).toEqual([expect.stringMatching(/no signers/)]);

    const first = schemeValue(schemeSigner(signerV2));
    const second = schemeValue(schemeSigner({ certs: [CERTS.other], publicKey: OTHER_KEY }));
    const dup = read(apk(signingBlock([
      [V2, first],
      [V2, second],
    ])));
    expect(formatSigningLines(dup.info)).toEqual([`v2 ${SIGNER}`]);
    expect(sigDiags(dup.diags)).toEqual([expect.stringMatching(/v2 block appears more than once/)]);

    const stripped = read(apk(signingBlock([[V2, schemeValue(schemeSigner({ ...signerV2, attributes: [[STRIPPING_PROTECTION_ATTR_ID, u32(3)]] }))]])));
    expect(sigDiags(stripped.diags)).toEqual([expect.stringMatching(/also signed with v3.*stripped/)]);
  });

  it('bytes between the central directory and the end record: Android ignores the block', () => {
    const { info, diags } = read(apk(signingBlock([[V2, schemeValue(schemeSigner(signerV2))]]), { betweenCdAndEocd: Buffer.alloc(7) }));
    expect(info.schemes).toEqual(['v2']);
    expect(info.malformedSchemes).toEqual(['v2']);
    expect(info.signers[0]?.malformed).toBe(true);
    expect(sigDiags(diags)).toEqual([expect.stringMatching(/7 bytes between the central directory and the end record/)]);
  });

  it('a lineage that lies is a diagnostic; the signer stays', () => {
    const lineage = lineageValue([{ cert: CERTS.other, flags: 1 }]);
    lineage.writeUInt32LE(9999, 4);
    const v3 = schemeValue(schemeSigner({ certs: [CERTS.signer], publicKey: SIGNER_KEY, sdk: [28, 40], attributes: [[PROOF_OF_ROTATION_ATTR_ID, lineage]] }));
    const { info, diags } = read(apk(signingBlock([[V3, v3]])));
    expect(info.lineage).toBeUndefined();
    expect(info.signers).toHaveLength(1);
    expect(sigDiags(diags)).toEqual([expect.stringMatching(/proof-of-rotation: lineage node #1: length 9999/)]);
    expect(() => readLineage(concat(u32(2)))).toThrow(/version 2/);
  });
});

describe('parseSigningBlock and findSigningBlock directly', () => {
  it('rejects buffers without a footer and counts what it walks', () => {
    expect(() => parseSigningBlock(Buffer.alloc(10), 0)).toThrow(PledgeError);
    expect(() => parseSigningBlock(concat(u64(100), u64(100), MAGIC), 0)).toThrow(/declares 108 bytes, 32 given/);
    const block = parseSigningBlock(signingBlock([[1, Buffer.alloc(3)], [2, Buffer.alloc(0)]]), 500);
    expect(block).toMatchObject({ offset: 500, malformed: false, pairs: [{ id: 1, valueOffset: 20, valueLength: 3 }, { id: 2, valueOffset: 35, valueLength: 0 }] });
  });

  it('finds no block before a central directory too close to the start', () => {
    expect(findSigningBlock(new BufferSource(Buffer.alloc(64)), 10)).toBeUndefined();
    expect(findSigningBlock(new BufferSource(Buffer.alloc(64)), 64)).toBeUndefined();
  });
});

describe('model helpers', () => {
  const cert = parseCertificate(CERTS.signer).info;
  const base: SigningInfo = { schemes: [], signers: [], malformedSchemes: [], sourceStamp: false, unknownBlockIds: [], v1Entries: [] };

  it('formats one line per signer, schemes in v1, v2, v3, v3.1 order', () => {
    const other = parseCertificate(CERTS.other).info;
    const info: SigningInfo = {
      ...base,
      schemes: ['v1', 'v3', 'v3.1'],
      signers: [
        { scheme: 'v3.1', index: 0, certificate: cert, chain: [] },
        { scheme: 'v1', index: 1, certificate: other, chain: [] },
        { scheme: 'v3', index: 0, certificate: other, chain: [] },
        { scheme: 'v1', index: 0, certificate: cert, chain: [] },
      ],
    };
    expect(formatSigningLines(info)).toEqual([`v1 ${SIGNER}`, `v1 ${OTHER}`, `v3 ${OTHER}`, `v3.1 ${SIGNER}`]);
    expect(formatSigningLines(base)).toEqual([]);
  });

  it('isJanusExposed: v1 only and minSdk below 24', () => {
    expect(isJanusExposed({ ...base, schemes: ['v1'] }, 23)).toBe(true);
    expect(isJanusExposed({ ...base, schemes: ['v1'] }, 24)).toBe(false);
    expect(isJanusExposed({ ...base, schemes: ['v1', 'v2'] }, 14)).toBe(false);
    expect(isJanusExposed({ ...base, schemes: ['v1', 'v3.1'] }, 14)).toBe(false);
    expect(isJanusExposed({ ...base, schemes: [] }, 14)).toBe(false);
  });
});
