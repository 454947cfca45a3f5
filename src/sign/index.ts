import type { ZipArchive } from '../apk/zip.js';
import type { DiagnosticSink } from '../util/diagnostics.js';
import { isPledgeError, type PledgeError } from '../util/errors.js';
import { parseCertificate, publicKeyMatches, type ParsedCertificate } from './certificate.js';
import { lineageCapabilities, readLineage } from './lineage.js';
import {
  PROOF_OF_ROTATION_ATTR_ID,
  STRIPPING_PROTECTION_ATTR_ID,
  readSchemeBlock,
  signatureAlgorithmName,
  type BlockScheme,
  type SchemeBlock,
  type SchemeSigner,
} from './scheme-block.js';
import {
  APK_SIGNATURE_SCHEME_V2_BLOCK_ID,
  APK_SIGNATURE_SCHEME_V31_BLOCK_ID,
  APK_SIGNATURE_SCHEME_V3_BLOCK_ID,
  KNOWN_BLOCK_IDS,
  SOURCE_STAMP_V1_BLOCK_ID,
  SOURCE_STAMP_V2_BLOCK_ID,
  findSigningBlock,
  pairValue,
  type SigningBlock,
} from './signing-block.js';
import { SCHEME_ORDER, type LineageCertificate, type SignerInfo, type SigningInfo, type SigningScheme } from './types.js';
import { readV1Signature } from './v1.js';

export type { CertificateInfo, LineageCertificate, SignerInfo, SigningInfo, SigningScheme } from './types.js';
export { SCHEME_ORDER } from './types.js';

/**
 * Signing facts of an APK: which schemes are present, who signed under each, the rotation
 * lineage, and what else sits in the APK Signing Block. Nothing is cryptographically verified
 * (apksigner does that); what is reported is what the APK carries. Malformed signature data
 * never throws: it becomes W_SIG_MALFORMED diagnostics, and a scheme whose data is damaged is
 * listed in both `schemes` and `malformedSchemes`.
 */

export interface ReadSigningOptions {
  /** Where anomalies go; defaults to the archive's own sink. */
  diagnostics?: DiagnosticSink;
}

const BLOCK_SCHEMES: ReadonlyArray<readonly [number, BlockScheme]> = [
  [APK_SIGNATURE_SCHEME_V2_BLOCK_ID, 'v2'],
  [APK_SIGNATURE_SCHEME_V3_BLOCK_ID, 'v3'],
  [APK_SIGNATURE_SCHEME_V31_BLOCK_ID, 'v3.1'],
];

/** Scheme IDs as X-Android-APK-Signed and the stripping-protection attribute spell them. */
const SCHEME_IDS: Readonly<Record<number, SigningScheme>> = { 2: 'v2', 3: 'v3', 31: 'v3.1' };

/** The diagnostics-side location of the signing block: not an entry, so only a file offset. */
const BLOCK_WHERE = 'APK Signing Block';

export function readSigning(zip: ZipArchive, opts: ReadSigningOptions = {}): SigningInfo {
  const diags = opts.diagnostics ?? zip.diagnostics;
  const present = new Set<SigningScheme>();
  const malformed = new Set<SigningScheme>();
  const signers: SignerInfo[] = [];
  const info: SigningInfo = { schemes: [], signers, malformedSchemes: [], sourceStamp: false, unknownBlockIds: [], v1Entries: [] };

  const v1 = readV1Signature(zip, diags);
  info.v1Entries = v1.entries;
  if (v1.present) present.add('v1');
  if (v1.malformed) malformed.add('v1');
  v1.signers.forEach((s, index) => {
    const signer: SignerInfo = { scheme: 'v1', index, certificate: s.certificate.info, chain: s.chain.map((c) => c.info), entry: s.entry };
    if (s.malformed) signer.malformed = true;
    signers.push(signer);
  });

  let block: SigningBlock | undefined;
  try {
    block = findSigningBlock(zip.source, zip.layout.cdOffset, diags);
  } catch (e) {
    if (!isPledgeError(e)) throw e;
    diags.add('W_SIG_MALFORMED', `${e.message}; v2+ signatures cannot be read`, undefined, e.offset);
  }

  const strippingClaims = new Set<SigningScheme>();
  const lineageSources: Array<{ scheme: BlockScheme; signer: SchemeSigner }> = [];
  if (block !== undefined) {
    // Android looks for the block only when the end record follows the central directory
    // directly (ApkSigningBlockUtils.getCentralDirOffset); otherwise the block is dead bytes.
    const { cdOffset, cdSize, eocdOffset, zip64 } = zip.layout;
    let ignoredByAndroid = block.malformed;
    if (!zip64 && cdOffset + cdSize !== eocdOffset) {
      diags.add('W_SIG_MALFORMED', `${BLOCK_WHERE}: ${eocdOffset - cdOffset - cdSize} bytes between the central directory and the end record; Android ignores the block`, undefined, cdOffset + cdSize);
      ignoredByAndroid = true;
    }
    const firstSigner = signers.length;
    for (const pair of block.pairs) {
      if (pair.id === SOURCE_STAMP_V1_BLOCK_ID || pair.id === SOURCE_STAMP_V2_BLOCK_ID) info.sourceStamp = true;
      if (!KNOWN_BLOCK_IDS.has(pair.id) && !info.unknownBlockIds.includes(pair.id)) info.unknownBlockIds.push(pair.id);
    }
    for (const [id, scheme] of BLOCK_SCHEMES) {
      // Android reads the first pair with an ID; later duplicates are dead bytes.
      const pair = block.pairs.find((p) => p.id === id);
      if (pair === undefined) continue;
      present.add(scheme);
      if (block.pairs.filter((p) => p.id === id).length > 1) {
        diags.add('W_SIG_MALFORMED', `${BLOCK_WHERE}: ${scheme} block appears more than once; the first is read, as Android reads it`, undefined, block.offset + pair.valueOffset);
      }
      const base = block.offset + pair.valueOffset;
      const ok = readBlockScheme(pairValue(block, pair), scheme, base, diags, signers, strippingClaims, lineageSources);
      if (!ok || ignoredByAndroid) malformed.add(scheme);
    }
    if (ignoredByAndroid) for (const s of signers.slice(firstSigner)) s.malformed = true;
  }

  for (const scheme of strippingClaims) {
    if (!present.has(scheme)) {
      diags.add('W_SIG_MALFORMED', `the v2 signer says the APK is also signed with ${scheme}, but no ${scheme} block is present: signature stripped?`);
    }
  }
  for (const id of v1.claimedSchemeIds) {
    const scheme = SCHEME_IDS[id];
    if (scheme !== undefined && !present.has(scheme)) {
      diags.add('W_SIG_MALFORMED', `a .SF file says the APK is also signed with ${scheme} (X-Android-APK-Signed), but no ${scheme} block is present: signature stripped?`);
    }
  }

  const lineage = readLineageOf(lineageSources, diags);
  if (lineage !== undefined) info.lineage = lineage;
  info.schemes = SCHEME_ORDER.filter((s) => present.has(s));
  info.malformedSchemes = SCHEME_ORDER.filter((s) => malformed.has(s));
  signers.sort((a, b) => SCHEME_ORDER.indexOf(a.scheme) - SCHEME_ORDER.indexOf(b.scheme) || a.index - b.index);
  return info;
}

function reportAt(diags: DiagnosticSink, e: PledgeError, base: number, prefix: string): void {
  diags.add('W_SIG_MALFORMED', `${prefix}: ${e.message}`, undefined, e.offset === undefined ? base : base + e.offset);
}

/** Reads one scheme's signers into `out`; false when any part of the scheme's data is damaged. */
function readBlockScheme(
  value: Uint8Array,
  scheme: BlockScheme,
  base: number,
  diags: DiagnosticSink,
  out: SignerInfo[],
  strippingClaims: Set<SigningScheme>,
  lineageSources: Array<{ scheme: BlockScheme; signer: SchemeSigner }>,
): boolean {
  let intact = true;
  let parsed: SchemeBlock;
  try {
    parsed = readSchemeBlock(value, scheme);
  } catch (e) {
    if (!isPledgeError(e)) throw e;
    reportAt(diags, e, base, `${BLOCK_WHERE} ${scheme}`);
    return false;
  }
  if (parsed.problem !== undefined) {
    reportAt(diags, parsed.problem, base, `${BLOCK_WHERE} ${scheme}`);
    intact = false;
  }
  let index = 0;
  for (const s of parsed.signers) {
    const where = `${BLOCK_WHERE} ${scheme} signer #${s.index + 1}`;
    let bad = false;
    if (s.problem !== undefined) {
      reportAt(diags, s.problem, base, where);
      bad = true;
    }
    const certs: ParsedCertificate[] = [];
    let ownFailed = false;
    s.certificates.forEach((der, i) => {
      try {
        certs.push(parseCertificate(der));
      } catch (e) {
        if (!isPledgeError(e)) throw e;
        diags.add('W_SIG_MALFORMED', `${where} certificate #${i + 1}: ${e.message}`, undefined, base);
        if (i === 0) ownFailed = true;
        bad = true;
      }
    });
    const own = ownFailed ? undefined : certs[0];
    if (own === undefined) {
      if (!ownFailed) diags.add('W_SIG_MALFORMED', `${where}: no certificate`, undefined, base + s.offset);
      intact = false;
      continue;
    }
    if (s.publicKey !== undefined) {
      const match = publicKeyMatches(own, s.publicKey);
      if (match === false) diags.add('W_SIG_MALFORMED', `${where}: public key does not match the first certificate's`, undefined, base + s.offset);
      if (match === undefined) diags.add('W_SIG_MALFORMED', `${where}: public key is not a loadable SubjectPublicKeyInfo`, undefined, base + s.offset);
      if (match !== true) bad = true;
    }
    if (s.recordMinSdk !== undefined && (s.recordMinSdk !== s.minSdk || s.recordMaxSdk !== s.maxSdk)) {
      diags.add('W_SIG_MALFORMED', `${where}: SDK range ${s.recordMinSdk}-${s.recordMaxSdk} differs from the signed ${s.minSdk}-${s.maxSdk}`, undefined, base + s.offset);
      bad = true;
    }
    const signer: SignerInfo = {
      scheme,
      index: index++,
      certificate: own.info,
      chain: certs.slice(1).map((c) => c.info),
      signatureAlgorithms: s.signatureAlgorithmIds.map(signatureAlgorithmName),
    };
    if (s.minSdk !== undefined) signer.minSdk = s.minSdk;
    if (s.maxSdk !== undefined) signer.maxSdk = s.maxSdk;
    if (bad) {
      signer.malformed = true;
      intact = false;
    }
    out.push(signer);
    for (const attr of s.attributes) {
      if (scheme === 'v2' && attr.id === STRIPPING_PROTECTION_ATTR_ID && attr.value.length >= 4) {
        const claimed = SCHEME_IDS[new DataView(attr.value.buffer, attr.value.byteOffset, 4).getUint32(0, true)];
        if (claimed !== undefined) strippingClaims.add(claimed);
      }
      if (scheme !== 'v2' && attr.id === PROOF_OF_ROTATION_ATTR_ID) lineageSources.push({ scheme, signer: s });
    }
  }
  return intact;
}

/**
 * The lineage reported: v3.1's when present (it carries the rotated signer), else v3's; among
 * signers of one scheme (one per SDK range), the longest.
 */
function readLineageOf(sources: ReadonlyArray<{ scheme: BlockScheme; signer: SchemeSigner }>, diags: DiagnosticSink): LineageCertificate[] | undefined {
  let best: LineageCertificate[] | undefined;
  for (const scheme of ['v3.1', 'v3'] as const) {
    for (const src of sources.filter((s) => s.scheme === scheme)) {
      const attr = src.signer.attributes.find((a) => a.id === PROOF_OF_ROTATION_ATTR_ID);
      if (attr === undefined) continue;
      const where = `${BLOCK_WHERE} ${scheme} signer #${src.signer.index + 1} proof-of-rotation`;
      try {
        const nodes = readLineage(attr.value);
        const certs: LineageCertificate[] = [];
        nodes.forEach((n, i) => {
          try {
            certs.push({ ...parseCertificate(n.certificate).info, flags: n.flags, capabilities: lineageCapabilities(n.flags) });
          } catch (e) {
            if (!isPledgeError(e)) throw e;
            diags.add('W_SIG_MALFORMED', `${where} node #${i + 1}: ${e.message}`);
          }
        });
        if (best === undefined || certs.length > best.length) best = certs;
      } catch (e) {
        if (!isPledgeError(e)) throw e;
        diags.add('W_SIG_MALFORMED', `${where}: ${e.message}`);
      }
    }
    if (best !== undefined) return best;
  }
  return undefined;
}

/**
 * `pledge-audit dump signing`: one `<scheme> <signer certificate SHA-256>` line per signer, schemes
 * in the order v1, v2, v3, v3.1 and signers in their scheme's order.
 */
export function formatSigningLines(info: SigningInfo): string[] {
  return [...info.signers]
    .sort((a, b) => SCHEME_ORDER.indexOf(a.scheme) - SCHEME_ORDER.indexOf(b.scheme) || a.index - b.index)
    .map((s) => `${s.scheme} ${s.certificate.sha256}`);
}

/**
 * Janus (CVE-2017-13156): a DEX prepended to an APK passes v1 verification, because JAR signing
 * does not cover the bytes before the first entry. Devices below Android 7.0 (API 24) only check
 * v1, so an APK signed with v1 alone that installs there is exposed.
 */
export function isJanusExposed(info: SigningInfo, minSdk: number): boolean {
  const v1Only = info.schemes.includes('v1') && !info.schemes.some((s) => s === 'v2' || s === 'v3' || s === 'v3.1');
  return v1Only && minSdk < 24;
}
