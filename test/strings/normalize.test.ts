import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlainAscii, normalize, normalizeWithMap } from '../../src/facts/strings/normalize.js';

describe('normalize: how app text is compared with the lexicon', () => {
  it('folds case and NFKC compatibility forms (full-width letters, digits, punctuation, ideographic space)', () => {
    expect(normalize('Privacy Policy')).toBe('privacy policy');
    expect(normalize('ＰＲＩＶＡＣＹ　ＰＯＬＩＣＹ')).toBe('privacy policy');
    expect(normalize('我们将在１５个工作日内处理')).toBe('我们将在15个工作日内处理');
    expect(normalize('《隐私政策》：')).toBe('《隐私政策》:');
  });

  it('removes whitespace next to Chinese characters and collapses it elsewhere', () => {
    expect(normalize('注销 账号')).toBe('注销账号');
    expect(normalize('注销\n\t 账号')).toBe('注销账号');
    expect(normalize('第三方 SDK 目录')).toBe('第三方sdk目录');
    expect(normalize('15 个工作日')).toBe('15个工作日');
    expect(normalize('  Terms   of\nService  ')).toBe('terms of service');
    expect(normalize('Delete\u00a0account')).toBe('delete account');
  });

  it('drops zero-width characters and straightens apostrophes', () => {
    expect(normalize('隐\u200b私\u200d政策')).toBe('隐私政策');
    expect(normalize('Don’t agree')).toBe("don't agree");
  });

  it('keeps supplementary characters whole', () => {
    expect(normalize('𠮷野家 Login')).toBe('𠮷野家login');
    expect(normalize('😀 Login')).toBe('😀 login');
    expect(normalize('隐私 😀 政策')).toBe('隐私😀政策');
  });

  it('maps every normalised position back to the original text', () => {
    const s = 'Ｈｉ， 注销 账号 NOW please';
    const { text, map } = normalizeWithMap(s);
    expect(text).toBe('hi,注销账号now please');
    expect(map.length).toBe(text.length);
    const at = text.indexOf('注销账号');
    expect(s.slice(map[at], (map[at + 3] as number) + 1)).toBe('注销 账号');
    expect(s[map[text.indexOf('now')] as number]).toBe('N');
  });

  it('the ASCII fast path and the mapped path agree (seeded property)', () => {
    const alphabet = fc.constantFrom(...'aZ 0\t\n\r.-_@:/Qx'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }).map((a) => a.join('')), (s) => {
        expect(isPlainAscii(s)).toBe(true);
        expect(normalize(s)).toBe(normalizeWithMap(s).text);
      }),
      { seed: 20261129, numRuns: 300 },
    );
  });

  it('normalises any text to a string whose map points inside the original (seeded property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        const { text, map } = normalizeWithMap(s);
        expect(map.length).toBe(text.length);
        for (let i = 0; i < map.length; i++) {
          expect(map[i]).toBeGreaterThanOrEqual(0);
          expect(map[i]).toBeLessThan(s.length);
          if (i > 0) expect(map[i]).toBeGreaterThanOrEqual(map[i - 1] as number);
        }
        expect(normalize(s)).toBe(text);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('the whole-string fast path for NFKC-stable text agrees with the per-character path (seeded property)', () => {
    const pieces = ['同意', '注销', 'Σ', 'σ', 'İ', 'É', 'é', 'Привет', 'ΟΔΟΣ', ' ', '  ', '\n', '\t', '\u3000', '\u00a0', '\u2028', 'Ａ', 'A', 'z', '𠮷', '😀', '\u200b', '’', 'ß', 'ﬁ', '１', '。', '·'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 16 }).map((a) => a.join('')), (s) => {
        expect(normalize(s)).toBe(normalizeWithMap(s).text);
      }),
      { seed: 8080, numRuns: 1000 },
    );
  });

  it('handles long texts (a 200k-character asset piece) in one go', () => {
    const s = '隐私政策 Privacy Policy\n'.repeat(10_000);
    const { text, map } = normalizeWithMap(s);
    expect(text.startsWith('隐私政策privacy policy隐私政策')).toBe(true);
    expect(map.length).toBe(text.length);
  });
});
