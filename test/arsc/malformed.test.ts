import { describe, expect, it } from 'vitest';
import { parseArsc, type ResourceTable } from '../../src/arsc/index.js';
import { DiagnosticSink } from '../../src/util/diagnostics.js';
import { PledgeError } from '../../src/util/errors.js';
import { DEFAULT_LIMITS } from '../../src/util/limits.js';
import { buildArsc, patch, rawChunk, TYPE_STRING, type PackageSpec, type TableSpec } from './arsc-builder.js';

const LABEL = 0x7f010000;

const basePackage = (over: Partial<PackageSpec> = {}): PackageSpec => ({
  id: 0x7f,
  name: 'com.example',
  types: ['string', 'array'],
  chunks: [
    {
      id: 1,
      entries: [
        { index: 0, key: 'app_name', value: { string: 'App' } },
        { index: 1, key: 'other', value: { string: 'Other' } },
      ],
    },
    { id: 1, config: { language: 'zh' }, entries: [{ index: 0, key: 'app_name', value: { string: '应用' } }] },
    { id: 2, entries: [{ index: 0, key: 'list', bag: { items: [{ name: 0x02000000, value: { string: 'item' } }] } }] },
  ],
  ...over,
});
const base = (over: Partial<TableSpec> = {}): ReturnType<typeof buildArsc> => buildArsc({ packages: [basePackage()], ...over });
const { bytes: BASE, layout: L } = base();
const P = L.packages[0]!;
const T0 = P.types[0]!; // string, default
const T2 = P.types[2]!; // array, default
const entryAt = (t: typeof T0, i: number): number => t.start + t.entriesStart + t.offsets[i]!;
const DENSE = 84; // header size of the builder's type chunks: 20 + a 64-byte config

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The table bytes with `chunk` appended inside the table (and the table's size grown). */
function withTableChild(bytes: Uint8Array, chunk: Uint8Array): Uint8Array {
  return patch(concat(bytes, chunk), [{ at: 4, u32: bytes.length + chunk.length }]);
}

/** The base table with raw chunks appended inside the package. */
function withPackageChildren(...chunks: Uint8Array[]): Uint8Array {
  return buildArsc({ packages: [basePackage({ extra: chunks })] }).bytes;
}

const fatal: [string, Uint8Array][] = [
  ['an empty file', new Uint8Array(0)],
  ['fewer bytes than a chunk header', BASE.subarray(0, 7)],
  ['a table chunk whose size runs past the file', patch(BASE, [{ at: 4, u32: BASE.length + 4 }])],
  ['no table chunk at all (binary XML)', patch(BASE, [{ at: 0, u16: 0x0003 }])],
  ['a top-level header size below 8', patch(BASE, [{ at: 2, u16: 4 }])],
  ['a header size above the chunk size', patch(BASE, [{ at: 2, u16: 0x4000 }, { at: 4, u32: 0x3000 }])],
  ['a table header below 12 bytes', patch(BASE, [{ at: 2, u16: 8 }])],
  ['a chunk size that is not 4-aligned', patch(BASE, [{ at: L.globalPool + 4, u32: new DataView(BASE.buffer).getUint32(L.globalPool + 4, true) + 2 }])],
  ['a global pool with 2^31 strings', patch(BASE, [{ at: L.globalPool + 8, u32: 0x80000000 }])],
  ['a global pool whose strings start past its end', patch(BASE, [{ at: L.globalPool + 20, u32: 0xfffffff0 }])],
  ['a key pool with 2^31 strings', patch(BASE, [{ at: P.keyPool + 8, u32: 0x80000000 }])],
  ['more packages than the header declares', base({ packageCount: 0 }).bytes],
  ['a package header below 284 bytes', patch(BASE, [{ at: P.start + 2, u16: 200 }])],
  ['a typeIdOffset above 255', patch(BASE, [{ at: P.start + 284, u32: 300 }])],
  ['a type spec with id 0', patch(BASE, [{ at: P.specs[0]! + 8, u8: 0 }])],
  ['a type spec with 2^31 entries', patch(BASE, [{ at: P.specs[0]! + 12, u32: 0x80000000 }])],
  ['a type chunk with id 0', patch(BASE, [{ at: T0.start + 8, u8: 0 }])],
  ['a type chunk without its type spec', patch(BASE, [{ at: T0.start + 8, u8: 9 }])],
  ['a type chunk with 2^31 entries', patch(BASE, [{ at: T0.start + 12, u32: 0x80000000 }])],
  ['a type chunk whose offsets overlap its entries', patch(BASE, [{ at: T0.start + 16, u32: DENSE }])],
  ['a type chunk whose entries start past its end', patch(BASE, [{ at: T0.start + 16, u32: 0x7ffffff0 }])],
  ['a type chunk whose entries start unaligned', patch(BASE, [{ at: T0.start + 16, u32: T0.entriesStart + 2 }])],
];

describe('structure Android rejects → E_ARSC_BAD_CHUNK', () => {
  it.each(fatal)('%s', (_name, bytes) => {
    let thrown: unknown;
    try {
      parseArsc(bytes, { entry: 'resources.arsc' });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(PledgeError);
    expect((thrown as PledgeError).code).toBe('E_ARSC_BAD_CHUNK');
    expect((thrown as PledgeError).entry).toBe('resources.arsc');
  });

  it('a library chunk claiming 2^31 entries (patched count)', () => {
    const { bytes, layout } = buildArsc({ packages: [basePackage({ libraries: [{ id: 2, name: 'lib' }] })] });
    expect(() => parseArsc(patch(bytes, [{ at: layout.packages[0]!.library! + 8, u32: 0x80000000 }]))).toThrowError(
      expect.objectContaining({ code: 'E_ARSC_BAD_CHUNK' }) as Error,
    );
    expect(() => parseArsc(patch(bytes, [{ at: layout.packages[0]!.library! + 12, u32: 0x1ff }]))).toThrowError(/package ID 0x1ff/);
  });
});

function tolerated(bytes: Uint8Array): { t: ResourceTable; odd: string[] } {
  const diags = new DiagnosticSink();
  const t = parseArsc(bytes, { entry: 'resources.arsc', diagnostics: diags });
  const read = (): void => {
    t.nameOf(LABEL);
    t.entries(LABEL);
    t.resolve(LABEL, { locale: 'zh' });
    expect([...t.allStrings()].every((x) => typeof x.value === 'string')).toBe(true);
  };
  read();
  for (const d of diags.items) expect(['W_ARSC_ODD', 'W_AXML_BAD_STRING']).toContain(d.code);
  return { t, odd: diags.items.filter((d) => d.code === 'W_ARSC_ODD').map((d) => d.message) };
}

describe('limits', () => {
  it('bounds string pools by maxStringPoolEntries (limit passes, limit-1 is refused)', () => {
    const { bytes } = buildArsc({ packages: [basePackage()], strings: ['a', 'b', 'c'] });
    const count = new DataView(bytes.buffer).getUint32(L.globalPool + 8, true);
    expect(() => parseArsc(bytes, { limits: { ...DEFAULT_LIMITS, maxStringPoolEntries: count } })).not.toThrow();
    expect(() => parseArsc(bytes, { limits: { ...DEFAULT_LIMITS, maxStringPoolEntries: count - 1 } })).toThrowError(
      expect.objectContaining({ code: 'E_LIMIT_STRING_POOL' }) as Error,
    );
  });
});

describe('anomalies Android tolerates → a table and W_ARSC_ODD', () => {
  it('reads the base table cleanly', () => {
    const { t, odd } = tolerated(BASE);
    expect(odd).toEqual([]);
    expect(t.resolveString(LABEL)).toBe('App');
    expect(t.resolveString(LABEL, { locale: 'zh-CN' })).toBe('应用');
  });

  it('bytes after the table', () => {
    const { t, odd } = tolerated(concat(BASE, new Uint8Array(4)));
    expect(odd).toEqual([expect.stringMatching(/4 bytes after the last chunk/)]);
    expect(t.resolveString(LABEL)).toBe('App');
  });

  it('a package whose size runs past the table: the walk stops, as in Android', () => {
    const { t, odd } = tolerated(patch(BASE, [{ at: P.start + 4, u32: 0x10000000 }]));
    expect(odd[0]).toMatch(/declares 268435456 bytes/);
    expect(t.packages).toEqual([]);
    expect(t.resolve(LABEL)).toBeUndefined();
  });

  it('a type id with no type name', () => {
    const { bytes } = buildArsc({ packages: [basePackage({ types: ['string'] })] });
    const { t, odd } = tolerated(bytes);
    expect(odd).toEqual([expect.stringMatching(/type id 0x2 has no name/)]);
    expect(t.nameOf(0x7f020000)).toBeUndefined();
    expect(t.entries(0x7f020000)).toHaveLength(1);
    expect(t.resolveString(LABEL)).toBe('App');
  });

  it.each([
    ['an entry offset outside the type chunk', [{ at: T0.start + DENSE, u32: 0x10000 }], /leaves no room for an entry/],
    ['an entry offset of 2^32-4', [{ at: T0.start + DENSE, u32: 0xfffffffc }], /leaves no room for an entry/],
    ['an unaligned entry offset', [{ at: T0.start + DENSE, u32: 2 }], /not 4-aligned/],
    ['an entry whose size runs past the chunk', [{ at: entryAt(T0, 0), u16: 0xfff0 }], /past the type chunk/],
    ['an entry smaller than its header', [{ at: entryAt(T0, 0), u16: 4 }], /below 8/],
    ['a value whose size runs past the chunk', [{ at: entryAt(T0, 0) + 8, u16: 0xfff0 }], /runs past the type chunk/],
  ])('%s: the entry is absent', (_name, edits, message) => {
    const { t, odd } = tolerated(patch(BASE, edits));
    expect(odd.some((m) => message.test(m))).toBe(true);
    expect(t.entries(LABEL).map((e) => e.qualifiers)).toEqual(['zh']);
    // androidfw picks the configuration first, then reads its entry: a broken best entry makes
    // the resource absent rather than falling back to another configuration
    expect(t.resolveString(LABEL)).toBeUndefined();
    expect(t.resolveString(LABEL, { locale: 'zh' })).toBe('应用');
    expect(t.resolveString(LABEL + 1)).toBe('Other');
  });

  it('a bag claiming 2^31 items: the entry is absent', () => {
    const { t, odd } = tolerated(patch(BASE, [{ at: entryAt(T2, 0) + 12, u32: 0x80000000 }]));
    expect(odd).toEqual([expect.stringMatching(/declares 2147483648 map items/)]);
    expect(t.entries(0x7f020000)).toEqual([]);
  });

  it('a key index outside the key pool: no name, the value stays', () => {
    const { t, odd } = tolerated(patch(BASE, [{ at: entryAt(T0, 0) + 4, u32: 0x7fffffff }]));
    expect(t.nameOf(LABEL)).toBeUndefined();
    expect(odd.some((m) => /outside the key pool/.test(m))).toBe(true);
    expect(t.resolveString(LABEL)).toBe('App');
    expect([...t.allStrings()].map((s) => s.name)).toContain('string/0x7f010000');
  });

  it('a string index outside the global pool: a value without a string', () => {
    const { t } = tolerated(patch(BASE, [{ at: entryAt(T0, 0) + 12, u32: 0x7fffffff }]));
    expect(t.entries(LABEL)[0]!.value).toEqual({ type: TYPE_STRING, data: 0x7fffffff });
    expect(t.resolveString(LABEL)).toBeUndefined();
  });

  it('unknown chunks at every level are skipped', () => {
    const top = concat(BASE, rawChunk(0x7777, 8, 8));
    expect(tolerated(top).odd).toEqual([expect.stringMatching(/unknown top-level chunk type 0x7777/)]);
    expect(tolerated(withTableChild(BASE, rawChunk(0x0888, 8))).odd).toEqual([expect.stringMatching(/unknown chunk type 0x888 in the table/)]);
    const { t, odd } = tolerated(withPackageChildren(rawChunk(0x0999, 12, 4)));
    expect(odd).toEqual([expect.stringMatching(/unknown chunk type 0x999 in package 0x7f/)]);
    expect(t.resolveString(LABEL)).toBe('App');
  });

  it('overlayable, overlayable-policy and staged-alias chunks are skipped silently; feature-flagged chunks with a note', () => {
    // the policy chunk lives inside the overlayable chunk, as aapt2 writes it
    const overlayable = rawChunk(0x0204, 1032, 24);
    overlayable.set(rawChunk(0x0205, 16, 8), 1032);
    const { t, odd } = tolerated(withPackageChildren(overlayable, rawChunk(0x0206, 12, 8)));
    expect(odd).toEqual([]);
    expect(t.resolveString(LABEL)).toBe('App');
    expect(tolerated(withPackageChildren(rawChunk(0x0207, 16, 84))).odd).toEqual([expect.stringMatching(/feature-flagged/)]);
  });

  it('a second global pool, a duplicate type spec and an oversized config are noted', () => {
    expect(tolerated(withTableChild(BASE, BASE.subarray(L.globalPool, P.start))).odd).toEqual([expect.stringMatching(/second global string pool/)]);
    const dupSpec = BASE.subarray(P.specs[0]!, P.specs[0]! + 16 + 2 * 4);
    expect(tolerated(withPackageChildren(dupSpec)).odd).toEqual([expect.stringMatching(/type spec 0x1 defined twice/)]);
    const { t, odd } = tolerated(patch(BASE, [{ at: T0.start + 20, u32: 0x1000 }]));
    expect(odd).toEqual([expect.stringMatching(/config declares 4096 bytes/)]);
    expect(t.resolveString(LABEL)).toBe('App');
  });

  it('caps its diagnostics however many entries are broken', () => {
    const entries = Array.from({ length: 300 }, (_, i) => ({ index: i, key: `k${i}`, value: { string: `v${i}` } }));
    const { bytes, layout } = buildArsc({ packages: [{ id: 0x7f, name: 'p', types: ['string'], chunks: [{ id: 1, entries }] }] });
    const t0 = layout.packages[0]!.types[0]!;
    const broken = patch(
      bytes,
      entries.map((_, i) => ({ at: t0.start + DENSE + i * 4, u32: 2 })),
    );
    const diags = new DiagnosticSink();
    const t = parseArsc(broken, { diagnostics: diags });
    expect([...t.allStrings()]).toEqual([]);
    for (let i = 0; i < 300; i++) t.resolve(0x7f010000 + i);
    expect(diags.items.length).toBe(51);
    expect(diags.items[50]!.message).toMatch(/further resources.arsc anomalies omitted/);
  });
});
