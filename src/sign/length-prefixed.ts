import type { ByteCursor } from '../util/cursor.js';
import { PledgeError } from '../util/errors.js';

/**
 * A uint32 length-prefixed field of `c` as a child cursor (apksig's getLengthPrefixedSlice): the
 * length must fit in what is left of its parent, so a lying length cannot reach past it.
 */
export function lengthPrefixed(c: ByteCursor, what: string): ByteCursor {
  if (c.remaining < 4) {
    throw new PledgeError('E_SIG_MALFORMED', `${what}: ${c.remaining} bytes left, too few for a length`, { offset: c.pos });
  }
  const at = c.pos;
  const len = c.u32();
  if (len > c.remaining) {
    throw new PledgeError('E_SIG_MALFORMED', `${what}: length ${len} at 0x${at.toString(16)} runs past its parent (${c.remaining} bytes left)`, { offset: at });
  }
  const child = c.slice(c.pos, len);
  c.skip(len);
  return child;
}

/** The bytes from the cursor's position to its end (a view). */
export function restOf(c: ByteCursor): Uint8Array {
  return c.buf.subarray(c.pos, c.end);
}
