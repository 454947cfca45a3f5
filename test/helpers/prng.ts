/** mulberry32: a tiny seeded PRNG, so that every fuzz run is reproducible from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INTERESTING_U32 = [0, 1, 0x7f, 0x80, 0xff, 0xffff, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];

/** One mutation: truncate, flip bytes, or plant an interesting 32-bit value (sizes, counts, offsets). */
export function mutate(input: Uint8Array, rnd: () => number): { bytes: Buffer; what: string } {
  const b = Buffer.from(input);
  const kind = Math.floor(rnd() * 3);
  if (kind === 0 || b.length < 8) {
    const at = Math.floor(rnd() * b.length);
    return { bytes: b.subarray(0, at), what: `truncate@${at}` };
  }
  if (kind === 1) {
    const n = 1 + Math.floor(rnd() * 8);
    const at: number[] = [];
    for (let i = 0; i < n; i++) {
      const p = Math.floor(rnd() * b.length);
      b[p] = Math.floor(rnd() * 256);
      at.push(p);
    }
    return { bytes: b, what: `flip@${at.join(',')}` };
  }
  const p = Math.floor(rnd() * (b.length - 4)) & ~3;
  const v = INTERESTING_U32[Math.floor(rnd() * INTERESTING_U32.length)] as number;
  b.writeUInt32LE(v, p);
  return { bytes: b, what: `u32@${p}=0x${v.toString(16)}` };
}
