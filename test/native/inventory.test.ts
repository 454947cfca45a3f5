import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BufferSource, FileSource } from '../../src/apk/source.js';
import { openZip } from '../../src/apk/zip.js';
import { inflatePrefix, inspectNativeLibs, listNativeLibs, oneAbiPerLibrary, readEntryPrefix } from '../../src/native/index.js';
import { DiagnosticSink } from '../../src/util/diagnostics.js';
import { isPledgeError } from '../../src/util/errors.js';
import { fixtureApk } from '../helpers/fixtures.js';
import { prng } from '../helpers/prng.js';
import { writeZip } from '../helpers/zip-writer.js';
import { fixtureLibApp } from './fake-elf.js';

function zipOf(entries: Parameters<typeof writeZip>[0]) {
  const diagnostics = new DiagnosticSink();
  return { zip: openZip(new BufferSource(writeZip(entries), 't.apk'), { diagnostics }), diagnostics };
}

describe('listNativeLibs and oneAbiPerLibrary', () => {
  it('lists lib/<abi>/*.so only, in central-directory order', () => {
    const data = Buffer.from('x');
    const { zip } = zipOf(
      ['lib/arm64-v8a/liba.so', 'lib/armeabi-v7a/liba.so', 'lib/x86/libb.so', 'lib/arm64-v8a/sub/libc.so', 'lib/libd.so', 'assets/lib/x86/libe.so', 'lib/arm64-v8a/notes.txt', 'lib/mips/libb.so'].map((name) => ({ name, data })),
    );
    const libs = listNativeLibs(zip);
    expect(libs.map((l) => [l.abi, l.name, l.size])).toEqual([
      ['arm64-v8a', 'liba.so', 1],
      ['armeabi-v7a', 'liba.so', 1],
      ['x86', 'libb.so', 1],
      ['mips', 'libb.so', 1],
    ]);
    expect(oneAbiPerLibrary(libs).map((l) => l.entry)).toEqual(['lib/arm64-v8a/liba.so', 'lib/x86/libb.so']);
  });

  it('prefers arm64-v8a, then 32-bit ARM, then x86; unknown ABIs last', () => {
    const lib = (abi: string) => ({ entry: `lib/${abi}/libz.so`, abi, name: 'libz.so', size: 1 });
    expect(oneAbiPerLibrary([lib('weird'), lib('x86_64'), lib('armeabi'), lib('armeabi-v7a')])[0]?.abi).toBe('armeabi-v7a');
    expect(oneAbiPerLibrary([lib('weird'), lib('x86')])[0]?.abi).toBe('x86');
    expect(oneAbiPerLibrary([lib('weird'), lib('other')])[0]?.abi).toBe('weird');
  });
});

describe('inspectNativeLibs', () => {
  it('reads the fixture: ELF headers from 64 bytes, a garbage library gets a diagnostic', () => {
    const diagnostics = new DiagnosticSink();
    const zip = openZip(new FileSource(fixtureApk('strings-basic')), { diagnostics });
    try {
      const before = zip.bytesInflated;
      const libs = inspectNativeLibs(zip, diagnostics);
      expect(libs.map((l) => [l.entry, l.elf?.class, l.elf?.machine])).toEqual([
        ['lib/arm64-v8a/libapp.so', 64, 183],
        ['lib/arm64-v8a/libgarbage.so', undefined, undefined],
        ['lib/armeabi-v7a/libapp.so', 64, 40],
      ]);
      // Prefix reads bypass the archive's whole-entry reads: nothing was inflated in full.
      expect(zip.bytesInflated).toBe(before);
      expect(diagnostics.items.map((d) => [d.code, d.entry])).toEqual([['W_ARTIFACT_FAILED', 'lib/arm64-v8a/libgarbage.so']]);
    } finally {
      zip.source.close();
    }
  });

  it('reads the dynamic symbols of small libraries when asked', () => {
    const diagnostics = new DiagnosticSink();
    const zip = openZip(new FileSource(fixtureApk('strings-basic')), { diagnostics });
    try {
      const libs = inspectNativeLibs(zip, diagnostics, { symbolsBelow: 1024 });
      expect(libs.map((l) => [l.name, l.abi, l.symbols])).toEqual([
        ['libapp.so', 'arm64-v8a', undefined],
        ['libgarbage.so', 'arm64-v8a', undefined],
        ['libapp.so', 'armeabi-v7a', []],
      ]);
      const all = inspectNativeLibs(zip, diagnostics, { symbolsBelow: 1 << 20 });
      expect(all[0]?.symbols).toEqual(['_kDartIsolateSnapshotData']);
    } finally {
      zip.source.close();
    }
  });

  it('a library whose data cannot be read is a diagnostic, not a throw', () => {
    const { zip, diagnostics } = zipOf([{ name: 'lib/arm64-v8a/libbad.so', data: fixtureLibApp().bytes, cd: { method: 8, csize: 10 }, method: 0 }]);
    const libs = inspectNativeLibs(zip, diagnostics);
    expect(libs[0]?.elf).toBeUndefined();
    expect(diagnostics.items.some((d) => d.code === 'W_ARTIFACT_FAILED' && d.entry === 'lib/arm64-v8a/libbad.so')).toBe(true);
  });
});

describe('readEntryPrefix', () => {
  const rnd = prng(5);
  const text = Buffer.from(Array.from({ length: 20_000 }, (_, i) => `line ${i} 隐私政策 ${Math.floor(rnd() * 1e6)}\n`).join(''));
  const random = Buffer.alloc(300_000);
  for (let i = 0; i < random.length; i++) random[i] = Math.floor(rnd() * 256);

  it('reads a whole entry through the archive when it fits', () => {
    const { zip } = zipOf([{ name: 'a.txt', data: Buffer.from('hello') }]);
    expect(readEntryPrefix(zip, 'a.txt', 100)).toEqual({ bytes: Buffer.from('hello'), truncated: false, declaredSize: 5 });
  });

  it('reads exactly the first bytes of stored and deflated entries, without a diagnostic', () => {
    for (const method of [0, 8]) {
      for (const data of [text, random]) {
        const { zip, diagnostics } = zipOf([{ name: 'e', data, method }]);
        for (const cap of [1, 64, 5000, 100_000, data.length - 1]) {
          const p = readEntryPrefix(zip, 'e', cap);
          expect(p.truncated).toBe(true);
          expect(p.declaredSize).toBe(data.length);
          expect(p.bytes.length).toBeLessThanOrEqual(cap);
          expect(p.bytes.length).toBeGreaterThanOrEqual(cap >= 1 << 16 ? cap - (cap >>> 4) : cap);
          expect(p.bytes.equals(data.subarray(0, p.bytes.length))).toBe(true);
        }
        expect(diagnostics.items).toEqual([]);
      }
    }
  });

  it('highly compressible data does not inflate past the cap', () => {
    const zeros = Buffer.alloc(50 * 1024 * 1024);
    const { zip } = zipOf([{ name: 'z', data: zeros }]);
    const p = readEntryPrefix(zip, 'z', 4 * 1024 * 1024);
    expect(p.bytes.length).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(p.bytes.length).toBeGreaterThan(3 * 1024 * 1024);
  });

  it('corrupt deflate data is a PledgeError; an unknown method whose data is not deflate is read as stored', () => {
    // 0xff opens a deflate block of the reserved type 3: not deflate, from the first byte.
    const notDeflate = Buffer.concat([Buffer.from([0xff]), random.subarray(0, 5000)]);
    const corrupt = zipOf([{ name: 'c', data: notDeflate, method: 99, cd: { method: 8 }, lfh: { method: 8 } }]);
    try {
      readEntryPrefix(corrupt.zip, 'c', 100);
      expect.unreachable();
    } catch (e) {
      expect(isPledgeError(e) && e.code).toBe('E_ZIP_INFLATE');
      expect(isPledgeError(e) && e.entry).toBe('c');
    }
    const unknown = zipOf([{ name: 'u', data: notDeflate, method: 99 }]);
    expect(readEntryPrefix(unknown.zip, 'u', 100).bytes.equals(notDeflate.subarray(0, 100))).toBe(true);
    const deflatedUnknown = zipOf([{ name: 'd', data: text, method: 8, cd: { method: 99 }, lfh: { method: 99 } }]);
    expect(readEntryPrefix(deflatedUnknown.zip, 'd', 100).bytes.equals(text.subarray(0, 100))).toBe(true);
  });

  it('a missing entry is E_ZIP_ENTRY_NOT_FOUND', () => {
    const { zip } = zipOf([{ name: 'a', data: Buffer.from('x') }]);
    expect(() => readEntryPrefix(zip, 'nope', 10)).toThrow(/no entry named/);
  });

  it('inflatePrefix on a raw stream', () => {
    const raw = deflateRawSync(text);
    expect(inflatePrefix(raw, 10).equals(text.subarray(0, 10))).toBe(true);
    expect(inflatePrefix(raw, text.length * 2).equals(text)).toBe(true);
  });
});
