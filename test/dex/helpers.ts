import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adler32 } from '../../src/dex/checksum.js';
import type { DexFile } from '../../src/dex/dex-file.js';

/** Small DEX files built from the smali sources beside them (see each source's header). */
export const DATA = join(dirname(fileURLToPath(import.meta.url)), 'data');

/** A fresh copy of a fixture DEX, safe to patch. */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(DATA, name)));
}

export interface FoundMethod {
  classDef: number;
  methodIdx: number;
  codeOff: number;
  accessFlags: number;
}

/** The method `name` defined by class `cls` (first match by name). */
export function findMethod(dex: DexFile, cls: string, name: string): FoundMethod {
  for (let cd = 0; cd < dex.classDefCount; cd++) {
    if (dex.classDescriptor(cd) !== cls) continue;
    for (const m of dex.classMethods(cd)) {
      if (dex.methodName(m.methodIdx) === name) return { classDef: cd, methodIdx: m.methodIdx, codeOff: m.codeOff, accessFlags: m.accessFlags };
    }
  }
  throw new Error(`no method ${cls}->${name}`);
}

export function u32(buf: Uint8Array, at: number): number {
  return new DataView(buf.buffer, buf.byteOffset, buf.byteLength).getUint32(at, true);
}

export function setU32(buf: Uint8Array, at: number, v: number): void {
  new DataView(buf.buffer, buf.byteOffset, buf.byteLength).setUint32(at, v >>> 0, true);
}

export function setU16(buf: Uint8Array, at: number, v: number): void {
  new DataView(buf.buffer, buf.byteOffset, buf.byteLength).setUint16(at, v & 0xffff, true);
}

/** Writes code units at `at` (a byte offset). */
export function setUnits(buf: Uint8Array, at: number, units: readonly number[]): void {
  units.forEach((u, i) => setU16(buf, at + i * 2, u));
}

/** Recomputes the SHA-1 signature and adler32 checksum of the DEX whose header is at `start`. */
export function fixChecksums(buf: Uint8Array, start = 0): void {
  const size = u32(buf, start + 0x20);
  const sig = createHash('sha1')
    .update(buf.subarray(start + 0x20, start + size))
    .digest();
  buf.set(sig, start + 0x0c);
  setU32(buf, start + 0x08, adler32(buf, start + 0x0c, start + size));
}
