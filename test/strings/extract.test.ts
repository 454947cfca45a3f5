import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractValues, mayHoldValueAscii } from '../../src/facts/strings/extract.js';

const values = (text: string, kind?: 'url' | 'email' | 'phone'): string[] => extractValues(text).filter((v) => kind === undefined || v.kind === kind).map((v) => v.value);

describe('URL extraction', () => {
  it('finds absolute http and https URLs, trimming trailing punctuation', () => {
    expect(values('see https://a.example.cn/privacy.html.', 'url')).toEqual(['https://a.example.cn/privacy.html']);
    expect(values('(http://api.example.com/v1/login?imei=1&x=2)', 'url')).toEqual(['http://api.example.com/v1/login?imei=1&x=2']);
    expect(values('"https://x.example.org/a_(b)"', 'url')).toEqual(['https://x.example.org/a_(b)']);
    expect(values('HTTPS://EXAMPLE.COM/A', 'url')).toEqual(['HTTPS://EXAMPLE.COM/A']);
    expect(values('请访问https://m.example.cn/p。谢谢', 'url')).toEqual(['https://m.example.cn/p']);
    expect(values('http://localhost:8080/x http://[::1]/y', 'url')).toEqual(['http://localhost:8080/x', 'http://[::1]/y']);
  });

  it("understands JSON's escaped slashes", () => {
    expect(values('{"u":"https:\\/\\/a.example.cn\\/p\\/q"}', 'url')).toEqual(['https://a.example.cn/p/q']);
  });

  it('keeps the index of each value in the text', () => {
    const t = 'x https://a.example.cn/ y';
    expect(extractValues(t)).toEqual([{ kind: 'url', value: 'https://a.example.cn/', index: 2 }]);
  });

  it('rejects prefixes and templates without a host', () => {
    expect(values('http://', 'url')).toEqual([]);
    expect(values('https://%s/api', 'url')).toEqual([]);
    expect(values('http://host/path', 'url')).toEqual([]);
    expect(values('ftp://a.example.cn/file', 'url')).toEqual([]);
  });
});

describe('e-mail extraction', () => {
  it('finds addresses', () => {
    expect(values('联系我们：privacy@strings.example.cn', 'email')).toEqual(['privacy@strings.example.cn']);
    expect(values('mailto:DPO.Team+cn@sub.example.com.cn;', 'email')).toEqual(['DPO.Team+cn@sub.example.com.cn']);
  });

  it('rejects asset names and version strings', () => {
    expect(values('icon@2x.png bg@3x.webp logo@1.5x.jpg a@b.js', 'email')).toEqual([]);
    expect(values('androidx.core:core@1.2.0', 'email')).toEqual([]);
    expect(values('@Override @2x', 'email')).toEqual([]);
  });
});

describe('phone extraction (mainland China)', () => {
  it('finds mobile, landline and service numbers', () => {
    expect(values('客服电话：400-820-8820', 'phone')).toEqual(['400-820-8820']);
    expect(values('热线 4008208820 或 800 820 8820', 'phone')).toEqual(['4008208820', '800 820 8820']);
    expect(values('手机 13812345678', 'phone')).toEqual(['13812345678']);
    expect(values('+86 138-1234-5678', 'phone')).toEqual(['+86 138-1234-5678']);
    expect(values('电话：010-62345678，0755-86013388，(021)52345678', 'phone')).toEqual(['010-62345678', '0755-86013388', '(021)52345678']);
  });

  it('reads full-width digits', () => {
    expect(values('客服：４００－８２０－８８２０', 'phone')).toEqual(['400-820-8820']);
  });

  it('does not cut phone numbers out of longer digit runs, IDs or decimals', () => {
    expect(values('时间戳 1634567890123', 'phone')).toEqual([]);
    expect(values('1634567890', 'phone')).toEqual([]);
    expect(values('订单号 20230115123456789', 'phone')).toEqual([]);
    expect(values('id=v13812345678', 'phone')).toEqual([]);
    expect(values('0.13812345678', 'phone')).toEqual([]);
    expect(values('0123456789', 'phone')).toEqual([]);
    expect(values('12345678901', 'phone')).toEqual([]);
    expect(values('4008208820123', 'phone')).toEqual([]);
  });
});

describe('mayHoldValueAscii: the byte-level pre-check is conservative (seeded property)', () => {
  it('never rejects ASCII text from which something is extracted', () => {
    const parts = ['http', 's', ':', '//', 'a.example.cn', '/p', '@', 'user', '13812345678', '400', '-', '820', '8820', ' ', 'x', '.', 'png', '2x', '0755', '86013388'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...parts), { maxLength: 10 }), (p) => {
        const s = p.join('');
        const b = Buffer.from(s, 'latin1');
        if (extractValues(s).length > 0) expect(mayHoldValueAscii(b, 0, b.length)).toBe(true);
      }),
      { seed: 99, numRuns: 800 },
    );
  });

  it('is false for plain identifiers and prose', () => {
    for (const s of ['Lcom/example/Foo;', 'is: %s', 'Class:', 'onCreate', '@Override']) {
      const b = Buffer.from(s, 'latin1');
      expect(mayHoldValueAscii(b, 0, b.length), s).toBe(false);
    }
  });
});

describe('extraction on hostile text terminates quickly', () => {
  it('long runs of URL, address and digit characters', () => {
    const inputs = ['https://' + 'a.'.repeat(50_000), 'a@'.repeat(50_000), '1'.repeat(100_000), 'x'.repeat(60_000) + '@' + 'y.'.repeat(30_000) + 'png'];
    for (const s of inputs) expect(Array.isArray(extractValues(s))).toBe(true);
  });
});
