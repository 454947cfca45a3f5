import type { ZipArchive } from '../apk/zip.js';
import type { DiagnosticSink } from '../util/diagnostics.js';
import { isPledgeError } from '../util/errors.js';
import { LIMITS } from '../util/limits.js';
import { parseCertificate, type ParsedCertificate } from './certificate.js';
import { bytesEqual } from './der.js';
import { readPkcs7SignedData, type SignerIdentifier } from './pkcs7.js';

/**
 * v1 (JAR) signatures: META-INF/<name>.SF signature files, each signed by a PKCS#7 signature block
 * META-INF/<name>.(RSA|DSA|EC), over META-INF/MANIFEST.MF. Entries are picked the way apksig's
 * V1SchemeVerifier picks them (any name under META-INF/ with those suffixes, case-sensitive), and a
 * signature block without its .SF is ignored, as apksig and Android ignore it.
 */

export const MANIFEST_ENTRY = 'META-INF/MANIFEST.MF';
const SIGNATURE_BLOCK_SUFFIXES = ['.RSA', '.DSA', '.EC'] as const;
/** Real signature blocks are a few KiB; a certificate chain stays under 64 KiB. */
export const MAX_SIGNATURE_BLOCK_BYTES = LIMITS.v1SignatureBlockBytes.value;
/** .SF files list every entry, so they grow with the app; past this the header is not checked. */
const MAX_SIGNATURE_FILE_BYTES = LIMITS.v1SignatureFileBytes.value;

export interface V1Signer {
  /** The signature block entry (META-INF/CERT.RSA). */
  entry: string;
  /** Its signature file (META-INF/CERT.SF). */
  signatureFile: string;
  certificate: ParsedCertificate;
  /** The other certificates of the PKCS#7 set, in set order. */
  chain: ParsedCertificate[];
  /** The signer's certificate could not be identified from the SignerInfo; the first certificate is reported. */
  malformed: boolean;
}

export interface V1Signature {
  /** MANIFEST.MF, .SF and signature block entries, sorted. */
  entries: string[];
  /** At least one signature block has its signature file. */
  present: boolean;
  /** Some signature block, or the manifest, could not be read (see diagnostics). */
  malformed: boolean;
  /** One per signature block with its signature file, in entry-name order. */
  signers: V1Signer[];
  /** Scheme IDs the .SF files claim in X-Android-APK-Signed (2 = v2, 3 = v3, 31 = v3.1). */
  claimedSchemeIds: number[];
}

export function isSignatureBlockName(name: string): boolean {
  return name.startsWith('META-INF/') && SIGNATURE_BLOCK_SUFFIXES.some((s) => name.endsWith(s));
}

export function readV1Signature(zip: ZipArchive, diags: DiagnosticSink): V1Signature {
  const names = zip.names().filter((n) => n.startsWith('META-INF/'));
  const blocks = names.filter(isSignatureBlockName).sort();
  const sigFiles = new Set(names.filter((n) => n.endsWith('.SF')));
  const entries = names.filter((n) => n === MANIFEST_ENTRY || sigFiles.has(n) || isSignatureBlockName(n)).sort();
  const result: V1Signature = { entries, present: false, malformed: false, signers: [], claimedSchemeIds: [] };

  for (const entry of blocks) {
    const signatureFile = `${entry.slice(0, entry.lastIndexOf('.'))}.SF`;
    if (!sigFiles.has(signatureFile)) {
      diags.add('W_SIG_MALFORMED', `signature block has no ${signatureFile}; Android ignores it`, entry);
      continue;
    }
    result.present = true;
    const e = zip.entry(entry);
    if (e !== undefined && e.uncompressedSize > MAX_SIGNATURE_BLOCK_BYTES) {
      diags.add('W_LIMIT_SIGNATURE', `signature block of ${e.uncompressedSize} bytes is above the ${MAX_SIGNATURE_BLOCK_BYTES}-byte limit (v1SignatureBlockBytes); not read`, entry);
      result.malformed = true;
      continue;
    }
    try {
      const found = identifyV1Signer(zip.read(entry, { cache: false }), entry, diags);
      if (found === undefined) {
        result.malformed = true;
        continue;
      }
      if (found.malformed) result.malformed = true;
      result.signers.push({ entry, signatureFile, ...found });
    } catch (err) {
      if (!isPledgeError(err)) throw err;
      diags.add('W_SIG_MALFORMED', `${err.code}: ${err.message}`, entry, err.offset);
      result.malformed = true;
    }
    for (const id of claimedSchemes(zip, signatureFile, diags)) {
      if (!result.claimedSchemeIds.includes(id)) result.claimedSchemeIds.push(id);
    }
  }
  if (result.present && !zip.has(MANIFEST_ENTRY)) {
    diags.add('W_SIG_MALFORMED', 'JAR signature without META-INF/MANIFEST.MF: Android rejects it', MANIFEST_ENTRY);
    result.malformed = true;
  }
  result.claimedSchemeIds.sort((a, b) => a - b);
  return result;
}

/**
 * The signer of one signature block: the certificate its SignerInfo names, plus the rest of the
 * set as chain. Returns undefined (with a diagnostic) when the blob holds no usable certificate;
 * throws PledgeError when the blob is not a SignedData.
 */
export function identifyV1Signer(
  blob: Uint8Array,
  entry: string,
  diags: DiagnosticSink,
): { certificate: ParsedCertificate; chain: ParsedCertificate[]; malformed: boolean } | undefined {
  const sd = readPkcs7SignedData(blob, entry);
  const certs: ParsedCertificate[] = [];
  for (const der of sd.certificates) {
    try {
      certs.push(parseCertificate(der, entry));
    } catch (err) {
      if (!isPledgeError(err)) throw err;
      diags.add('W_SIG_MALFORMED', `certificate #${certs.length + 1} skipped: ${err.message}`, entry, err.offset);
    }
  }
  if (certs.length === 0) {
    diags.add('W_SIG_MALFORMED', 'PKCS#7 signature block carries no readable certificate', entry);
    return undefined;
  }
  for (const id of sd.signerIds) {
    const match = findSignerCertificate(certs, id);
    if (match !== undefined) return { certificate: match, chain: certs.filter((c) => c !== match), malformed: false };
  }
  diags.add('W_SIG_MALFORMED', `no certificate matches the ${sd.signerIds.length} SignerInfo identifier(s); the first certificate is reported as the signer`, entry);
  const [first, ...rest] = certs as [ParsedCertificate, ...ParsedCertificate[]];
  return { certificate: first, chain: rest, malformed: true };
}

/**
 * issuerAndSerialNumber: issuer and serial as bytes. Java compares issuers as canonical names,
 * so when no byte-equal issuer exists a unique serial-number match is accepted.
 */
function findSignerCertificate(certs: readonly ParsedCertificate[], id: SignerIdentifier): ParsedCertificate | undefined {
  if (id.kind === 'subjectKeyIdentifier') {
    return certs.find((c) => c.subjectKeyId !== undefined && bytesEqual(c.subjectKeyId, id.keyId));
  }
  const bySerial = certs.filter((c) => bytesEqual(c.serial, id.serial));
  return bySerial.find((c) => bytesEqual(c.issuerDer, id.issuer)) ?? (bySerial.length === 1 ? bySerial[0] : undefined);
}

/**
 * X-Android-APK-Signed in the .SF main section: the v2+ schemes the signer also applied. A scheme
 * claimed here but absent from the APK Signing Block was stripped (a downgrade to v1).
 */
function claimedSchemes(zip: ZipArchive, signatureFile: string, diags: DiagnosticSink): number[] {
  const e = zip.entry(signatureFile);
  if (e === undefined) return [];
  if (e.uncompressedSize > MAX_SIGNATURE_FILE_BYTES) {
    diags.add('W_LIMIT_SIGNATURE', `signature file of ${e.uncompressedSize} bytes is above the ${MAX_SIGNATURE_FILE_BYTES}-byte limit (v1SignatureFileBytes); its X-Android-APK-Signed header was not checked`, signatureFile);
    return [];
  }
  let text: string;
  try {
    text = zip.read(signatureFile, { cache: false }).toString('latin1');
  } catch (err) {
    if (!isPledgeError(err)) throw err;
    diags.add('W_SIG_MALFORMED', `${err.code}: ${err.message}`, signatureFile, err.offset);
    return [];
  }
  const main = text.split(/\r\n\r\n|\n\n|\r\r/, 1)[0] ?? '';
  // Manifest lines continue on lines starting with one space.
  const lines = main.replace(/\r?\n /g, '').replace(/\r /g, '').split(/\r\n|\n|\r/);
  for (const line of lines) {
    const m = /^X-Android-APK-Signed:\s*(.*)$/i.exec(line);
    if (m === null) continue;
    return (m[1] ?? '')
      .split(',')
      .map((v) => Number(v.trim()))
      .filter((n) => Number.isInteger(n) && n > 0);
  }
  return [];
}
