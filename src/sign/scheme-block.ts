import { LIMITS } from '../util/limits.js';
import { ByteCursor } from '../util/cursor.js';
import { PledgeError, isPledgeError } from '../util/errors.js';
import { lengthPrefixed, restOf } from './length-prefixed.js';

/**
 * The value of an APK Signature Scheme v2, v3 or v3.1 pair: a length-prefixed sequence of
 * length-prefixed signers (all integers little-endian, all lengths uint32):
 *
 *   signer (v2)                         signer (v3, v3.1)
 *     signed data                         signed data
 *       digests: (uint32 alg, digest)       digests
 *       certificates: X.509 DER             certificates
 *       additional attributes               uint32 minSdk, uint32 maxSdk
 *         (uint32 id, value)                additional attributes
 *     signatures: (uint32 alg, sig)       uint32 minSdk, uint32 maxSdk
 *     public key: SubjectPublicKeyInfo    signatures
 *                                         public key
 *
 * Every length is checked against the field that contains it, as apksig's
 * getLengthPrefixedSlice does. A signer whose fields lie is kept as far as it was read, with the
 * error that stopped it; a signer sequence whose framing lies ends the walk.
 */

export type BlockScheme = 'v2' | 'v3' | 'v3.1';

/** v3 additional attribute: proof-of-rotation lineage (SigningCertificateLineage). */
export const PROOF_OF_ROTATION_ATTR_ID = 0x3ba06f8c;
/** v2 additional attribute: the APK is also signed with this scheme id (stripping protection). */
export const STRIPPING_PROTECTION_ATTR_ID = 0xbeeff00d;
/** v3 additional attribute (with v3.1): the SDK from which the v3.1 rotated signer applies. */
export const ROTATION_MIN_SDK_VERSION_ATTR_ID = 0x559f8b02;
/** v3.1 additional attribute: rotation targets a development release. */
export const ROTATION_ON_DEV_RELEASE_ATTR_ID = 0xc2a6b3ba;

/** Signature algorithm IDs of the v2+ schemes (apksig SignatureAlgorithm). */
export const SIGNATURE_ALGORITHM_NAMES: Readonly<Record<number, string>> = {
  0x0101: 'RSA_PSS_WITH_SHA256',
  0x0102: 'RSA_PSS_WITH_SHA512',
  0x0103: 'RSA_PKCS1_V1_5_WITH_SHA256',
  0x0104: 'RSA_PKCS1_V1_5_WITH_SHA512',
  0x0201: 'ECDSA_WITH_SHA256',
  0x0202: 'ECDSA_WITH_SHA512',
  0x0301: 'DSA_WITH_SHA256',
  0x0421: 'VERITY_RSA_PKCS1_V1_5_WITH_SHA256',
  0x0423: 'VERITY_ECDSA_WITH_SHA256',
  0x0425: 'VERITY_DSA_WITH_SHA256',
};

export function signatureAlgorithmName(id: number): string {
  return SIGNATURE_ALGORITHM_NAMES[id] ?? `0x${id.toString(16).padStart(4, '0')}`;
}

/** apksig caps signers at 10; more than this is not a real APK. */
export const MAX_SCHEME_SIGNERS = LIMITS.schemeSigners.value;
/** Certificates, digests, signatures or attributes in one signer. */
export const MAX_SIGNER_ITEMS = LIMITS.signerItems.value;

export interface SignerAttribute {
  id: number;
  value: Uint8Array;
}

export interface SchemeSigner {
  /** Position in the signer sequence, from 0. */
  index: number;
  /** Offset of the signer record in the pair value. */
  offset: number;
  /** signed data: digest algorithm IDs. */
  digestAlgorithmIds: number[];
  /** signed data: certificates as stored, the signer's first. */
  certificates: Uint8Array[];
  /** signed data: additional attributes. */
  attributes: SignerAttribute[];
  /** v3+: signed data minSdk/maxSdk. */
  minSdk?: number;
  maxSdk?: number;
  /** v3+: the signer record's own (unsigned) minSdk/maxSdk, which must equal the signed ones. */
  recordMinSdk?: number;
  recordMaxSdk?: number;
  /** signatures: algorithm IDs. */
  signatureAlgorithmIds: number[];
  /** public key: SubjectPublicKeyInfo as stored. */
  publicKey?: Uint8Array;
  /** Why the record could not be read to its end; fields read before it are kept. */
  problem?: PledgeError;
}

export interface SchemeBlock {
  scheme: BlockScheme;
  signers: SchemeSigner[];
  /** Why the signer sequence could not be walked to its end (signers before it are kept). */
  problem?: PledgeError;
}

/** Walks a length-prefixed sequence, calling `each` on every element's cursor. */
function eachElement(seq: ByteCursor, what: string, max: number, each: (el: ByteCursor, i: number) => void): void {
  let i = 0;
  while (seq.remaining > 0) {
    if (i >= max) throw new PledgeError('E_SIG_MALFORMED', `${what}: more than ${max} elements`, { offset: seq.pos });
    each(lengthPrefixed(seq, `${what} #${i + 1}`), i);
    i++;
  }
}

/** Parses a scheme pair's value. Throws only when not even the outer sequence can be read. */
export function readSchemeBlock(value: Uint8Array, scheme: BlockScheme): SchemeBlock {
  const c = new ByteCursor(value, 'E_SIG_MALFORMED');
  const seq = lengthPrefixed(c, `${scheme} signers`);
  const block: SchemeBlock = { scheme, signers: [] };
  if (seq.remaining === 0) {
    block.problem = new PledgeError('E_SIG_MALFORMED', `${scheme} block has no signers`, { offset: 0 });
    return block;
  }
  try {
    eachElement(seq, `${scheme} signer`, MAX_SCHEME_SIGNERS, (el, i) => {
      block.signers.push(readSchemeSigner(el, scheme, i));
    });
  } catch (e) {
    if (!isPledgeError(e)) throw e;
    block.problem = e;
  }
  return block;
}

/** One signer record; never throws PledgeError, records it as `problem` instead. */
export function readSchemeSigner(c: ByteCursor, scheme: BlockScheme, index: number): SchemeSigner {
  const s: SchemeSigner = { index, offset: c.start, digestAlgorithmIds: [], certificates: [], attributes: [], signatureAlgorithmIds: [] };
  const v3 = scheme !== 'v2';
  const name = `${scheme} signer #${index + 1}`;
  try {
    const signedData = lengthPrefixed(c, `${name} signed data`);
    readSignedData(signedData, s, v3, name);
    if (v3) {
      s.recordMinSdk = c.u32();
      s.recordMaxSdk = c.u32();
    }
    const signatures = lengthPrefixed(c, `${name} signatures`);
    eachElement(signatures, `${name} signature`, MAX_SIGNER_ITEMS, (sig) => {
      s.signatureAlgorithmIds.push(sig.u32());
      lengthPrefixed(sig, `${name} signature bytes`);
    });
    s.publicKey = restOf(lengthPrefixed(c, `${name} public key`));
  } catch (e) {
    if (!isPledgeError(e)) throw e;
    s.problem = e;
  }
  return s;
}

function readSignedData(d: ByteCursor, s: SchemeSigner, v3: boolean, name: string): void {
  const digests = lengthPrefixed(d, `${name} digests`);
  const certificates = lengthPrefixed(d, `${name} certificates`);
  // Certificates first: they are what the report needs, so a lying digest list must not hide them.
  eachElement(certificates, `${name} certificate`, MAX_SIGNER_ITEMS, (cert) => {
    s.certificates.push(restOf(cert));
  });
  eachElement(digests, `${name} digest`, MAX_SIGNER_ITEMS, (dg) => {
    s.digestAlgorithmIds.push(dg.u32());
    lengthPrefixed(dg, `${name} digest bytes`);
  });
  if (v3) {
    s.minSdk = d.u32();
    s.maxSdk = d.u32();
  }
  const attributes = lengthPrefixed(d, `${name} additional attributes`);
  eachElement(attributes, `${name} additional attribute`, MAX_SIGNER_ITEMS, (attr) => {
    if (attr.remaining < 4) {
      throw new PledgeError('E_SIG_MALFORMED', `${name} additional attribute of ${attr.remaining} bytes has no ID`, { offset: attr.start });
    }
    const id = attr.u32();
    s.attributes.push({ id, value: restOf(attr) });
  });
}
