import { X509Certificate, createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { PledgeError } from '../util/errors.js';
import {
  DER_BIT_STRING,
  DER_INTEGER,
  DER_OCTET_STRING,
  DER_OID,
  DER_SEQUENCE,
  bytesEqual,
  contextTag,
  decodeDerTime,
  decodeOid,
  derChild,
  derChildren,
  derContent,
  derEncoding,
  expectTag,
  integerMagnitude,
  readDerRoot,
  type DerNode,
} from './der.js';
import type { CertificateInfo } from './types.js';

/**
 * X.509 certificates of signers. node:crypto (OpenSSL) decides whether a certificate is one and
 * supplies names and keys; our DER reader supplies what node does not expose (signature algorithm,
 * validity as written, issuer and serial as bytes for PKCS#7 signer matching, the raw
 * SubjectPublicKeyInfo) and the digests, which are over the bytes as stored: apksigner reports
 * digests of the stored encoding, and node re-encodes non-DER certificates.
 */

/** A certificate with the raw fields signer matching needs. */
export interface ParsedCertificate {
  info: CertificateInfo;
  /** The certificate bytes as stored. */
  der: Uint8Array;
  /** tbsCertificate.issuer, whole encoding. */
  issuerDer: Uint8Array;
  /** tbsCertificate.serialNumber content without leading zero octets. */
  serial: Uint8Array;
  /** SubjectPublicKeyInfo, whole encoding as stored. */
  spki: Uint8Array;
  /** subjectKeyIdentifier extension value, when present. */
  subjectKeyId?: Uint8Array;
  x509: X509Certificate;
}

const OID_SUBJECT_KEY_IDENTIFIER = '2.5.29.14';

/** Certificate signature algorithms by OID, named as Java (and so apksigner) names them. */
const SIGNATURE_ALGORITHMS: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.2': 'MD2withRSA',
  '1.2.840.113549.1.1.4': 'MD5withRSA',
  '1.2.840.113549.1.1.5': 'SHA1withRSA',
  '1.3.14.3.2.29': 'SHA1withRSA',
  '1.2.840.113549.1.1.10': 'RSASSA-PSS',
  '1.2.840.113549.1.1.11': 'SHA256withRSA',
  '1.2.840.113549.1.1.12': 'SHA384withRSA',
  '1.2.840.113549.1.1.13': 'SHA512withRSA',
  '1.2.840.113549.1.1.14': 'SHA224withRSA',
  '1.2.840.10040.4.3': 'SHA1withDSA',
  '2.16.840.1.101.3.4.3.1': 'SHA224withDSA',
  '2.16.840.1.101.3.4.3.2': 'SHA256withDSA',
  '1.2.840.10045.4.1': 'SHA1withECDSA',
  '1.2.840.10045.4.3.1': 'SHA224withECDSA',
  '1.2.840.10045.4.3.2': 'SHA256withECDSA',
  '1.2.840.10045.4.3.3': 'SHA384withECDSA',
  '1.2.840.10045.4.3.4': 'SHA512withECDSA',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
};

/** SubjectPublicKeyInfo algorithms, for keys node:crypto cannot load. */
const KEY_ALGORITHMS: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.1': 'RSA',
  '1.2.840.113549.1.1.10': 'RSASSA-PSS',
  '1.2.840.10040.4.1': 'DSA',
  '1.2.840.10045.2.1': 'EC',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
};

const NODE_KEY_TYPES: Readonly<Record<string, string>> = {
  rsa: 'RSA',
  'rsa-pss': 'RSASSA-PSS',
  dsa: 'DSA',
  ec: 'EC',
  ed25519: 'Ed25519',
  ed448: 'Ed448',
};

const CURVE_BITS: Readonly<Record<string, number>> = {
  prime192v1: 192,
  secp224r1: 224,
  prime256v1: 256,
  secp256k1: 256,
  secp384r1: 384,
  secp521r1: 521,
  brainpoolP256r1: 256,
  brainpoolP384r1: 384,
  brainpoolP512r1: 512,
};

function digest(alg: 'sha256' | 'sha1', bytes: Uint8Array): string {
  return createHash(alg).update(bytes).digest('hex');
}

/** node prints one attribute per line; one line reads better in reports. */
function oneLine(dn: string | undefined): string {
  return (dn ?? '').split('\n').filter((l) => l !== '').join(', ');
}

/**
 * Parses one certificate. Throws PledgeError('E_SIG_MALFORMED') when the bytes are not exactly
 * one certificate structure or node:crypto rejects them; callers turn that into a diagnostic.
 */
export function parseCertificate(der: Uint8Array, entry?: string): ParsedCertificate {
  const root = expectTag(readDerRoot(der, entry), DER_SEQUENCE, 'Certificate', entry);
  if (root.end !== der.length) {
    throw new PledgeError('E_SIG_MALFORMED', `certificate is followed by ${der.length - root.end} stray bytes`, { entry, offset: root.end });
  }
  const top = derChildren(der, root, entry);
  // 0 tbsCertificate, 1 signatureAlgorithm, 2 signatureValue
  const tbs = expectTag(derChild(top, 0, 'tbsCertificate', root, entry), DER_SEQUENCE, 'tbsCertificate', entry);
  const sigAlg = expectTag(derChild(top, 1, 'signatureAlgorithm', root, entry), DER_SEQUENCE, 'signatureAlgorithm', entry);
  expectTag(derChild(top, 2, 'signatureValue', root, entry), DER_BIT_STRING, 'signatureValue', entry);
  const sigAlgOidNode = expectTag(derChild(derChildren(der, sigAlg, entry), 0, 'algorithm', sigAlg, entry), DER_OID, 'algorithm', entry);
  const sigAlgOid = decodeOid(derContent(der, sigAlgOidNode), sigAlgOidNode.start, entry);

  const fields = derChildren(der, tbs, entry);
  // [0] version is optional (absent means v1); the fixed fields follow it.
  let i = fields[0]?.tag === contextTag(0) ? 1 : 0;
  const serialNode = expectTag(derChild(fields, i++, 'serialNumber', tbs, entry), DER_INTEGER, 'serialNumber', entry);
  derChild(fields, i++, 'signature', tbs, entry);
  const issuerNode = expectTag(derChild(fields, i++, 'issuer', tbs, entry), DER_SEQUENCE, 'issuer', entry);
  const validity = expectTag(derChild(fields, i++, 'validity', tbs, entry), DER_SEQUENCE, 'validity', entry);
  derChild(fields, i++, 'subject', tbs, entry);
  const spkiNode = expectTag(derChild(fields, i++, 'subjectPublicKeyInfo', tbs, entry), DER_SEQUENCE, 'subjectPublicKeyInfo', entry);
  const times = derChildren(der, validity, entry);
  const notBefore = decodeDerTime(der, derChild(times, 0, 'notBefore', validity, entry), entry);
  const notAfter = decodeDerTime(der, derChild(times, 1, 'notAfter', validity, entry), entry);
  let subjectKeyId: Uint8Array | undefined;
  for (const f of fields.slice(i)) {
    if (f.tag === contextTag(3)) subjectKeyId = findSubjectKeyId(der, f, entry);
  }

  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(der);
  } catch (e) {
    // OpenSSL retries a failed DER decode as PEM, so its message ("no start line") misleads.
    throw new PledgeError('E_SIG_MALFORMED', `node:crypto cannot decode the certificate (${e instanceof Error ? e.message : String(e)})`, { entry });
  }
  const spki = derEncoding(der, spkiNode);
  const info: CertificateInfo = {
    sha256: digest('sha256', der),
    sha1: digest('sha1', der),
    subject: oneLine(x509.subject),
    issuer: oneLine(x509.issuer),
    serialNumber: (x509.serialNumber ?? '').toLowerCase(),
    keyType: 'unknown',
    notBefore,
    notAfter,
    signatureAlgorithm: SIGNATURE_ALGORITHMS[sigAlgOid] ?? sigAlgOid,
    isDebug: (x509.subject ?? '').split('\n').includes('CN=Android Debug'),
  };
  describeKey(info, x509, der, spkiNode, entry);
  const parsed: ParsedCertificate = { info, der, issuerDer: derEncoding(der, issuerNode), serial: integerMagnitude(derContent(der, serialNode)), spki, x509 };
  if (subjectKeyId !== undefined) parsed.subjectKeyId = subjectKeyId;
  return parsed;
}

function describeKey(info: CertificateInfo, x509: X509Certificate, der: Uint8Array, spkiNode: DerNode, entry?: string): void {
  let key: KeyObject | undefined;
  try {
    key = x509.publicKey;
  } catch {
    // An algorithm OpenSSL does not load (GOST, explicit curves it refuses): name it from the OID.
    key = undefined;
  }
  if (key !== undefined) {
    const type = key.asymmetricKeyType ?? '';
    info.keyType = NODE_KEY_TYPES[type] ?? (type === '' ? 'unknown' : type.toUpperCase());
    const details = key.asymmetricKeyDetails;
    if (details?.modulusLength !== undefined) info.keySize = details.modulusLength;
    if (details?.namedCurve !== undefined) {
      info.curve = details.namedCurve;
      const bits = CURVE_BITS[details.namedCurve];
      if (bits !== undefined) info.keySize = bits;
    }
    return;
  }
  const alg = derChildren(der, spkiNode, entry)[0];
  if (alg === undefined || alg.tag !== DER_SEQUENCE) return;
  const oid = derChildren(der, alg, entry)[0];
  if (oid === undefined || oid.tag !== DER_OID) return;
  info.keyType = KEY_ALGORITHMS[decodeOid(derContent(der, oid), oid.start, entry)] ?? 'unknown';
}

/** extensions [3] EXPLICIT SEQUENCE OF Extension { extnID, critical?, extnValue OCTET STRING }. */
function findSubjectKeyId(der: Uint8Array, wrapper: DerNode, entry?: string): Uint8Array | undefined {
  const list = derChildren(der, wrapper, entry)[0];
  if (list === undefined || list.tag !== DER_SEQUENCE) return undefined;
  for (const ext of derChildren(der, list, entry)) {
    if (ext.tag !== DER_SEQUENCE) continue;
    const parts = derChildren(der, ext, entry);
    const id = parts[0];
    const value = parts[parts.length - 1];
    if (id?.tag !== DER_OID || value?.tag !== DER_OCTET_STRING) continue;
    if (decodeOid(derContent(der, id), id.start, entry) !== OID_SUBJECT_KEY_IDENTIFIER) continue;
    // extnValue wraps the KeyIdentifier OCTET STRING.
    const inner = readDerRoot(derContent(der, value), entry);
    if (inner.tag !== DER_OCTET_STRING) return undefined;
    return derContent(derContent(der, value), inner);
  }
  return undefined;
}

/**
 * Whether a signer record's public key is the certificate's. Byte equality first (the usual
 * case, and apksig's own test); otherwise both are loaded and re-exported, so that two encodings
 * of one key (e.g. a non-minimal length) still match. Undefined when the record's key cannot be
 * loaded at all.
 */
export function publicKeyMatches(cert: ParsedCertificate, spki: Uint8Array): boolean | undefined {
  if (bytesEqual(cert.spki, spki)) return true;
  try {
    const theirs = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' }).export({ type: 'spki', format: 'der' });
    const ours = cert.x509.publicKey.export({ type: 'spki', format: 'der' });
    return Buffer.compare(theirs, ours) === 0;
  } catch {
    return undefined;
  }
}
