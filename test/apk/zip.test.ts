import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BufferSource, FileSource } from '../../src/apk/source.js';
import { openZip } from '../../src/apk/zip.js';
import { DiagnosticSink } from '../../src/util/diagnostics.js';
import { isPledgeError, PledgeError } from '../../src/util/errors.js';
import { DEFAULT_LIMITS, withLimits } from '../../src/util/limits.js';
import { corpusFiles, hasCorpus } from '../helpers/corpus.js';
import { writeZip } from '../helpers/zip-writer.js';

const text = (s: string) => Buffer.from(s, 'utf8');

function open(buf: Buffer, limits = DEFAULT_LIMITS) {
  const diagnostics = new DiagnosticSink();
  const zip = openZip(new BufferSource(buf, 'test.zip'), { limits, diagnostics });
  return { zip, codes: () => diagnostics.list().map((d) => d.code) };
}

function errorCode(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (isPledgeError(e)) return e.code;
    throw e;
  }
  return 'no error';
}

describe('zip reader: Android-faithful tolerance', () => {
  it('reads stored and deflated entries, each inflated once', () => {
    const { zip, codes } = open(writeZip([{ name: 'a.txt', data: text('hello'), method: 0 }, { name: 'b.txt', data: text('world'.repeat(100)) }]));
    expect(zip.names()).toEqual(['a.txt', 'b.txt']);
    expect(zip.read('a.txt').toString()).toBe('hello');
    const b = zip.read('b.txt');
    expect(b.toString()).toBe('world'.repeat(100));
    expect(zip.read('b.txt')).toBe(b);
    expect(zip.bytesInflated).toBe(5 + 500);
    expect(codes()).toEqual([]);
  });

  it('ignores the "encrypted" flag as Android does, and says so', () => {
    const { zip, codes } = open(writeZip([{ name: 'AndroidManifest.xml', data: text('<manifest/>'), flags: 1 }]));
    expect(zip.read('AndroidManifest.xml').toString()).toBe('<manifest/>');
    expect(codes()).toContain('W_ZIP_ENCRYPTED_FLAG');
  });

  it('uses the central directory when the local header disagrees, and records it', () => {
    const { zip, codes } = open(writeZip([{ name: 'classes.dex', data: text('dex\n035\0payload'), lfh: { csize: 1, usize: 999, method: 0 } }]));
    expect(zip.read('classes.dex').toString()).toBe('dex\n035\0payload');
    expect(codes()).toContain('W_ZIP_LFH_MISMATCH');
  });

  it('locates data by the local header name length, as Android does', () => {
    const { zip, codes } = open(writeZip([{ name: 'a.txt', data: text('abc'), method: 0, lfh: { name: 'a-much-longer-local-name.txt' } }]));
    expect(zip.read('a.txt').toString()).toBe('abc');
    expect(codes()).toContain('W_ZIP_LFH_MISMATCH');
  });

  it('reads an unknown compression method as stored when the data is not deflate (androidfw)', async () => {
    const buf = writeZip([{ name: 'x.bin', data: text('raw bytes'), method: 0, cd: { method: 99 }, lfh: { method: 99 } }]);
    const { zip, codes } = open(buf);
    expect(zip.read('x.bin').toString()).toBe('raw bytes');
    expect(codes()).toContain('W_ZIP_UNKNOWN_METHOD');
    expect((await open(buf).zip.readAsync('x.bin')).toString()).toBe('raw bytes');
  });

  it('inflates an unknown compression method when the data is deflate (libziparchive, apksig)', () => {
    const data = text('deflated under a bogus method number '.repeat(20));
    const { zip, codes } = open(writeZip([{ name: 'META-INF/CERT.RSA', data, method: 8, cd: { method: 21 }, lfh: { method: 21 } }]));
    expect(zip.read('META-INF/CERT.RSA').toString()).toBe(data.toString());
    expect(codes()).toContain('W_ZIP_UNKNOWN_METHOD');
  });

  it('reads ZIP64 end records and extra fields', () => {
    const { zip } = open(writeZip([{ name: 'a', data: text('zip64 data') }], { zip64: true }));
    expect(zip.layout.zip64).toBe(true);
    expect(zip.read('a').toString()).toBe('zip64 data');
  });

  it('tolerates prepended data (Janus) and bytes between the directory and the end record', () => {
    const { zip, codes } = open(writeZip([{ name: 'a', data: text('x') }], { prepend: Buffer.alloc(100, 7), gapBeforeEocd: Buffer.alloc(12) }));
    expect(zip.read('a').toString()).toBe('x');
    expect(codes()).toEqual(expect.arrayContaining(['W_ZIP_PREPENDED_DATA', 'W_ZIP_COMMENT_GARBAGE']));
  });

  it('flags a bad CRC without refusing the data', () => {
    const { zip, codes } = open(writeZip([{ name: 'a', data: text('abc'), cd: { crc: 1234 }, lfh: { crc: 1234 } }]));
    expect(zip.read('a').toString()).toBe('abc');
    expect(codes()).toContain('W_ZIP_BAD_CRC');
  });

  it('keeps the first of duplicate names and records the duplicate', () => {
    const { zip, codes } = open(writeZip([{ name: 'AndroidManifest.xml', data: text('one') }, { name: 'AndroidManifest.xml', data: text('two') }]));
    expect(zip.read('AndroidManifest.xml').toString()).toBe('one');
    expect(codes()).toContain('W_ZIP_DUPLICATE_ENTRY');
  });

  it('records path-traversal and NUL names', () => {
    const { codes } = open(writeZip([{ name: '../../evil.so', data: text('x') }, { name: 'a\u0000b', data: text('y') }]));
    expect(codes().filter((c) => c === 'W_ZIP_SUSPICIOUS_NAME')).toHaveLength(2);
  });
});

describe('zip reader: typed errors', () => {
  it('rejects what is not a zip', () => {
    expect(errorCode(() => open(text('not a zip at all, just text that is long enough')))).toBe('E_ZIP_NO_EOCD');
    expect(errorCode(() => open(Buffer.alloc(3)))).toBe('E_ZIP_NO_EOCD');
  });

  it('rejects a directory that runs past the end record', () => {
    const z = writeZip([{ name: 'a', data: text('x') }]);
    z.writeUInt32LE(0x7fffffff, z.length - 22 + 12);
    expect(errorCode(() => open(z))).toBe('E_ZIP_BAD_EOCD');
  });

  it('rejects an entry count that cannot fit the directory', () => {
    expect(errorCode(() => open(writeZip([{ name: 'a', data: text('x') }], { eocdEntries: 500 })))).toBe('E_ZIP_BAD_EOCD');
  });

  it('rejects a corrupt deflate stream with E_ZIP_INFLATE', () => {
    const z = writeZip([{ name: 'a', data: Buffer.alloc(1000, 1) }]);
    const dataStart = 30 + 1;
    z.fill(0xff, dataStart, dataStart + 4);
    expect(errorCode(() => open(z).zip.read('a'))).toBe('E_ZIP_INFLATE');
  });

  it('rejects data that inflates past its declared size', () => {
    const z = writeZip([{ name: 'a', data: Buffer.alloc(5000, 1), cd: { usize: 100 }, lfh: { usize: 100 } }]);
    expect(errorCode(() => open(z).zip.read('a'))).toBe('E_ZIP_SIZE_MISMATCH');
  });

  it('finds no entry by a name that is not there', () => {
    expect(errorCode(() => open(writeZip([{ name: 'a', data: text('x') }])).zip.read('b'))).toBe('E_ZIP_ENTRY_NOT_FOUND');
  });
});

describe('zip reader: limits (at the limit passes, one over fails)', () => {
  const three = writeZip([
    { name: 'a', data: Buffer.alloc(100, 1) },
    { name: 'b', data: Buffer.alloc(100, 2) },
    { name: 'c', data: Buffer.alloc(100, 3) },
  ]);

  it('entry count', () => {
    expect(open(three, withLimits({ maxZipEntries: 3 })).zip.names()).toHaveLength(3);
    expect(errorCode(() => open(three, withLimits({ maxZipEntries: 2 })))).toBe('E_LIMIT_ENTRIES');
  });

  it('per-entry inflated bytes', () => {
    expect(open(three, withLimits({ maxEntryBytes: 100 })).zip.read('a')).toHaveLength(100);
    expect(errorCode(() => open(three, withLimits({ maxEntryBytes: 99 })).zip.read('a'))).toBe('E_LIMIT_ENTRY_SIZE');
  });

  it('total inflated bytes per app', () => {
    const ok = open(three, withLimits({ maxTotalInflatedBytes: 300 })).zip;
    expect(['a', 'b', 'c'].map((n) => ok.read(n).length)).toEqual([100, 100, 100]);
    const tight = open(three, withLimits({ maxTotalInflatedBytes: 299 })).zip;
    tight.read('a');
    tight.read('b');
    expect(errorCode(() => tight.read('c'))).toBe('E_LIMIT_TOTAL_SIZE');
  });

  it('compression ratio (zip bomb)', () => {
    const bomb = writeZip([{ name: 'bomb', data: Buffer.alloc(1 << 20, 0) }]);
    const entry = open(bomb).zip.entry('bomb');
    const ratio = Math.ceil((1 << 20) / (entry?.compressedSize ?? 1));
    expect(ratio).toBeGreaterThan(100);
    expect(open(bomb, withLimits({ ratioFloorBytes: 1000, maxCompressionRatio: ratio })).zip.read('bomb')).toHaveLength(1 << 20);
    expect(errorCode(() => open(bomb, withLimits({ ratioFloorBytes: 1000, maxCompressionRatio: ratio - 1 })).zip.read('bomb'))).toBe('E_LIMIT_RATIO');
  });

  it('readAsync obeys the same limits', async () => {
    const z = open(three, withLimits({ maxEntryBytes: 99 })).zip;
    await expect(z.readAsync('a')).rejects.toBeInstanceOf(PledgeError);
    expect((await open(three).zip.readAsync('b')).length).toBe(100);
  });
});

describe.skipIf(!hasCorpus())('zip reader on the malformed corpus', () => {
  for (const file of corpusFiles('malformed')) {
    it(basename(file), () => {
      // Either a readable archive (every entry readable or failing with a typed error) or a typed error.
      let zip;
      try {
        zip = openZip(new FileSource(file));
      } catch (e) {
        expect(isPledgeError(e), String(e)).toBe(true);
        return;
      }
      for (const name of zip.names()) {
        try {
          zip.read(name, { cache: false });
        } catch (e) {
          expect(isPledgeError(e), `${name}: ${String(e)}`).toBe(true);
        }
      }
      zip.source.close();
    });
  }
});

describe('zip reader: reading a prefix with maxBytes', () => {
  const big = Buffer.from(Array.from({ length: 3000 }, (_, i) => `line ${i} of a long asset\n`).join(''), 'utf8');
  for (const [label, method] of [['stored', 0], ['deflated', 8]] as const) {
    it(`returns at most maxBytes of a longer ${label} entry, from its start, and says it was cut`, async () => {
      const { zip, codes } = open(writeZip([{ name: 'assets/big.txt', data: big, method }]));
      const head = zip.read('assets/big.txt', { maxBytes: 12_000, cache: false });
      expect(head.length).toBeLessThanOrEqual(12_000);
      expect(head.length).toBeGreaterThan(10_000);
      expect(head.equals(big.subarray(0, head.length))).toBe(true);
      expect(codes()).toContain('W_LIMIT_PREFIX');
      const headAsync = await zip.readAsync('assets/big.txt', { maxBytes: 12_000, cache: false });
      expect(headAsync.equals(big.subarray(0, headAsync.length))).toBe(true);
      // The whole entry still reads whole afterwards: a cut read is never cached.
      expect(zip.read('assets/big.txt').equals(big)).toBe(true);
    });
  }
});
