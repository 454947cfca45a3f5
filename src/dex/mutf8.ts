/**
 * Modified UTF-8, the encoding of DEX string_data_item: UTF-8 over UTF-16 code units, so a
 * supplementary character is a surrogate pair written as two 3-byte sequences, and U+0000 is the
 * two bytes C0 80 (a plain 00 byte terminates the string). Decoding into UTF-16 code units makes a
 * pair of 3-byte surrogates come out as the right JS string without any pairing logic.
 *
 * Hostile files carry bytes no encoder writes. Those never throw here: a byte that cannot start a
 * sequence and a lead byte of a 4-byte (standard UTF-8) sequence each decode to U+FFFD; a
 * sequence cut short by a bad continuation byte or the end decodes to one U+FFFD for the bytes it
 * had (WHATWG's "maximal subpart"), and decoding resumes at the byte that broke it. Overlong 2- and 3-byte forms are decoded to their value, as Java's
 * DataInputStream and ART's runtime decoder do (C0 80 is itself an overlong form).
 */

const REPLACEMENT = 0xfffd;
/** String.fromCharCode.apply takes array-likes; chunks stay well below engines' argument limits. */
const CHUNK = 4096;

let scratch = new Uint16Array(256);

function unitsToString(units: Uint16Array, n: number): string {
  if (n <= CHUNK) return String.fromCharCode.apply(null, units.subarray(0, n) as unknown as number[]);
  let out = '';
  for (let i = 0; i < n; i += CHUNK) {
    out += String.fromCharCode.apply(null, units.subarray(i, Math.min(n, i + CHUNK)) as unknown as number[]);
  }
  return out;
}

/**
 * Decodes the MUTF-8 bytes of `buf` from `start` up to the first 00 byte or `end` (exclusive),
 * whichever comes first.
 */
export function decodeMutf8(buf: Uint8Array, start: number, end: number = buf.length): string {
  if (end > buf.length) end = buf.length;
  // ASCII fast path: most DEX strings (descriptors, member names) are plain ASCII.
  let p = start;
  while (p < end) {
    const b = buf[p] as number;
    if (b === 0 || b >= 0x80) break;
    p++;
  }
  if (p >= end || buf[p] === 0) {
    const n = p - start;
    if (n === 0) return '';
    if (n <= CHUNK) return String.fromCharCode.apply(null, buf.subarray(start, p) as unknown as number[]);
  }
  // Each byte yields at most one code unit.
  const max = end - start;
  if (scratch.length < max) scratch = new Uint16Array(Math.max(max, scratch.length * 2));
  const out = scratch;
  let n = 0;
  p = start;
  while (p < end) {
    const b = buf[p] as number;
    if (b < 0x80) {
      if (b === 0) break;
      out[n++] = b;
      p++;
    } else if ((b & 0xe0) === 0xc0) {
      const b2 = p + 1 < end ? (buf[p + 1] as number) : 0;
      if ((b2 & 0xc0) !== 0x80) {
        out[n++] = REPLACEMENT;
        p++;
        continue;
      }
      out[n++] = ((b & 0x1f) << 6) | (b2 & 0x3f);
      p += 2;
    } else if ((b & 0xf0) === 0xe0) {
      const b2 = p + 1 < end ? (buf[p + 1] as number) : 0;
      if ((b2 & 0xc0) !== 0x80) {
        out[n++] = REPLACEMENT;
        p++;
        continue;
      }
      const b3 = p + 2 < end ? (buf[p + 2] as number) : 0;
      if ((b3 & 0xc0) !== 0x80) {
        out[n++] = REPLACEMENT;
        p += 2;
        continue;
      }
      out[n++] = ((b & 0x0f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f);
      p += 3;
    } else {
      // A continuation byte where a sequence should start, or a 4-byte (or longer) lead byte.
      out[n++] = REPLACEMENT;
      p++;
    }
  }
  return unitsToString(out, n);
}

/** Offset of the terminating 00 byte at or after `start`, or `end` when there is none. */
export function mutf8End(buf: Uint8Array, start: number, end: number = buf.length): number {
  const i = buf.indexOf(0, start);
  return i < 0 || i > end ? end : i;
}
