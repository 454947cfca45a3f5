import { PledgeError } from '../util/errors.js';
import {
  DER_INTEGER,
  DER_OCTET_STRING,
  DER_OID,
  DER_SEQUENCE,
  DER_SET,
  contextTag,
  decodeOid,
  derChild,
  derChildren,
  derContent,
  derEncoding,
  expectTag,
  integerMagnitude,
  readDerRoot,
} from './der.js';

/**
 * The parts of a PKCS#7 / CMS SignedData (RFC 5652) that name the signer: the certificate set and
 * each SignerInfo's signer identifier. Nothing is verified.
 *
 *   ContentInfo ::= SEQUENCE { contentType OID (1.2.840.113549.1.7.2), content [0] EXPLICIT SignedData }
 *   SignedData ::= SEQUENCE { version INTEGER, digestAlgorithms SET, encapContentInfo SEQUENCE,
 *                             certificates [0] IMPLICIT SET OF Certificate OPTIONAL,
 *                             crls [1] IMPLICIT OPTIONAL, signerInfos SET OF SignerInfo }
 *   SignerInfo ::= SEQUENCE { version INTEGER, sid SignerIdentifier, … }
 *   SignerIdentifier ::= issuerAndSerialNumber SEQUENCE { issuer Name, serialNumber INTEGER }
 *                      | subjectKeyIdentifier [0] IMPLICIT OCTET STRING
 */

export const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
/** [0] IMPLICIT OCTET STRING: context class, primitive, tag 0. */
const SID_SUBJECT_KEY_IDENTIFIER = 0x80;

export type SignerIdentifier =
  | { kind: 'issuerAndSerialNumber'; issuer: Uint8Array; serial: Uint8Array }
  | { kind: 'subjectKeyIdentifier'; keyId: Uint8Array };

export interface Pkcs7SignedData {
  /** The certificates [0] set, each as stored, in set order; other CertificateChoices are skipped. */
  certificates: Uint8Array[];
  /** One identifier per SignerInfo, in order; SignerInfos with an unreadable sid are left out. */
  signerIds: SignerIdentifier[];
}

/** Throws PledgeError('E_SIG_MALFORMED') when the blob is not a DER SignedData ContentInfo. */
export function readPkcs7SignedData(buf: Uint8Array, entry?: string): Pkcs7SignedData {
  const root = expectTag(readDerRoot(buf, entry), DER_SEQUENCE, 'ContentInfo', entry);
  const ci = derChildren(buf, root, entry);
  const typeNode = expectTag(derChild(ci, 0, 'contentType', root, entry), DER_OID, 'contentType', entry);
  const contentType = decodeOid(derContent(buf, typeNode), typeNode.start, entry);
  if (contentType !== OID_SIGNED_DATA) {
    throw new PledgeError('E_SIG_MALFORMED', `PKCS#7 content type is ${contentType}, not signedData`, { entry, offset: typeNode.start });
  }
  const explicit = expectTag(derChild(ci, 1, 'content', root, entry), contextTag(0), 'content', entry);
  const sdNode = expectTag(derChild(derChildren(buf, explicit, entry), 0, 'SignedData', explicit, entry), DER_SEQUENCE, 'SignedData', entry);
  const sd = derChildren(buf, sdNode, entry);
  // 0 version, 1 digestAlgorithms, 2 encapContentInfo, then the optional [0] and [1], then signerInfos.
  expectTag(derChild(sd, 0, 'version', sdNode, entry), DER_INTEGER, 'version', entry);
  let i = 3;
  const certificates: Uint8Array[] = [];
  const certSet = sd[i];
  if (certSet?.tag === contextTag(0)) {
    for (const cert of derChildren(buf, certSet, entry)) {
      if (cert.tag === DER_SEQUENCE) certificates.push(derEncoding(buf, cert));
    }
    i++;
  }
  if (sd[i]?.tag === contextTag(1)) i++;
  const infos = expectTag(derChild(sd, i, 'signerInfos', sdNode, entry), DER_SET, 'signerInfos', entry);
  const signerIds: SignerIdentifier[] = [];
  for (const info of derChildren(buf, infos, entry)) {
    if (info.tag !== DER_SEQUENCE) continue;
    const sid = derChildren(buf, info, entry)[1];
    if (sid === undefined) continue;
    if (sid.tag === DER_SEQUENCE) {
      const parts = derChildren(buf, sid, entry);
      const issuer = parts[0];
      const serial = parts[1];
      if (issuer?.tag !== DER_SEQUENCE || serial?.tag !== DER_INTEGER) continue;
      signerIds.push({ kind: 'issuerAndSerialNumber', issuer: derEncoding(buf, issuer), serial: integerMagnitude(derContent(buf, serial)) });
    } else if (sid.tag === SID_SUBJECT_KEY_IDENTIFIER || sid.tag === contextTag(0)) {
      // Some encoders wrap the key id in a constructed [0] holding an OCTET STRING.
      let keyId = derContent(buf, sid);
      if (sid.constructed) {
        const inner = derChildren(buf, sid, entry)[0];
        if (inner?.tag !== DER_OCTET_STRING) continue;
        keyId = derContent(buf, inner);
      }
      signerIds.push({ kind: 'subjectKeyIdentifier', keyId });
    }
  }
  return { certificates, signerIds };
}
