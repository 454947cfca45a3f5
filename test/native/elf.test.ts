import { describe, expect, it } from 'vitest';
import { dartSnapshotDataRanges, machineName, readDynamicSymbols, readElfHeader } from '../../src/native/index.js';
import { DiagnosticSink } from '../../src/util/diagnostics.js';
import { mutate, prng } from '../helpers/prng.js';
import { fakeElf, fixtureLibApp, utf16 } from './fake-elf.js';

/** A minimal Elf32_Ehdr (ARM, ET_DYN) with one program header right after it. */
function elf32(opts: { phoff?: number; shoff?: number; shnum?: number; endian?: 1 | 2 } = {}): Buffer {
  const b = Buffer.alloc(52 + 32);
  const le = (opts.endian ?? 1) === 1;
  b.set([0x7f, 0x45, 0x4c, 0x46, 1, opts.endian ?? 1, 1], 0);
  const w16 = (v: number, at: number): number => (le ? b.writeUInt16LE(v, at) : b.writeUInt16BE(v, at));
  const w32 = (v: number, at: number): number => (le ? b.writeUInt32LE(v, at) : b.writeUInt32BE(v, at));
  w16(3, 0x10);
  w16(40, 0x12);
  w32(1, 0x14);
  w32(opts.phoff ?? 52, 0x1c);
  w32(opts.shoff ?? 0, 0x20);
  w16(52, 0x28);
  w16(32, 0x2a);
  w16(1, 0x2c);
  w16(40, 0x2e);
  w16(opts.shnum ?? 0, 0x30);
  return b;
}

function diags(): { sink: DiagnosticSink; codes: () => string[] } {
  const sink = new DiagnosticSink();
  return { sink, codes: () => sink.items.map((d) => d.code) };
}

describe('readElfHeader', () => {
  it('reads a 64-bit little-endian AArch64 shared object', () => {
    const { bytes } = fixtureLibApp();
    const h = readElfHeader(bytes.subarray(0, 64), { fileSize: bytes.length });
    expect(h).toMatchObject({ class: 64, endian: 'little', machine: 183, type: 3, phoff: 64, phnum: 1, shnum: 4, sectionsInFile: true });
    expect(machineName(h?.machine ?? 0)).toBe('aarch64');
  });

  it('reads 32-bit headers, both byte orders', () => {
    expect(readElfHeader(elf32(), { fileSize: 84 })).toMatchObject({ class: 32, endian: 'little', machine: 40, type: 3, phoff: 52, phnum: 1 });
    expect(readElfHeader(elf32({ endian: 2 }), { fileSize: 84 })).toMatchObject({ class: 32, endian: 'big', machine: 40 });
    expect(machineName(40)).toBe('arm');
    expect(machineName(9999)).toBe('em9999');
  });

  it('rejects what bionic rejects, with a diagnostic and no throw', () => {
    const cases: [string, Uint8Array, number | undefined, RegExp][] = [
      ['empty', new Uint8Array(0), undefined, /shorter than e_ident/],
      ['bad magic', Buffer.from('not an elf file at all, really not'), undefined, /bad magic/],
      ['bad class', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 3, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]), undefined, /EI_CLASS is 3/],
      ['bad data', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]), undefined, /EI_DATA is 0/],
      ['bad version', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 1, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0]), undefined, /EI_VERSION is 2/],
      ['truncated header', fixtureLibApp().bytes.subarray(0, 40), undefined, /shorter than the 64-byte header/],
      ['program headers outside the file', elf32({ phoff: 1000 }), 84, /program headers/],
      ['program headers inside the header', elf32({ phoff: 8 }), 84, /program headers/],
    ];
    for (const [what, bytes, fileSize, message] of cases) {
      const d = diags();
      expect(readElfHeader(bytes, { fileSize, entry: 'lib/x/libz.so', diagnostics: d.sink }), what).toBeUndefined();
      expect(d.codes(), what).toEqual(['W_ARTIFACT_FAILED']);
      expect(d.sink.items[0]?.message, what).toMatch(message);
      expect(d.sink.items[0]?.entry).toBe('lib/x/libz.so');
    }
  });

  it('flags section headers outside the file without rejecting the library (the linker ignores them)', () => {
    const d = diags();
    const h = readElfHeader(elf32({ shoff: 5000, shnum: 20 }), { fileSize: 84, diagnostics: d.sink });
    expect(h?.sectionsInFile).toBe(false);
    expect(d.codes()).toEqual([]);
  });

  it('never throws on mutated headers (seeded)', () => {
    const seed = fixtureLibApp().bytes.subarray(0, 64);
    const rnd = prng(1129);
    for (let i = 0; i < 500; i++) {
      const { bytes } = mutate(seed, rnd);
      const h = readElfHeader(bytes, { fileSize: Math.floor(rnd() * 4096), diagnostics: new DiagnosticSink() });
      if (h !== undefined) expect([32, 64]).toContain(h.class);
    }
  });
});

describe('readDynamicSymbols and the Dart snapshot ranges', () => {
  it("reads .dynsym names and maps their values to file offsets through PT_LOAD", () => {
    const elf = fakeElf({ seed: 1, noise: 16, literals: ['abc', utf16('隐私政策')], symbols: [['_kDartVmSnapshotData', 0], ['_kDartIsolateSnapshotData', 1]] });
    const h = readElfHeader(elf.bytes, { fileSize: elf.bytes.length });
    expect(h).toBeDefined();
    const syms = readDynamicSymbols(elf.bytes, h!);
    expect(syms?.map((s) => [s.name, s.fileOffset, s.size])).toEqual([
      ['_kDartVmSnapshotData', elf.offsets[0], 3],
      ['_kDartIsolateSnapshotData', elf.offsets[1], 8],
    ]);
    expect(dartSnapshotDataRanges(syms!, elf.bytes.length)).toEqual([
      { start: elf.offsets[0], end: (elf.offsets[0] as number) + 3 },
      { start: elf.offsets[1], end: (elf.offsets[1] as number) + 8 },
    ]);
  });

  it('is undefined for headers-only buffers and section tables that do not fit', () => {
    const { bytes } = fixtureLibApp();
    const h = readElfHeader(bytes, { fileSize: bytes.length })!;
    expect(readDynamicSymbols(bytes.subarray(0, 64), h)).toBeUndefined();
    expect(readDynamicSymbols(bytes, { ...h, shentsize: 40 })).toBeUndefined();
    expect(readDynamicSymbols(bytes, { ...h, endian: 'big' })).toBeUndefined();
  });

  it('never throws on mutated libraries (seeded)', () => {
    const { bytes: seed } = fixtureLibApp();
    const rnd = prng(4711);
    for (let i = 0; i < 300; i++) {
      const { bytes } = mutate(seed, rnd);
      const h = readElfHeader(bytes, { fileSize: bytes.length });
      if (h === undefined) continue;
      const syms = readDynamicSymbols(bytes, h);
      if (syms !== undefined) for (const r of dartSnapshotDataRanges(syms, bytes.length)) expect(r.end).toBeLessThanOrEqual(bytes.length);
    }
  });
});
