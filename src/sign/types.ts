/** The signing model: what signatures an APK carries and who made them (not whether they verify). */

export type SigningScheme = 'v1' | 'v2' | 'v3' | 'v3.1';

/** The order schemes are listed and printed in. */
export const SCHEME_ORDER: readonly SigningScheme[] = ['v1', 'v2', 'v3', 'v3.1'];

export interface CertificateInfo {
  /** SHA-256 of the certificate bytes as stored in the APK (not re-encoded), lowercase hex; apksigner's digest. */
  sha256: string;
  /** SHA-1 of the same bytes, lowercase hex. */
  sha1: string;
  /** Distinguished name as node:crypto prints it, attributes joined with ", ". */
  subject: string;
  issuer: string;
  /** Serial number, lowercase hex. */
  serialNumber: string;
  /** 'RSA' | 'EC' | 'DSA' | 'Ed25519' | 'RSASSA-PSS' | …, or 'unknown'. */
  keyType: string;
  /** Modulus bits (RSA, DSA) or curve size (EC). */
  keySize?: number;
  /** Named curve of an EC key (e.g. 'prime256v1'). */
  curve?: string;
  /** Validity, ISO 8601, as written in the certificate. */
  notBefore: string;
  notAfter: string;
  /** The certificate's own signature algorithm (e.g. 'SHA256withRSA'), or its OID when unnamed. */
  signatureAlgorithm?: string;
  /** The subject's CN is "Android Debug": the SDK's debug keystore signed this app. */
  isDebug: boolean;
}

/** A lineage (proof-of-rotation) certificate with the capabilities the next signer grants it. */
export interface LineageCertificate extends CertificateInfo {
  /** SigningCertificateLineage flags (PAST_CERT_INSTALLED_DATA = 1, …, PAST_CERT_AUTH = 16). */
  flags: number;
  /** Names of the set flags: 'installed-data', 'shared-uid', 'permission', 'rollback', 'auth'. */
  capabilities: string[];
}

export interface SignerInfo {
  scheme: SigningScheme;
  /** Position in the scheme's signer sequence, from 0 (v1: signature block files in name order). */
  index: number;
  /** The signer's own certificate. */
  certificate: CertificateInfo;
  /** The other certificates that came with it (v1: the rest of the PKCS#7 set; v2+: after the first). */
  chain: CertificateInfo[];
  /** v3/v3.1: the platform range the signer applies to. */
  minSdk?: number;
  maxSdk?: number;
  /** v1: the signature block entry (META-INF/CERT.RSA). */
  entry?: string;
  /** v2+: the signature algorithms of the signer's signatures (RSA_PKCS1_V1_5_WITH_SHA256, …). */
  signatureAlgorithms?: string[];
  /** Part of this signer's record is inconsistent (see diagnostics); Android would reject it. */
  malformed?: boolean;
}

export interface SigningInfo {
  /** Schemes present, in SCHEME_ORDER, whether or not their data is intact. */
  schemes: SigningScheme[];
  /** All signers, by scheme order and then signer order. */
  signers: SignerInfo[];
  /** Present schemes whose data could not be read completely (details in diagnostics). */
  malformedSchemes: SigningScheme[];
  /** v3.1 or v3 proof-of-rotation: oldest certificate first, the current signer's last. */
  lineage?: LineageCertificate[];
  /** A source stamp (v1 or v2 block) is present. */
  sourceStamp: boolean;
  /** IDs of APK Signing Block pairs we do not interpret (channel tools, Play frosting, packers). */
  unknownBlockIds: number[];
  /** META-INF/MANIFEST.MF, *.SF and signature block entries present, sorted. */
  v1Entries: string[];
}
