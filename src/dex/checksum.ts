import { createHash } from 'node:crypto';

/** Bytes summed between reductions so that both sums stay below 2^31 (int32 arithmetic in V8). */
const NMAX = 3800;
const MOD = 65521;

/** Adler-32 of buf[start, end), as zlib computes it (the DEX header checksum). */
export function adler32(buf: Uint8Array, start: number, end: number): number {
  let a = 1;
  let b = 0;
  let p = start;
  while (p < end) {
    const stop = Math.min(end, p + NMAX);
    for (; p < stop; p++) {
      a += buf[p] as number;
      b += a;
    }
    a %= MOD;
    b %= MOD;
  }
  return ((b << 16) | a) >>> 0;
}

/** SHA-1 of buf[start, end) (the DEX header signature). */
export function sha1(buf: Uint8Array, start: number, end: number): Uint8Array {
  return createHash('sha1').update(buf.subarray(start, end)).digest();
}
