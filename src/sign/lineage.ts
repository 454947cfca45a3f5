import { LIMITS } from '../util/limits.js';
import { ByteCursor } from '../util/cursor.js';
import { PledgeError } from '../util/errors.js';
import { lengthPrefixed, restOf } from './length-prefixed.js';

/**
 * The v3 proof-of-rotation attribute (apksig V3SigningCertificateLineage): the chain of signing
 * certificates an app has rotated through, each node signed by its predecessor.
 *
 *   uint32 version (1)
 *   nodes, each uint32 length-prefixed:
 *     signed data (length-prefixed): certificate (length-prefixed X.509), uint32 signature algorithm
 *     uint32 flags          capabilities granted to this certificate by its successor
 *     uint32 signature algorithm (of the previous node, over this node's signed data)
 *     signature (length-prefixed)
 */

export const LINEAGE_VERSION = 1;
/** apksig refuses lineages above a few dozen nodes; this bound only protects us. */
export const MAX_LINEAGE_NODES = LIMITS.lineageNodes.value;

/** SigningCertificateLineage capability flags. */
export const LINEAGE_FLAGS: ReadonlyArray<readonly [number, string]> = [
  [1, 'installed-data'],
  [2, 'shared-uid'],
  [4, 'permission'],
  [8, 'rollback'],
  [16, 'auth'],
];

export function lineageCapabilities(flags: number): string[] {
  return LINEAGE_FLAGS.filter(([bit]) => (flags & bit) !== 0).map(([, name]) => name);
}

export interface LineageNode {
  /** The certificate as stored. */
  certificate: Uint8Array;
  /** signed data: algorithm the node's certificate uses to sign the next node. */
  signedSignatureAlgorithmId: number;
  flags: number;
  /** Algorithm of this node's signature (made by the previous node). */
  signatureAlgorithmId: number;
}

/** Parses a proof-of-rotation attribute value; throws PledgeError('E_SIG_MALFORMED') on any inconsistency. */
export function readLineage(value: Uint8Array): LineageNode[] {
  const c = new ByteCursor(value, 'E_SIG_MALFORMED');
  const version = c.u32();
  if (version !== LINEAGE_VERSION) {
    throw new PledgeError('E_SIG_MALFORMED', `lineage version ${version} is not ${LINEAGE_VERSION}`, { offset: 0 });
  }
  const nodes: LineageNode[] = [];
  while (c.remaining > 0) {
    if (nodes.length >= MAX_LINEAGE_NODES) throw new PledgeError('E_SIG_MALFORMED', `lineage has more than ${MAX_LINEAGE_NODES} nodes`, { offset: c.pos });
    const what = `lineage node #${nodes.length + 1}`;
    const node = lengthPrefixed(c, what);
    const signed = lengthPrefixed(node, `${what} signed data`);
    const cert = lengthPrefixed(signed, `${what} certificate`);
    const signedSignatureAlgorithmId = signed.u32();
    const flags = node.u32();
    const signatureAlgorithmId = node.u32();
    lengthPrefixed(node, `${what} signature`);
    nodes.push({ certificate: restOf(cert), signedSignatureAlgorithmId, flags, signatureAlgorithmId });
  }
  return nodes;
}
