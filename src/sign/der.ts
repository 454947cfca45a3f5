import { LIMITS } from '../util/limits.js';
import { PledgeError } from '../util/errors.js';

/**
 * A small reader for the DER (and the definite-length subset of BER) that PKCS#7 signature blocks
 * and X.509 certificates are written in. It never copies: a node is a window onto the caller's
 * buffer. Every length is checked against the enclosing node's end before it is used, and a node
 * may not nest deeper than MAX_DER_DEPTH, so hostile input cannot walk us off the buffer or down
 * an unbounded recursion.
 *
 * Non-minimal long-form lengths (0x82 0x00 0x81) are accepted: jarsigner-era signature blocks
 * contain them (apksig's "cert-not-der" golden), and apksigner and Android accept them too.
 * Indefinite lengths (0x80) are not: no Android signing tool writes them, so they are malformed.
 */

/** Universal tags (X.680 §8.4) with the identifier octet as it appears for a DER encoding. */
export const DER_BOOLEAN = 0x01;
export const DER_INTEGER = 0x02;
export const DER_BIT_STRING = 0x03;
export const DER_OCTET_STRING = 0x04;
export const DER_NULL = 0x05;
export const DER_OID = 0x06;
export const DER_UTF8_STRING = 0x0c;
export const DER_PRINTABLE_STRING = 0x13;
export const DER_UTC_TIME = 0x17;
export const DER_GENERALIZED_TIME = 0x18;
export const DER_SEQUENCE = 0x30;
export const DER_SET = 0x31;

/** Identifier-octet bits. */
export const CLASS_MASK = 0xc0;
export const CLASS_CONTEXT = 0x80;
export const CONSTRUCTED = 0x20;

/** Context-specific constructed [n]: 0xa0 | n. */
export function contextTag(n: number): number {
  return CLASS_CONTEXT | CONSTRUCTED | n;
}

/** Deeper than any real certificate (about 10 levels) and far below a stack overflow. */
export const MAX_DER_DEPTH = LIMITS.derDepth.value;
/** Children of one node; a certificate set of a real APK holds a handful. */
export const MAX_DER_CHILDREN = LIMITS.derChildren.value;
/** Longest length field accepted: 4 bytes covers any buffer we can hold. */
const MAX_LENGTH_OCTETS = 4;
/** High-tag-number form: a tag number of up to 4 base-128 octets. */
const MAX_TAG_OCTETS = 4;

export interface DerNode {
  /** First identifier octet: class (0xc0), constructed bit (0x20), low tag number (0x1f). */
  readonly tag: number;
  /** Tag number; for low tag numbers this is tag & 0x1f. */
  readonly tagNumber: number;
  readonly constructed: boolean;
  /** Offset of the identifier octet in the buffer. */
  readonly start: number;
  /** Offset of the first content octet. */
  readonly contentStart: number;
  /** Number of content octets. */
  readonly length: number;
  /** Offset just past the last content octet. */
  readonly end: number;
  /** 0 for a top-level node; children are one deeper. */
  readonly depth: number;
}

function malformed(message: string, at: number, entry: string | undefined): PledgeError {
  return new PledgeError('E_SIG_MALFORMED', `DER: ${message}`, { entry, offset: at });
}

/**
 * Reads one TLV at `at`, which must lie inside [at, limit). The node's end must not pass `limit`
 * (the parent's end, or the buffer's end for a top-level node).
 */
export function readDerNode(buf: Uint8Array, at: number, limit: number, depth = 0, entry?: string): DerNode {
  if (depth > MAX_DER_DEPTH) throw malformed(`nesting deeper than ${MAX_DER_DEPTH} levels`, at, entry);
  if (limit > buf.length) limit = buf.length;
  if (at < 0 || at >= limit) throw malformed(`no room for an element at 0x${at.toString(16)}`, at, entry);
  let p = at;
  const tag = buf[p++] as number;
  let tagNumber = tag & 0x1f;
  if (tagNumber === 0x1f) {
    // High-tag-number form: base-128 octets, bit 8 set on all but the last.
    tagNumber = 0;
    for (let i = 0; ; i++) {
      if (i >= MAX_TAG_OCTETS) throw malformed(`tag number longer than ${MAX_TAG_OCTETS} octets`, at, entry);
      if (p >= limit) throw malformed('tag runs past the end of its parent', at, entry);
      const b = buf[p++] as number;
      tagNumber = tagNumber * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) break;
    }
  }
  if (p >= limit) throw malformed('length octet runs past the end of its parent', at, entry);
  const first = buf[p++] as number;
  let length: number;
  if (first < 0x80) {
    length = first;
  } else if (first === 0x80) {
    throw malformed('indefinite length (BER) is not accepted', at, entry);
  } else {
    const n = first & 0x7f;
    if (n > MAX_LENGTH_OCTETS) throw malformed(`length field of ${n} octets`, at, entry);
    if (p + n > limit) throw malformed('length field runs past the end of its parent', at, entry);
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + (buf[p++] as number);
  }
  if (length > limit - p) {
    throw malformed(`element of ${length} bytes at 0x${at.toString(16)} runs past the end of its parent (0x${limit.toString(16)})`, at, entry);
  }
  return { tag, tagNumber, constructed: (tag & CONSTRUCTED) !== 0, start: at, contentStart: p, length, end: p + length, depth };
}

/** The elements inside a constructed node, each checked against the node's end. */
export function derChildren(buf: Uint8Array, node: DerNode, entry?: string): DerNode[] {
  if (!node.constructed) throw malformed(`element with tag 0x${node.tag.toString(16)} is primitive, expected constructed`, node.start, entry);
  const out: DerNode[] = [];
  let p = node.contentStart;
  while (p < node.end) {
    if (out.length >= MAX_DER_CHILDREN) throw malformed(`more than ${MAX_DER_CHILDREN} elements in one structure`, node.start, entry);
    const child = readDerNode(buf, p, node.end, node.depth + 1, entry);
    out.push(child);
    p = child.end;
  }
  return out;
}

/** Reads the whole buffer as exactly one top-level element (trailing bytes are reported by the caller). */
export function readDerRoot(buf: Uint8Array, entry?: string): DerNode {
  return readDerNode(buf, 0, buf.length, 0, entry);
}

/** The node's content octets (a view, no copy). */
export function derContent(buf: Uint8Array, node: DerNode): Uint8Array {
  return buf.subarray(node.contentStart, node.end);
}

/** The node's whole encoding, identifier to last content octet (a view, no copy). */
export function derEncoding(buf: Uint8Array, node: DerNode): Uint8Array {
  return buf.subarray(node.start, node.end);
}

/** Throws unless the node has the expected identifier octet. */
export function expectTag(node: DerNode, tag: number, what: string, entry?: string): DerNode {
  if (node.tag !== tag) {
    throw malformed(`${what}: expected tag 0x${tag.toString(16)}, found 0x${node.tag.toString(16)}`, node.start, entry);
  }
  return node;
}

/** Child `i` of a constructed node, or a PledgeError naming what was missing. */
export function derChild(children: readonly DerNode[], i: number, what: string, parent: DerNode, entry?: string): DerNode {
  const c = children[i];
  if (c === undefined) throw malformed(`${what} is missing`, parent.start, entry);
  return c;
}

/** Dotted-decimal form of an OBJECT IDENTIFIER's content octets. */
export function decodeOid(content: Uint8Array, at = 0, entry?: string): string {
  if (content.length === 0) throw malformed('empty OBJECT IDENTIFIER', at, entry);
  const arcs: number[] = [];
  let value = 0;
  let octets = 0;
  for (let i = 0; i < content.length; i++) {
    const b = content[i] as number;
    value = value * 128 + (b & 0x7f);
    // 8 octets of 7 bits stay below 2^53; no registered arc comes close.
    if (++octets > 8) throw malformed('OBJECT IDENTIFIER arc longer than 8 octets', at, entry);
    if ((b & 0x80) === 0) {
      if (arcs.length === 0) {
        const first = value < 40 ? 0 : value < 80 ? 1 : 2;
        arcs.push(first, value - first * 40);
      } else {
        arcs.push(value);
      }
      value = 0;
      octets = 0;
    }
  }
  if (octets !== 0) throw malformed('OBJECT IDENTIFIER ends inside an arc', at, entry);
  return arcs.join('.');
}

/** INTEGER content octets without redundant leading zero octets, for comparing serial numbers. */
export function integerMagnitude(content: Uint8Array): Uint8Array {
  let i = 0;
  while (i < content.length - 1 && content[i] === 0) i++;
  return content.subarray(i);
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * ISO 8601 form of a UTCTime or GeneralizedTime, as written (no Date round-trip, so years past
 * 9999 or odd offsets cannot throw). UTCTime years 50–99 are 19xx, 00–49 are 20xx (RFC 5280).
 */
export function decodeDerTime(buf: Uint8Array, node: DerNode, entry?: string): string {
  const text = String.fromCharCode(...derContent(buf, node).subarray(0, 32));
  let m: RegExpExecArray | null;
  let year: string;
  if (node.tag === DER_UTC_TIME) {
    m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{4})$/.exec(text);
    if (m === null) throw malformed(`UTCTime "${text}" is not YYMMDDHHMM[SS]Z`, node.start, entry);
    const yy = Number(m[1]);
    year = String(yy >= 50 ? 1900 + yy : 2000 + yy);
  } else if (node.tag === DER_GENERALIZED_TIME) {
    m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?(Z|[+-]\d{4})$/.exec(text);
    if (m === null) throw malformed(`GeneralizedTime "${text}" is not YYYYMMDDHHMM[SS]Z`, node.start, entry);
    year = m[1] as string;
  } else {
    throw malformed(`expected a time, found tag 0x${node.tag.toString(16)}`, node.start, entry);
  }
  const [, , mo, d, h, mi, s, zone] = m;
  const tz = zone === 'Z' ? 'Z' : `${(zone as string).slice(0, 3)}:${(zone as string).slice(3)}`;
  return `${year}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${tz}`;
}
