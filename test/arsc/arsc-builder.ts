/**
 * A test-only resources.arsc encoder: small tables with exactly the layouts the decoder must
 * read (dense, sparse, 16-bit offsets, compact entries, bags, shared libraries), and the raw
 * offsets of every chunk so that malformed variants can be made by patching bytes.
 */

const UTF8_FLAG = 0x100;

class Writer {
  private buf = new Uint8Array(256);
  private view = new DataView(this.buf.buffer);
  len = 0;

  private grow(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf);
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  u8(v: number): this {
    this.grow(1);
    this.view.setUint8(this.len, v);
    this.len += 1;
    return this;
  }
  u16(v: number): this {
    this.grow(2);
    this.view.setUint16(this.len, v, true);
    this.len += 2;
    return this;
  }
  u32(v: number): this {
    this.grow(4);
    this.view.setUint32(this.len, v >>> 0, true);
    this.len += 4;
    return this;
  }
  bytes(b: Uint8Array): this {
    this.grow(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
    return this;
  }
  align4(): this {
    while (this.len % 4 !== 0) this.u8(0);
    return this;
  }
  setU32(at: number, v: number): void {
    this.view.setUint32(at, v >>> 0, true);
  }
  setU16(at: number, v: number): void {
    this.view.setUint16(at, v, true);
  }
  done(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

/** A ResStringPool chunk (UTF-16 unless utf8). */
export function stringPool(strings: readonly string[], utf8 = false): Uint8Array {
  const data = new Writer();
  const offsets: number[] = [];
  for (const s of strings) {
    offsets.push(data.len);
    if (utf8) {
      const b = new TextEncoder().encode(s);
      if (s.length > 0x7f || b.length > 0x7f) throw new Error('builder: long UTF-8 strings not supported');
      data.u8(s.length).u8(b.length).bytes(b).u8(0);
    } else {
      if (s.length > 0x7fff) throw new Error('builder: long strings not supported');
      data.u16(s.length);
      for (let i = 0; i < s.length; i++) data.u16(s.charCodeAt(i));
      data.u16(0);
    }
  }
  data.align4();
  const headerSize = 28;
  const stringsStart = headerSize + strings.length * 4;
  const w = new Writer();
  w.u16(0x0001).u16(headerSize).u32(stringsStart + data.len);
  w.u32(strings.length).u32(0).u32(utf8 ? UTF8_FLAG : 0).u32(strings.length === 0 ? 0 : stringsStart).u32(0);
  for (const o of offsets) w.u32(o);
  w.bytes(data.done());
  return w.done();
}

/** Configuration fields as numbers and strings; anything left out is 0 ("any"). */
export interface ConfigSpec {
  size?: number;
  mcc?: number;
  mnc?: number;
  language?: string;
  region?: string;
  orientation?: number;
  touchscreen?: number;
  density?: number;
  keyboard?: number;
  navigation?: number;
  inputFlags?: number;
  grammaticalInflection?: number;
  screenWidth?: number;
  screenHeight?: number;
  sdkVersion?: number;
  minorVersion?: number;
  screenLayout?: number;
  uiMode?: number;
  smallestScreenWidthDp?: number;
  screenWidthDp?: number;
  screenHeightDp?: number;
  localeScript?: string;
  localeVariant?: string;
  screenLayout2?: number;
  colorMode?: number;
  localeScriptWasComputed?: boolean;
  localeNumberingSystem?: string;
}

function packCode(code: string, base: number): [number, number] {
  if (code.length < 3) return [code.charCodeAt(0) || 0, code.charCodeAt(1) || 0];
  const a = (code.charCodeAt(0) - base) & 0x7f;
  const b = (code.charCodeAt(1) - base) & 0x7f;
  const c = (code.charCodeAt(2) - base) & 0x7f;
  return [0x80 | (c << 2) | (b >> 3), ((b << 5) | a) & 0xff];
}

/** A ResTable_config of `spec.size` bytes (64 by default). */
export function configBytes(spec: ConfigSpec = {}): Uint8Array {
  const size = spec.size ?? 64;
  const b = new Uint8Array(Math.max(size, 64));
  const v = new DataView(b.buffer);
  v.setUint32(0, size, true);
  v.setUint16(4, spec.mcc ?? 0, true);
  v.setUint16(6, spec.mnc ?? 0, true);
  const [l0, l1] = packCode(spec.language ?? '', 0x61);
  const [r0, r1] = packCode(spec.region ?? '', 0x30);
  b[8] = l0;
  b[9] = l1;
  b[10] = r0;
  b[11] = r1;
  b[12] = spec.orientation ?? 0;
  b[13] = spec.touchscreen ?? 0;
  v.setUint16(14, spec.density ?? 0, true);
  b[16] = spec.keyboard ?? 0;
  b[17] = spec.navigation ?? 0;
  b[18] = spec.inputFlags ?? 0;
  b[19] = spec.grammaticalInflection ?? 0;
  v.setUint16(20, spec.screenWidth ?? 0, true);
  v.setUint16(22, spec.screenHeight ?? 0, true);
  v.setUint16(24, spec.sdkVersion ?? 0, true);
  v.setUint16(26, spec.minorVersion ?? 0, true);
  b[28] = spec.screenLayout ?? 0;
  b[29] = spec.uiMode ?? 0;
  v.setUint16(30, spec.smallestScreenWidthDp ?? 0, true);
  v.setUint16(32, spec.screenWidthDp ?? 0, true);
  v.setUint16(34, spec.screenHeightDp ?? 0, true);
  const ascii = (s: string, at: number, n: number): void => {
    for (let i = 0; i < Math.min(s.length, n); i++) b[at + i] = s.charCodeAt(i);
  };
  ascii(spec.localeScript ?? '', 36, 4);
  ascii(spec.localeVariant ?? '', 40, 8);
  b[48] = spec.screenLayout2 ?? 0;
  b[49] = spec.colorMode ?? 0;
  b[52] = spec.localeScriptWasComputed ? 1 : 0;
  ascii(spec.localeNumberingSystem ?? '', 53, 8);
  return b.subarray(0, size);
}

export type ValueSpec = { type: number; data: number } | { string: string };

export interface EntrySpec {
  index: number;
  key: string;
  value?: ValueSpec;
  bag?: { parent?: number; items: { name: number; value: ValueSpec }[] };
  /** Write as a compact entry (FLAG_COMPACT: 16-bit key, type in the flags' high byte). */
  compact?: boolean;
  flags?: number;
}

export interface TypeChunkSpec {
  id: number;
  config?: ConfigSpec;
  layout?: 'dense' | 'sparse' | 'offset16';
  /** Dense/offset16 entry count; default one past the highest index. */
  entryCount?: number;
  entries: EntrySpec[];
}

export interface PackageSpec {
  id: number;
  name: string;
  types: string[];
  /** Entry counts of the type specs, by type id (1-based); default from the chunks. */
  specCounts?: Record<number, number>;
  chunks: TypeChunkSpec[];
  libraries?: { id: number; name: string }[];
  typeIdOffset?: number;
  /** Extra raw chunks appended to the package (overlayable, unknown …). */
  extra?: Uint8Array[];
}

export interface TableSpec {
  packages: PackageSpec[];
  /** Global strings added before the value strings (so tests can refer to indices). */
  strings?: string[];
  utf8?: boolean;
  packageCount?: number;
}

/** Offsets of the chunks inside the built table, for malformed variants. */
export interface Layout {
  globalPool: number;
  packages: { start: number; typePool: number; keyPool: number; specs: number[]; types: { start: number; entriesStart: number; offsets: number[] }[]; library?: number }[];
}

export const TYPE_REFERENCE = 0x01;
export const TYPE_STRING = 0x03;
export const TYPE_INT_DEC = 0x10;
export const TYPE_INT_BOOLEAN = 0x12;
export const TYPE_DYNAMIC_REFERENCE = 0x07;

export function buildArsc(spec: TableSpec): { bytes: Uint8Array; layout: Layout } {
  const strings = [...(spec.strings ?? [])];
  const stringIndex = (s: string): number => {
    let i = strings.indexOf(s);
    if (i < 0) {
      i = strings.length;
      strings.push(s);
    }
    return i;
  };
  const value = (v: ValueSpec): { type: number; data: number } => ('string' in v ? { type: TYPE_STRING, data: stringIndex(v.string) } : v);
  // Values first, so that the global pool is complete before it is written.
  const resolved = spec.packages.map((p) =>
    p.chunks.map((t) =>
      t.entries.map((e) => ({
        ...e,
        v: e.value === undefined ? undefined : value(e.value),
        b: e.bag === undefined ? undefined : { parent: e.bag.parent ?? 0, items: e.bag.items.map((i) => ({ name: i.name, ...value(i.value) })) },
      })),
    ),
  );
  const pkgChunks: { bytes: Uint8Array; layout: Layout['packages'][number] }[] = spec.packages.map((p, pi) => buildPackage(p, resolved[pi]!));
  const pool = stringPool(strings, spec.utf8 ?? false);
  const w = new Writer();
  w.u16(0x0002).u16(12).u32(0).u32(spec.packageCount ?? spec.packages.length);
  const globalPool = w.len;
  w.bytes(pool);
  const layout: Layout = { globalPool, packages: [] };
  for (const pc of pkgChunks) {
    const base = w.len;
    w.bytes(pc.bytes);
    const l = pc.layout;
    layout.packages.push({
      start: base,
      typePool: base + l.typePool,
      keyPool: base + l.keyPool,
      specs: l.specs.map((s) => base + s),
      types: l.types.map((t) => ({ start: base + t.start, entriesStart: t.entriesStart, offsets: t.offsets })),
      ...(l.library === undefined ? {} : { library: base + l.library }),
    });
  }
  w.setU32(4, w.len);
  return { bytes: w.done(), layout };
}

type ResolvedEntry = EntrySpec & { v: { type: number; data: number } | undefined; b: { parent: number; items: { name: number; type: number; data: number }[] } | undefined };

function buildPackage(p: PackageSpec, chunks: ResolvedEntry[][]): { bytes: Uint8Array; layout: Layout['packages'][number] } {
  const keys: string[] = [];
  const keyIndex = (k: string): number => {
    let i = keys.indexOf(k);
    if (i < 0) {
      i = keys.length;
      keys.push(k);
    }
    return i;
  };
  for (const c of chunks) for (const e of c) keyIndex(e.key);
  const w = new Writer();
  const headerSize = 288;
  w.u16(0x0200).u16(headerSize).u32(0).u32(p.id);
  for (let i = 0; i < 128; i++) w.u16(i < p.name.length ? p.name.charCodeAt(i) : 0);
  const typeStringsAt = w.len;
  w.u32(0).u32(p.types.length);
  const keyStringsAt = w.len;
  w.u32(0).u32(keys.length).u32(p.typeIdOffset ?? 0);
  const typePool = w.len;
  w.bytes(stringPool(p.types));
  const keyPool = w.len;
  w.bytes(stringPool(keys));
  w.setU32(typeStringsAt, typePool);
  w.setU32(keyStringsAt, keyPool);
  const layout: Layout['packages'][number] = { start: 0, typePool, keyPool, specs: [], types: [] };

  const typeIds = [...new Set(p.chunks.map((c) => c.id))].sort((a, b) => a - b);
  for (const id of typeIds) {
    const mine = p.chunks.map((c, i) => ({ c, entries: chunks[i]! })).filter((x) => x.c.id === id);
    const count = p.specCounts?.[id] ?? Math.max(0, ...mine.flatMap((x) => x.entries.map((e) => e.index + 1)));
    layout.specs.push(w.len);
    w.u16(0x0202).u16(16).u32(16 + count * 4).u8(id).u8(0).u16(mine.length).u32(count);
    for (let i = 0; i < count; i++) w.u32(0);
    for (const { c, entries } of mine) {
      const start = w.len;
      const t = typeChunk(c, entries, keyIndex);
      layout.types.push({ start, entriesStart: t.entriesStart, offsets: t.offsets });
      w.bytes(t.bytes);
    }
  }
  if (p.libraries !== undefined) {
    layout.library = w.len;
    w.u16(0x0203).u16(12).u32(12 + p.libraries.length * 260).u32(p.libraries.length);
    for (const l of p.libraries) {
      w.u32(l.id);
      for (let i = 0; i < 128; i++) w.u16(i < l.name.length ? l.name.charCodeAt(i) : 0);
    }
  }
  for (const x of p.extra ?? []) w.bytes(x);
  w.setU32(4, w.len);
  return { bytes: w.done(), layout };
}

function typeChunk(c: TypeChunkSpec, entries: ResolvedEntry[], keyIndex: (k: string) => number): { bytes: Uint8Array; entriesStart: number; offsets: number[] } {
  const layout = c.layout ?? 'dense';
  const sorted = [...entries].sort((a, b) => a.index - b.index);
  const data = new Writer();
  const offsetOf = new Map<number, number>();
  for (const e of sorted) {
    offsetOf.set(e.index, data.len);
    const key = keyIndex(e.key);
    if (e.compact) {
      if (e.v === undefined) throw new Error('builder: compact entries hold simple values');
      data.u16(key).u16(0x0008 | (e.flags ?? 0) | (e.v.type << 8)).u32(e.v.data);
    } else if (e.b !== undefined) {
      data.u16(16).u16(0x0001 | (e.flags ?? 0)).u32(key).u32(e.b.parent).u32(e.b.items.length);
      for (const i of e.b.items) data.u32(i.name).u16(8).u8(0).u8(i.type).u32(i.data);
    } else if (e.v !== undefined) {
      data.u16(8).u16(e.flags ?? 0).u32(key).u16(8).u8(0).u8(e.v.type).u32(e.v.data);
    } else {
      throw new Error('builder: entry without value or bag');
    }
  }
  const count = layout === 'sparse' ? sorted.length : (c.entryCount ?? Math.max(0, ...sorted.map((e) => e.index + 1)));
  const cfg = configBytes(c.config);
  const headerSize = 20 + cfg.length;
  const offsetsLen = layout === 'offset16' ? count * 2 : count * 4;
  const entriesStart = (headerSize + offsetsLen + 3) & ~3;
  const w = new Writer();
  w.u16(0x0201).u16(headerSize).u32(0).u8(c.id).u8(layout === 'sparse' ? 0x01 : layout === 'offset16' ? 0x02 : 0).u16(0).u32(count).u32(entriesStart);
  w.bytes(cfg);
  const offsets: number[] = [];
  if (layout === 'sparse') {
    for (const e of sorted) {
      w.u16(e.index).u16(offsetOf.get(e.index)! / 4);
      offsets.push(offsetOf.get(e.index)!);
    }
  } else {
    for (let i = 0; i < count; i++) {
      const o = offsetOf.get(i);
      offsets.push(o ?? -1);
      if (layout === 'offset16') w.u16(o === undefined ? 0xffff : o / 4);
      else w.u32(o === undefined ? 0xffffffff : o);
    }
  }
  w.align4();
  w.bytes(data.done());
  w.setU32(4, w.len);
  return { bytes: w.done(), entriesStart, offsets };
}

/** A raw chunk of the given type: header of `headerSize` bytes (zero-filled) and `body` bytes. */
export function rawChunk(type: number, headerSize: number, body = 0): Uint8Array {
  const b = new Uint8Array(headerSize + body);
  const v = new DataView(b.buffer);
  v.setUint16(0, type, true);
  v.setUint16(2, headerSize, true);
  v.setUint32(4, b.length, true);
  return b;
}

/** Patches a copy of `bytes`. */
export function patch(bytes: Uint8Array, edits: { at: number; u32?: number; u16?: number; u8?: number }[]): Uint8Array {
  const b = bytes.slice();
  const v = new DataView(b.buffer);
  for (const e of edits) {
    if (e.u32 !== undefined) v.setUint32(e.at, e.u32 >>> 0, true);
    if (e.u16 !== undefined) v.setUint16(e.at, e.u16, true);
    if (e.u8 !== undefined) v.setUint8(e.at, e.u8);
  }
  return b;
}
