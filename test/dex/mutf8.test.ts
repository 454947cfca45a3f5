import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeMutf8, mutf8End } from '../../src/dex/mutf8.js';

/** Reference MUTF-8 encoder (Java's DataOutputStream.writeUTF without the length prefix). */
function encodeMutf8(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i); // code units: a supplementary character becomes two 3-byte sequences
    if (c !== 0 && c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return Uint8Array.from(out);
}

const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);

describe('decodeMutf8', () => {
  it('decodes ASCII, 2-byte and 3-byte sequences', () => {
    expect(decodeMutf8(encodeMutf8('Lcom/a/B;'), 0)).toBe('Lcom/a/B;');
    expect(decodeMutf8(bytes(0xc3, 0xa9), 0)).toBe('é');
    expect(decodeMutf8(bytes(0xe4, 0xb8, 0xad, 0xe6, 0x96, 0x87), 0)).toBe('中文');
    expect(decodeMutf8(bytes(), 0)).toBe('');
  });

  it('decodes the 2-byte NUL C0 80 and stops at a 00 byte', () => {
    expect(decodeMutf8(bytes(0x61, 0xc0, 0x80, 0x62), 0)).toBe('a\u0000b');
    expect(decodeMutf8(bytes(0x61, 0x00, 0x62), 0)).toBe('a');
    expect(decodeMutf8(bytes(0x61, 0x62, 0x63), 0, 2)).toBe('ab');
    expect(mutf8End(bytes(0x61, 0x62, 0x00, 0x63), 0)).toBe(2);
    expect(mutf8End(bytes(0x61, 0x62), 0)).toBe(2);
  });

  it('joins surrogates written as two 3-byte sequences into one character', () => {
    // U+1F600 = D83D DE00
    const enc = bytes(0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80);
    const s = decodeMutf8(enc, 0);
    expect(s).toBe('\u{1F600}');
    expect(s.codePointAt(0)).toBe(0x1f600);
    // a lone surrogate stays a lone code unit
    expect(decodeMutf8(bytes(0x78, 0xed, 0xa0, 0xbd, 0x79), 0)).toBe('x\ud83dy');
  });

  it('turns malformed bytes into U+FFFD and never throws', () => {
    expect(decodeMutf8(bytes(0x80, 0x41), 0)).toBe('\ufffdA'); // stray continuation byte
    expect(decodeMutf8(bytes(0xc3, 0x41), 0)).toBe('\ufffdA'); // bad continuation: resume at it
    expect(decodeMutf8(bytes(0xc3), 0)).toBe('\ufffd'); // truncated 2-byte
    expect(decodeMutf8(bytes(0xe4, 0xb8), 0)).toBe('\ufffd'); // truncated 3-byte: one U+FFFD for the maximal subpart
    expect(decodeMutf8(bytes(0xe4, 0xb8, 0x41), 0)).toBe('\ufffdA');
    expect(decodeMutf8(bytes(0xe4, 0x41), 0)).toBe('\ufffdA');
    expect(decodeMutf8(bytes(0xf0, 0x9f, 0x98, 0x80), 0)).toBe('\ufffd\ufffd\ufffd\ufffd'); // 4-byte UTF-8 is not MUTF-8
    expect(decodeMutf8(bytes(0xff, 0xfe), 0)).toBe('\ufffd\ufffd');
  });

  it('decodes overlong 2-byte forms like Java does', () => {
    expect(decodeMutf8(bytes(0xc1, 0x81), 0)).toBe('A');
  });

  it('round-trips any UTF-16 string through the reference encoder (seeded)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 64 }), fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 64 }), (a, b) => {
        expect(decodeMutf8(encodeMutf8(a), 0)).toBe(a);
        expect(decodeMutf8(encodeMutf8(b), 0)).toBe(b);
      }),
      { seed: 20240601, numRuns: 300 },
    );
  });

  it('decodes long strings past the chunk size', () => {
    const s = 'é'.repeat(5000) + 'x'.repeat(9000);
    expect(decodeMutf8(encodeMutf8(s), 0)).toBe(s);
    const ascii = 'a'.repeat(10000);
    expect(decodeMutf8(encodeMutf8(ascii), 0)).toBe(ascii);
  });

  it('returns a string for any bytes (seeded)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), (b) => {
        expect(typeof decodeMutf8(b, 0)).toBe('string');
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
