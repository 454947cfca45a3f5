import type { DexFile } from './dex-file.js';

/** Packages whose fields and classes are the platform's, not the app's. */
export const FRAMEWORK_PREFIXES: readonly string[] = Object.freeze(['Landroid/', 'Ljava/', 'Ljavax/', 'Landroidx/', 'Lcom/google/android/']);

/**
 * One byte per type_ids entry: 1 when the descriptor starts with one of `prefixes` (ASCII).
 * Compares the MUTF-8 bytes in place (a prefix without 00 bytes cannot match past a string's
 * terminator), so no string is decoded and no string's end is searched for.
 */
export function typePrefixMask(dex: DexFile, prefixes: readonly string[]): Uint8Array {
  const mask = new Uint8Array(dex.typeCount);
  const pre = prefixes.map((p) => Uint8Array.from(p, (ch) => ch.charCodeAt(0) & 0x7f));
  const buf = dex.buf;
  const end = dex.end;
  for (let t = 0; t < dex.typeCount; t++) {
    const at = dex.stringStart(dex.typeStringIdx(t));
    for (const p of pre) {
      if (at + p.length > end) continue;
      let i = 0;
      while (i < p.length && buf[at + i] === p[i]) i++;
      if (i === p.length) {
        mask[t] = 1;
        break;
      }
    }
  }
  return mask;
}

/** One byte per type_ids entry: 1 when the descriptor is in `descriptors`. */
export function typeSetMask(dex: DexFile, descriptors: ReadonlySet<string>): Uint8Array {
  const mask = new Uint8Array(dex.typeCount);
  for (let t = 0; t < dex.typeCount; t++) if (descriptors.has(dex.typeDescriptor(t))) mask[t] = 1;
  return mask;
}

export interface FieldSelection {
  /** Field refs "Lcom/a/B;->name:Ljava/lang/String;". */
  fieldRefs?: Iterable<string>;
  /** Every field of these classes ("Landroid/os/Build;"). */
  classDescriptors?: Iterable<string>;
  /** Every field of classes under these descriptor prefixes ("Landroid/"). */
  classPrefixes?: readonly string[];
}

/**
 * A field filter for scanDex, computed once over the field table: a field is accepted when its
 * ref, its class or its class's package is selected.
 */
export function makeFieldFilter(dex: DexFile, sel: FieldSelection): (fieldIdx: number) => boolean {
  const mask = fieldMask(dex, sel);
  return (i) => mask[i] === 1;
}

export function fieldMask(dex: DexFile, sel: FieldSelection): Uint8Array {
  const mask = new Uint8Array(dex.fieldCount);
  const classes = sel.classDescriptors === undefined ? undefined : typeSetMask(dex, new Set(sel.classDescriptors));
  const prefixed = sel.classPrefixes === undefined ? undefined : typePrefixMask(dex, sel.classPrefixes);
  const refs = sel.fieldRefs === undefined ? undefined : new Set(sel.fieldRefs);
  // Only fields of a class that some wanted ref names need their ref string built.
  const refClasses = refs === undefined ? undefined : typeSetMask(dex, new Set([...refs].map((r) => r.slice(0, r.indexOf('->')))));
  for (let f = 0; f < dex.fieldCount; f++) {
    const cls = dex.fieldClassIdx(f);
    if (classes?.[cls] === 1 || prefixed?.[cls] === 1) mask[f] = 1;
    else if (refs !== undefined && refClasses?.[cls] === 1 && refs.has(dex.fieldRefString(f))) mask[f] = 1;
  }
  return mask;
}

export interface TypeSelection {
  descriptors?: Iterable<string>;
  prefixes?: readonly string[];
}

/** A type filter for scanDex (new-instance), computed once over the type table. */
export function makeTypeFilter(dex: DexFile, sel: TypeSelection): (typeIdx: number) => boolean {
  const mask = typeMask(dex, sel);
  return (i) => mask[i] === 1;
}

export function typeMask(dex: DexFile, sel: TypeSelection): Uint8Array {
  const mask = sel.prefixes === undefined ? new Uint8Array(dex.typeCount) : typePrefixMask(dex, sel.prefixes);
  if (sel.descriptors !== undefined) {
    const set = typeSetMask(dex, new Set(sel.descriptors));
    for (let t = 0; t < mask.length; t++) mask[t] = (mask[t] as number) | (set[t] as number);
  }
  return mask;
}
