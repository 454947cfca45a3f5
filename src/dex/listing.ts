import type { DexFile } from './dex-file.js';

/**
 * Orders strings by Unicode code point, as Python's `sorted` and UTF-8 byte order do. JS `<`
 * compares UTF-16 code units, which differs only where a supplementary character (a surrogate
 * pair, D800–DFFF) meets a character in E000–FFFF. A lone surrogate counts as its own value, as in
 * Python strings.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return a.length - b.length;
  // Differing inside a pair that starts one unit earlier: compare the whole code points.
  if (i > 0) {
    const prev = a.charCodeAt(i - 1);
    if (prev >= 0xd800 && prev <= 0xdbff && (isLow(a.charCodeAt(i)) || isLow(b.charCodeAt(i)))) i--;
  }
  return (a.codePointAt(i) as number) - (b.codePointAt(i) as number);
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Sorts in place by code point. Without surrogates, UTF-16 order is code-point order, and the
 * engine's comparator-free sort is several times faster than a JS comparator.
 */
export function sortByCodePoint(values: string[]): string[] {
  values.sort();
  if (values.some((v) => SURROGATE.test(v))) values.sort(compareCodePoints);
  return values;
}

/** The distinct values, sorted by code point. */
export function sortedDistinct(values: Iterable<string>): string[] {
  return sortByCodePoint([...new Set(values)]);
}

/** Every class_def's descriptor ("Lcom/a/B;") over all DEX files, distinct and sorted by code point. */
export function listClassDescriptors(dexes: readonly DexFile[]): string[] {
  const set = new Set<string>();
  for (const dex of dexes) for (let i = 0; i < dex.classDefCount; i++) set.add(dex.classDescriptor(i));
  return sortByCodePoint([...set]);
}

export interface MethodRefListOptions {
  /**
   * Written between parameter types. Default '' (the DEX/smali form "(ILjava/lang/String;)V").
   * androguard 3.4 joins them with ' ' ("(I Ljava/lang/String;)V"), and so does the corpus
   * oracle's methodRefs list; pass ' ' to compare with it.
   */
  parameterSeparator?: string;
}

/**
 * Every method_ids entry as "Lcom/a/B;->name(ARGS)RET" over all DEX files (definitions and
 * references alike), distinct and sorted by code point.
 */
export function listMethodRefs(dexes: readonly DexFile[], opts: MethodRefListOptions = {}): string[] {
  const sep = opts.parameterSeparator ?? '';
  const set = new Set<string>();
  for (const dex of dexes) {
    if (sep === '') {
      for (let i = 0; i < dex.methodCount; i++) set.add(dex.methodRefString(i));
      continue;
    }
    const protos = new Array<string | undefined>(dex.protoCount);
    for (let i = 0; i < dex.methodCount; i++) {
      const p = dex.methodProtoIdx(i);
      let proto = protos[p];
      if (proto === undefined) {
        const params = dex.protoParameterTypes(p).map((t) => dex.typeDescriptor(t));
        proto = `(${params.join(sep)})${dex.typeDescriptor(dex.protoReturnTypeIdx(p))}`;
        protos[p] = proto;
      }
      set.add(`${dex.methodClass(i)}->${dex.methodName(i)}${proto}`);
    }
  }
  return sortByCodePoint([...set]);
}

/** Every string_ids entry over all DEX files, distinct (not sorted: callers usually count). */
export function distinctStrings(dexes: readonly DexFile[]): Set<string> {
  const set = new Set<string>();
  for (const dex of dexes) for (let i = 0; i < dex.stringCount; i++) set.add(dex.string(i));
  return set;
}
