import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEntities, decodeText, documentText, readableText, selectTextAssets, stripMarkup } from '../../src/facts/strings/text-assets.js';

describe('selectTextAssets', () => {
  it('picks text assets and raw resources, documents first, then markup, data and code, each by name', () => {
    const names = [
      'assets/z.js',
      'assets/index.android.bundle',
      'assets/a.json',
      'assets/privacy.html',
      'assets/img/logo.png',
      'assets/fonts/x.ttf',
      'assets/apps/__UNI__1234567/www/app-service.js',
      'assets/apps/__UNI__1234567/www/manifest',
      'assets/apps/__UNI__1234567/www/static/a.png',
      'assets/flutter_assets/NOTICES',
      'assets/flutter_assets/kernel_blob.bin',
      'assets/public/index.html',
      'assets/config.xml',
      'assets/x.properties',
      'assets/data.bin',
      'assets/other/manifest',
      'res/raw/terms.txt',
      'res/raw-zh/policy.htm',
      'res/layout/a.xml',
      'classes.dex',
      'assets/dir/',
      'assets/page.vue',
      'assets/README.md',
      'assets/t.csv',
    ];
    expect(selectTextAssets(names)).toEqual([
      { entry: 'assets/README.md', kind: 'prose', document: true },
      { entry: 'assets/privacy.html', kind: 'markup', document: true },
      { entry: 'assets/public/index.html', kind: 'markup', document: true },
      { entry: 'res/raw-zh/policy.htm', kind: 'markup', document: true },
      { entry: 'res/raw/terms.txt', kind: 'prose', document: true },
      { entry: 'assets/config.xml', kind: 'markup', document: false },
      { entry: 'assets/a.json', kind: 'code', document: false },
      { entry: 'assets/t.csv', kind: 'code', document: false },
      { entry: 'assets/x.properties', kind: 'code', document: false },
      { entry: 'assets/apps/__UNI__1234567/www/app-service.js', kind: 'code', document: false },
      { entry: 'assets/page.vue', kind: 'vue', document: false },
      { entry: 'assets/z.js', kind: 'code', document: false },
      { entry: 'assets/apps/__UNI__1234567/www/manifest', kind: 'code', document: false },
      { entry: 'assets/flutter_assets/NOTICES', kind: 'code', document: false },
      { entry: 'assets/index.android.bundle', kind: 'code', document: false },
    ]);
  });
});

describe('decodeText', () => {
  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeText(Buffer.from('隐私政策', 'utf8'))).toBe('隐私政策');
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('隐私政策', 'utf8')]))).toBe('隐私政策');
  });

  it('reads UTF-16 with a byte-order mark, both byte orders', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('用户协议', 'utf16le')]))).toBe('用户协议');
    const be = Buffer.from('用户协议', 'utf16le');
    be.swap16();
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toBe('用户协议');
  });

  it('reads GBK/GB18030 text that is not UTF-8', () => {
    // 隐私政策 in GBK.
    const gbk = Buffer.from([0xd2, 0xfe, 0xcb, 0xbd, 0xd5, 0xfe, 0xb2, 0xdf, 0x20, 0xd3, 0xc3, 0xbb, 0xa7, 0xd0, 0xad, 0xd2, 0xe9]);
    // Node built with full ICU (the default) has the decoder; without it the UTF-8 reading stays.
    const hasGb18030 = ((): boolean => {
      try {
        new TextDecoder('gb18030');
        return true;
      } catch {
        return false;
      }
    })();
    expect(decodeText(gbk)).toBe(hasGb18030 ? '隐私政策 用户协议' : gbk.toString('utf8'));
  });

  it('says undefined for binary data (a NUL in the first KiB)', () => {
    expect(decodeText(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x1a]))).toBeUndefined();
    expect(decodeText(Buffer.concat([Buffer.alloc(2000, 0x41), Buffer.from([0])]))).toBe('A'.repeat(2000) + '\u0000');
  });
});

describe('stripMarkup', () => {
  it('removes tags, comments, scripts and styles, keeping line numbers', () => {
    const html = '<html>\n<head><style>\n.a{}\n</style><script type="x">\nvar a = "同意";\n</script></head>\n<body><!-- 不同意\n -->\n<p>隐私&nbsp;政策 &ldquo;好&rdquo; &#x540C;&#24847;</p>\n</body></html>';
    const text = stripMarkup(html, ['script', 'style']);
    expect(text).not.toContain('同意"');
    expect(text).not.toContain('不同意');
    expect(text).not.toContain('<');
    expect(text.split('\n').length).toBe(html.split('\n').length);
    const line = text.split('\n').findIndex((l) => l.includes('隐私'));
    expect(line).toBe(html.split('\n').findIndex((l) => l.includes('隐私')));
    expect(text).toContain('隐私 政策 “好” 同意');
  });

  it('keeps a < that opens no tag, and an unclosed comment ends the text', () => {
    expect(stripMarkup('a < b and c', [])).toBe('a < b and c');
    expect(stripMarkup('x <!-- never closed', []).trim()).toBe('x');
    expect(stripMarkup('<script>never closed 同意', ['script']).trim()).toBe('');
  });

  it('is linear on hostile markup', () => {
    const inputs = ['<'.repeat(200_000), '<a'.repeat(100_000) + '>', '<script>'.repeat(50_000), '<!--'.repeat(50_000), '&#'.repeat(100_000)];
    for (const s of inputs) expect(typeof stripMarkup(s, ['script', 'style'])).toBe('string');
  });

  it('vue keeps scripts, drops styles', () => {
    const vue = '<template><div>同意</div></template>\n<script>export default { t: "拒绝" }</script><style>.a{}</style>';
    const text = readableText(vue, 'vue');
    expect(text).toContain('同意');
    expect(text).toContain('拒绝');
    expect(text).not.toContain('.a{}');
  });

  it('never throws and keeps every newline (seeded property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('<', '>', '/', '!', '-', 'a', 's', 'c', 'r', 'i', 'p', 't', '\n', ' ', '同', '&', '#', ';', 'x', '1') }), (s) => {
        const out = stripMarkup(s, ['script', 'style']);
        expect(out.split('\n').length).toBeLessThanOrEqual(s.split('\n').length);
      }),
      { seed: 31337, numRuns: 500 },
    );
  });
});

describe('decodeEntities and documentText', () => {
  it('decodes numeric and common named references, leaves others', () => {
    expect(decodeEntities('&lt;a&gt; &amp; &#20320;&#x597D; &bogus; &#xD800; &#0;')).toBe('<a> & 你好 &bogus; &#xD800; &#0;');
  });

  it('collapses whitespace and blank lines, and bounds the text', () => {
    expect(documentText('  a \t b \n\n\n  c  \n', 100)).toBe('a b\nc');
    expect(documentText('x'.repeat(50) + '\n' + 'y'.repeat(50), 60).length).toBeLessThanOrEqual(60);
  });
});
