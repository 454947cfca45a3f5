import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchLexicon } from '../../src/facts/strings/index.js';
import { LexiconMatcher, lexiconGroups, lexiconTerms, selectMatches } from '../../src/facts/strings/lexicon.js';
import { normalize } from '../../src/facts/strings/normalize.js';

const m = LexiconMatcher.default();
const found = (text: string, code = false): string[] => selectMatches(m.scan(normalize(text), { code, max: 100 })).map((x) => `${x.term.group}:${x.term.term}`);

describe('lexicon matcher', () => {
  it('has the sixteen groups of types.ts, in file order', () => {
    expect(lexiconGroups()).toEqual([
      'POLICY',
      'CONSENT_AGREE',
      'CONSENT_REFUSE',
      'CONSENT_WEAK',
      'CONSENT_READ',
      'RIGHTS_WITHDRAW',
      'RIGHTS_LISTS',
      'RIGHTS_ACCESS',
      'DELETE',
      'DELETE_CONDITIONS',
      'LOGIN',
      'ACCOUNT',
      'COMPLAINT',
      'PERSONALISE',
      'SEPARATE',
      'TIMING',
    ]);
  });

  it('finds every lexicon term in a sentence around it', () => {
    for (const t of lexiconTerms()) {
      const text = t.lang === 'zh' ? `请点击${t.term}按钮` : `Please see ${t.term} now`;
      expect(found(text), `${t.group}:${t.term}`).toContain(`${t.group}:${t.term}`);
    }
  });

  it('matches Chinese terms across whitespace and full-width forms', () => {
    expect(found('注销 账号')).toContain('DELETE:注销账号');
    expect(found('我们将在１５个工作日内')).toContain('TIMING:15个工作日');
    expect(found('第三方 SDK 目录')).toContain('RIGHTS_LISTS:第三方SDK目录');
    expect(found('ＰＲＩＶＡＣＹ　ＰＯＬＩＣＹ')).toEqual(['POLICY:privacy policy']);
  });

  it('matches English terms at word boundaries only', () => {
    expect(found('I agree')).toEqual(['CONSENT_AGREE:i agree']);
    expect(found('user agreement')).toEqual(['POLICY:user agreement']);
    expect(found('agreement')).toEqual([]);
    expect(found('feedbacks')).toEqual([]);
    expect(found('Send feedback.')).toEqual(['COMPLAINT:feedback']);
    expect(found('215个工作日')).toEqual([]);
    expect(found('login_button')).toEqual([]);
  });

  it('in code, a one-word English term needs a neighbouring word; phrases and Chinese always count', () => {
    expect(found('accept', true)).toEqual([]);
    expect(found('Accept-Encoding', true)).toEqual([]);
    expect(found('/api/login', true)).toEqual([]);
    expect(found('Please login first', true)).toEqual(['LOGIN:login']);
    expect(found('Please login', true)).toEqual(['LOGIN:login']);
    expect(found('Login failed', true)).toEqual(['LOGIN:login']);
    expect(found('Send feedback. Thanks', true)).toEqual(['COMPLAINT:feedback']);
    expect(found('function login(headers) {', true)).toEqual([]);
    expect(found('headers.accept = "x"', true)).toEqual([]);
    expect(found('return agree;', true)).toEqual([]);
    expect(found('Agree and continue', true)).toEqual(['CONSENT_AGREE:agree and continue']);
    expect(found('"同意"', true)).toEqual(['CONSENT_AGREE:同意']);
    expect(found('accept')).toEqual(['CONSENT_AGREE:accept']);
  });

  it('keeps the longest term of a group at one place, and terms of other groups inside it', () => {
    expect(found('同意并继续')).toEqual(['CONSENT_AGREE:同意并继续']);
    expect(found('不同意')).toEqual(['CONSENT_REFUSE:不同意', 'CONSENT_AGREE:同意']);
    expect(found('我已阅读并同意')).toEqual(['CONSENT_READ:我已阅读', 'CONSENT_READ:已阅读并同意', 'CONSENT_AGREE:同意']);
    // Each (group, term) once per text: its first occurrence.
    expect(found('同意，同意，同意')).toEqual(['CONSENT_AGREE:同意']);
    expect(found('同意并继续；同意')).toEqual(['CONSENT_AGREE:同意并继续', 'CONSENT_AGREE:同意']);
  });

  it('matchLexicon is the same matching for text rules hold themselves', () => {
    expect(matchLexicon('我已阅读并同意《隐私政策》').map((x) => `${x.group}:${x.term}`)).toEqual(['CONSENT_READ:我已阅读', 'CONSENT_READ:已阅读并同意', 'CONSENT_AGREE:同意', 'POLICY:隐私政策']);
    expect(matchLexicon('accept', { code: true })).toEqual([]);
  });

  it('mayMatchAscii never rejects ASCII text that scan matches (seeded property)', () => {
    const words = ['privacy', 'policy', 'agree', 'login', 'log', 'in', 'sign', 'up', 'x', 'feedback', 'accept', 'delete', 'account', ' ', '  ', '\n', '-', '_', 'A', 'I', 'TERMS', 'of', 'use'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { maxLength: 12 }), (parts) => {
        const s = parts.join('');
        const bytes = Buffer.from(s, 'latin1');
        const may = m.mayMatchAscii(bytes, 0, bytes.length);
        if (m.scan(normalize(s), { code: false, max: 10 }).length > 0) expect(may).toBe(true);
      }),
      { seed: 424242, numRuns: 500 },
    );
  });

  it('mayMatchAscii says undefined for non-ASCII bytes', () => {
    const b = Buffer.from('abc 同意', 'utf8');
    expect(m.mayMatchAscii(b, 0, b.length)).toBeUndefined();
    const c = Buffer.from('nothing here', 'latin1');
    expect(m.mayMatchAscii(c, 0, c.length)).toBe(false);
  });

  it('stops at the match bound on hostile text', () => {
    const text = normalize('同意'.repeat(100_000));
    expect(m.scan(text, { code: false, max: 50 })).toHaveLength(50);
  });
});
