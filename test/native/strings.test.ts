import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binaryRuns, binaryStrings } from '../../src/native/index.js';
import { REPO } from '../helpers/corpus.js';
import { prng } from '../helpers/prng.js';
import { fixtureGarbageLib, fixtureLibApp, fixtureLibAppArm32, utf16 } from './fake-elf.js';

const texts = (b: Uint8Array, opts = {}): string[] => binaryStrings(b, opts).strings.map((s) => s.text);

describe('binaryStrings: printable runs, UTF-8 aware', () => {
  it('finds ASCII and UTF-8 Chinese runs among binary bytes, with their offsets', () => {
    const b = Buffer.concat([Buffer.from([1, 2, 0xff]), Buffer.from('注销账号', 'utf8'), Buffer.from([0, 0x80, 0xc3]), Buffer.from('hello world'), Buffer.from([0x1f])]);
    expect(binaryStrings(b).strings).toEqual([
      { offset: 3, text: '注销账号', encoding: 'utf8' },
      { offset: 18, text: 'hello world', encoding: 'utf8' },
    ]);
  });

  it('keeps runs of at least minBytes (4: two Chinese characters are six bytes)', () => {
    expect(texts(Buffer.from('\0abc\0abcd\0同意\0'))).toEqual(['abcd', '同意']);
    expect(texts(Buffer.from('\0ab\0'), { minBytes: 2 })).toEqual(['ab']);
  });

  it('breaks runs at malformed UTF-8: overlong forms, surrogates, stray continuation bytes, C1 controls', () => {
    const b = Buffer.from([...Buffer.from('abcd'), 0xc0, 0xaf, ...Buffer.from('efgh'), 0xed, 0xa0, 0x80, ...Buffer.from('ijkl'), 0x80, ...Buffer.from('mnop'), 0xc2, 0x85, ...Buffer.from('qrst'), 0xf4, 0x90, 0x80, 0x80]);
    expect(texts(b)).toEqual(['abcd', 'efgh', 'ijkl', 'mnop', 'qrst']);
    expect(texts(Buffer.from('abcdé€𝄞', 'utf8'))).toEqual(['abcdé€𝄞']);
  });

  it('cuts long runs into pieces and stops at maxStrings', () => {
    expect(texts(Buffer.from('x'.repeat(10)), { maxRunBytes: 4 })).toEqual(['xxxx', 'xxxx']);
    const many = Buffer.from('abcd\0'.repeat(100));
    const r = binaryStrings(many, { maxStrings: 10 });
    expect(r.strings).toHaveLength(10);
    expect(r.truncated).toBe(true);
    expect(binaryStrings(many, { maxStrings: 100 }).truncated).toBe(false);
  });

  it('finds UTF-16LE Chinese only inside the ranges it is given, and not ASCII read at the wrong width', () => {
    const lit = utf16('个人信息收集清单');
    const b = Buffer.concat([Buffer.from([0, 0]), lit, Buffer.from([0, 0]), Buffer.from('NoNoNoNoNoNoNoNo'), Buffer.from([0, 0])]);
    expect(binaryStrings(b).strings.filter((s) => s.encoding === 'utf16le')).toEqual([]);
    const all = binaryStrings(b, { utf16Ranges: [{ start: 0, end: b.length }] }).strings.filter((s) => s.encoding === 'utf16le');
    // 'NoNo' read as UTF-16 is 潎潎…, Han code units made of two printable ASCII bytes: rejected.
    expect(all).toEqual([{ offset: 2, text: '个人信息收集清单', encoding: 'utf16le' }]);
  });

  it('binaryRuns gives the same runs undecoded', () => {
    const b = Buffer.from('\0abcd\0同意同意\0');
    expect(binaryRuns(b).runs).toEqual([
      { offset: 1, end: 5, encoding: 'utf8' },
      { offset: 6, end: 18, encoding: 'utf8' },
    ]);
  });

  it('is linear and bounded on random data (seeded)', () => {
    const rnd = prng(99);
    const b = Buffer.alloc(1 << 17);
    for (let i = 0; i < b.length; i++) b[i] = Math.floor(rnd() * 256);
    const r = binaryStrings(b, { utf16Ranges: [{ start: 0, end: b.length }], maxStrings: 50_000 });
    for (const s of r.strings) expect(s.offset).toBeLessThan(b.length);
  });
});

describe('fixture native libraries are reproducible from test/native/fake-elf.ts', () => {
  const lib = join(REPO, 'fixtures/src/strings-basic/files/lib');
  it('libapp.so (arm64-v8a, armeabi-v7a) and libgarbage.so', () => {
    expect(readFileSync(join(lib, 'arm64-v8a/libapp.so')).equals(fixtureLibApp().bytes)).toBe(true);
    expect(readFileSync(join(lib, 'armeabi-v7a/libapp.so')).equals(fixtureLibAppArm32().bytes)).toBe(true);
    expect(readFileSync(join(lib, 'arm64-v8a/libgarbage.so')).equals(fixtureGarbageLib())).toBe(true);
  });
});
