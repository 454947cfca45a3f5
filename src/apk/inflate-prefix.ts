import { constants, inflateRawSync } from 'node:zlib';
import { PledgeError } from '../util/errors.js';

/** Deflate's worst-case expansion (a 258-byte match per bit pair of a dynamic block): 1032:1. */
const MAX_DEFLATE_RATIO = 1032;
/** A first compressed prefix this short may be inflated without an output guard (≤ ~4 MiB out). */
const SMALL_PREFIX = 4096;
const MAX_ROUNDS = 40;

/**
 * Inflates about `cap` bytes from the start of a raw deflate stream by inflating prefixes of the
 * compressed data: output grows with the prefix, so a prefix whose output passes `cap` (zlib then
 * refuses) is too long and one whose output falls short is too short. A short first prefix (whose
 * output deflate's maximum ratio bounds) usually settles it; otherwise the prefix length is
 * estimated from the ratio seen so far and bisected. The result may fall short of `cap` by a
 * little (1/16) for large caps; it never exceeds it.
 */
export function inflatePrefix(raw: Uint8Array, cap: number): Buffer {
  let p = Math.min(raw.length, SMALL_PREFIX);
  let best = inflateSome(raw, p, MAX_DEFLATE_RATIO * p + 1024);
  if (best === undefined) throw new PledgeError('E_ZIP_INFLATE', 'cannot inflate: output exceeds the deflate ratio bound');
  if (best.length >= cap || p === raw.length) return best.subarray(0, Math.min(cap, best.length));
  const slack = cap >= 1 << 16 ? cap >>> 4 : 0;
  let lo = p;
  let hi = raw.length + 1;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (hi > raw.length) {
      const ratio = Math.max(1, best.length / Math.max(1, lo));
      p = Math.min(raw.length, Math.max(lo + 1, Math.floor((cap - slack / 2) / ratio)));
    } else {
      p = lo + Math.floor((hi - lo) / 2);
    }
    if (p <= lo || p >= hi) break;
    const out = inflateSome(raw, p, cap);
    if (out === undefined) {
      hi = p;
      continue;
    }
    best = out;
    lo = p;
    if (out.length >= cap - slack || p === raw.length) break;
  }
  return best;
}

/** The output of inflating raw[0, p), or undefined when it would exceed `maxOut`. */
function inflateSome(raw: Uint8Array, p: number, maxOut: number): Buffer | undefined {
  try {
    return inflateRawSync(raw.subarray(0, p), { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: Math.max(1, maxOut) });
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') return undefined;
    const msg = err instanceof Error ? err.message : String(err);
    throw new PledgeError('E_ZIP_INFLATE', `cannot inflate: ${msg}`);
  }
}
