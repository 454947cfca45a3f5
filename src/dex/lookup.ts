import type { DexFile } from './dex-file.js';

/**
 * Lookups by name in O(log n) string decodes. The DEX format keeps string_ids sorted by UTF-16
 * code units, type_ids by string index, and method_ids/field_ids by (class, name, type); ART's
 * verifier rejects files that break the order, so a binary search finds what the runtime finds.
 */

/** Index of string `s`, or -1. */
export function findStringIdx(dex: DexFile, s: string): number {
  let lo = 0;
  let hi = dex.stringCount - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = dex.string(mid);
    if (v === s) return mid;
    if (v < s) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Index of the type whose descriptor is `desc`, or -1. */
export function findTypeIdx(dex: DexFile, desc: string): number {
  const sIdx = findStringIdx(dex, desc);
  if (sIdx < 0) return -1;
  let lo = 0;
  let hi = dex.typeCount - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = dex.typeStringIdx(mid);
    if (v === sIdx) return mid;
    if (v < sIdx) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** First index in [0, count) whose key is >= target, for a table sorted by `key`. */
function lowerBound(count: number, key: (i: number) => number, target: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(mid) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** method_ids indices of `Lclass;->name` (every overload), in table order. */
export function findMethodIdxs(dex: DexFile, classDesc: string, name: string): number[] {
  const typeIdx = findTypeIdx(dex, classDesc);
  if (typeIdx < 0) return [];
  const nameIdx = findStringIdx(dex, name);
  if (nameIdx < 0) return [];
  const out: number[] = [];
  for (let i = lowerBound(dex.methodCount, (m) => dex.methodClassIdx(m), typeIdx); i < dex.methodCount && dex.methodClassIdx(i) === typeIdx; i++) {
    if (dex.methodNameIdx(i) === nameIdx) out.push(i);
  }
  return out;
}

/** method_ids indices of every method referenced on `Lclass;`. */
export function findMethodsOfClass(dex: DexFile, classDesc: string): number[] {
  const typeIdx = findTypeIdx(dex, classDesc);
  if (typeIdx < 0) return [];
  const out: number[] = [];
  for (let i = lowerBound(dex.methodCount, (m) => dex.methodClassIdx(m), typeIdx); i < dex.methodCount && dex.methodClassIdx(i) === typeIdx; i++) out.push(i);
  return out;
}

/** field_ids indices of `Lclass;->name` (any type). */
export function findFieldIdxs(dex: DexFile, classDesc: string, name: string): number[] {
  const typeIdx = findTypeIdx(dex, classDesc);
  if (typeIdx < 0) return [];
  const nameIdx = findStringIdx(dex, name);
  if (nameIdx < 0) return [];
  const out: number[] = [];
  for (let i = lowerBound(dex.fieldCount, (f) => dex.fieldClassIdx(f), typeIdx); i < dex.fieldCount && dex.fieldClassIdx(i) === typeIdx; i++) {
    if (dex.fieldNameIdx(i) === nameIdx) out.push(i);
  }
  return out;
}

/**
 * Indices [from, to) of the strings that start with `prefix`: the string table is sorted, so they
 * are one contiguous run, found without decoding the rest.
 */
export function stringPrefixRange(dex: DexFile, prefix: string): [number, number] {
  let lo = 0;
  let hi = dex.stringCount;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dex.string(mid) < prefix) lo = mid + 1;
    else hi = mid;
  }
  const from = lo;
  hi = dex.stringCount;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dex.string(mid).startsWith(prefix) || dex.string(mid) < prefix) lo = mid + 1;
    else hi = mid;
  }
  return [from, lo];
}
