import { describe, expect, it } from 'vitest';
import { androguardDexEntryNames, dexEntryNames, unloadedDexEntryNames } from '../../src/dex/entries.js';
import { compareCodePoints, sortedDistinct } from '../../src/dex/listing.js';

describe('compareCodePoints', () => {
  it('orders like Python (and UTF-8 bytes), not like UTF-16 code units, around supplementary characters', () => {
    const astral = 'a\u{1F600}'; // a + D83D DE00
    const bmpHigh = 'a\uFF21'; // a + FULLWIDTH A (U+FF21)
    expect(astral < bmpHigh).toBe(true); // UTF-16 order
    expect(compareCodePoints(astral, bmpHigh)).toBeGreaterThan(0); // code-point order
    const list = ['b', astral, bmpHigh, 'a', 'a\u0000', 'A'];
    const byUtf8 = [...list].sort((x, y) => Buffer.compare(Buffer.from(x, 'utf8'), Buffer.from(y, 'utf8')));
    expect([...list].sort(compareCodePoints)).toEqual(byUtf8);
  });

  it('treats a lone surrogate as its own code point, as Python strings do', () => {
    const lone = 'x\uD800y';
    const e000 = 'x\uE000';
    const astral = 'x\u{10000}';
    expect([astral, e000, lone].sort(compareCodePoints)).toEqual([lone, e000, astral]);
    // a pair differing only in the low surrogate
    expect(compareCodePoints('\u{1F600}', '\u{1F601}')).toBeLessThan(0);
    expect(compareCodePoints('\uD83D', '\u{1F600}')).toBeLessThan(0);
    expect(compareCodePoints('\uD83Dz', '\u{1F600}')).toBeLessThan(0); // lone D83D (then z) vs U+1F600
  });

  it('dedupes and sorts', () => {
    expect(sortedDistinct(['b', 'a', 'b', 'c', 'a'])).toEqual(['a', 'b', 'c']);
  });
});

describe('DEX entry names', () => {
  it('follows the device: classes.dex, classes2.dex, … up to the first gap', () => {
    expect(dexEntryNames(['AndroidManifest.xml', 'classes2.dex', 'classes.dex', 'classes3.dex'])).toEqual(['classes.dex', 'classes2.dex', 'classes3.dex']);
    expect(dexEntryNames(['classes.dex', 'classes3.dex'])).toEqual(['classes.dex']);
    expect(dexEntryNames(['classes2.dex'])).toEqual([]);
    expect(dexEntryNames(['classes.dex', 'classes1.dex', 'classes02.dex', 'assets/classes2.dex'])).toEqual(['classes.dex']);
    expect(dexEntryNames([])).toEqual([]);
  });

  it('also gives the androguard 3.4 rule used by the oracle', () => {
    const names = ['classes.dex', 'classes3.dex', 'classes1.dex', 'classes02.dex', 'classes.dex.bak', 'classes2_dex', 'lib/classes.dex', 'xclasses.dex'];
    expect(androguardDexEntryNames(names)).toEqual(['classes.dex', 'classes3.dex', 'classes1.dex', 'classes02.dex', 'classes.dex.bak', 'classes2_dex']);
  });

  it('lists root DEX files the device never loads', () => {
    expect(unloadedDexEntryNames(['classes.dex', 'classes3.dex', 'classes1.dex', 'classes02.dex', 'classes.dex.bak'])).toEqual([
      'classes3.dex',
      'classes1.dex',
      'classes02.dex',
    ]);
  });
});
