import { describe, expect, it } from 'vitest';
import { cleanText, escapeHtml, escapeMarkdown, escapeXml, escapeXmlAttr, sanitizeForJson, sanitizeForTerminal, stripAnsi, truncateVisible } from '../../src/report/sanitize.js';

describe('report/sanitize', () => {
  it('removes ANSI escape sequences whole: CSI, OSC hyperlinks and titles, two-byte escapes', () => {
    expect(stripAnsi('\u001b[31mred\u001b[0m \u001b[1;38;5;196mbold\u001b[m')).toBe('red bold');
    expect(stripAnsi('\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007')).toBe('click');
    expect(stripAnsi('\u001b]0;title\u001b\\x \u001bcreset \u009b2Jclear')).toBe('x reset clear');
  });

  it('drops controls, bidi overrides and isolates, replaces lone surrogates, keeps real text', () => {
    expect(cleanText('a\u0000b\u0007c\u0085d\u007fe')).toBe('abcde');
    expect(cleanText('\u202eevil\u202c \u2066x\u2069 \u200fy\u061c')).toBe('evil x y');
    expect(cleanText('lone \ud800 and \udc00 pair 😀 拾光')).toBe('lone \ufffd and \ufffd pair 😀 拾光');
    expect(cleanText('\ufeffbom\ufffe\uffff')).toBe('bom');
    expect(cleanText('two\nlines\r\nand\ttab\u2028sep')).toBe('two lines and tab sep');
    expect(cleanText('two\r\nlines', { multiline: true })).toBe('two\nlines');
  });

  it('truncates giant strings with a visible marker, never inside a surrogate pair', () => {
    const big = 'x'.repeat(1024 * 1024);
    const out = cleanText(big, { max: 100 });
    expect(out).toBe(`${'x'.repeat(100)}… [+${1024 * 1024 - 100} chars]`);
    expect(cleanText(`${'a'.repeat(9)}😀tail`, { max: 10 })).toBe(`${'a'.repeat(9)}… [+6 chars]`);
    expect(truncateVisible('short', 10)).toBe('short');
    expect(cleanText('exactly10!', { max: 10 })).toBe('exactly10!');
  });

  it('escapes for HTML, XML content, XML attributes and Markdown', () => {
    expect(escapeHtml(`<img src=x onerror="a('b')">&`)).toBe('&#60;img src=x onerror=&#34;a(&#39;b&#39;)&#34;&#62;&#38;');
    expect(escapeXml('a < b && c > d ]]>')).toBe('a &#60; b &#38;&#38; c &#62; d ]]&#62;');
    expect(escapeXmlAttr('"x"\n\ty')).toBe('&#34;x&#34;&#10;&#9;y');
    expect(escapeMarkdown('| `code` *em* [link](http://x) ![img](y) <b>~s~ \\')).toBe('\\| \\`code\\` \\*em\\* \\[link\\](http://x) !\\[img\\](y) &#60;b&#62;\\~s\\~ \\\\');
    expect(escapeMarkdown('ping @octocat about #12 in Foo#bar')).toBe('ping @\u2060octocat about #\u206012 in Foo#bar');
  });

  it('keeps the existing helpers as they were', () => {
    expect(sanitizeForTerminal('\u001b[31mred')).toBe('\\u{1b}[31mred');
    expect(sanitizeForJson('a\ud800')).toBe('a\ufffd');
  });
});
