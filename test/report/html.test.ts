import { describe, expect, it } from 'vitest';
import { HTML_CSP, renderHtml } from '../../src/report/html.js';
import type { AuditReport } from '../../src/report/model.js';
import { errorRecord, fixtureRecord } from './helpers.js';

function head(html: string): string {
  return html.slice(0, html.indexOf('</head>'));
}

describe('HTML report', () => {
  it('is one self-contained file: strict CSP first in <head>, inline CSS and SVG, no script, no URL to fetch', async () => {
    const html = renderHtml([await fixtureRecord('demo-shop'), await errorRecord()], { lang: 'en' });
    const h = head(html);
    expect(h.indexOf('<meta http-equiv="Content-Security-Policy"')).toBeLessThan(h.indexOf('<title>'));
    expect(h).toContain(`content="${HTML_CSP}"`);
    expect(HTML_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    expect(html).not.toMatch(/<script|<link|<iframe|<object|<embed|<img/i);
    expect(html.slice(html.indexOf('<style>'), html.indexOf('</style>'))).not.toMatch(/url\(|@import|@font-face/i);
    // Attributes live in tags; app text cannot open one (every `<` of it is escaped).
    const tags = html.match(/<[a-zA-Z][^>]*>/g) ?? [];
    expect(tags.filter((t) => /\son[a-z]+\s*=|\s(src|action|xlink:href)\s*=|\shref\s*=\s*(?!"#)/i.test(t))).toEqual([]);
    expect(html.match(/<svg /g)?.length).toBe(1);
    expect(html).toContain('<style>');
  });

  it('shows the ten clauses at a glance, the SDK inventory, evidence with call paths, coverage notes and manual tests', async () => {
    const r = await fixtureRecord('demo-shop');
    const html = renderHtml([r], { lang: 'en' });
    for (const c of r.clauses) {
      expect(html).toContain(`<li class="v-${c.verdict}"><a href="#r1-c${c.clause}">`);
      expect(html).toContain(`<section class="clause v-${c.verdict}" id="r1-c${c.clause}">`);
    }
    expect(html.match(/<path d=/g)).toHaveLength(10);
    for (const s of r.sdks) expect(html).toContain(`<tr><td>${s.name.en}`);
    const withPath = r.clauses.flatMap((c) => c.findings).find((f) => (f.evidence[0]?.path?.length ?? 0) > 1);
    expect(withPath).toBeDefined();
    expect(html).toContain('Call path from the startup entry point');
    expect(html).toContain('<li>com.example.shiguang.ShopApplication#onCreate()</li>');
    const review = r.clauses.find((c) => c.verdict === 'review');
    for (const m of review?.manualChecks ?? []) expect(html).toContain(m.en.replace(/"/g, '&#34;').replace(/'/g, '&#39;'));
    const note = r.clauses.flatMap((c) => c.coverage)[0];
    if (note !== undefined) expect(html).toContain(note.message.en.replace(/"/g, '&#34;').replace(/'/g, '&#39;'));
  });

  it('is in Chinese with lang=zh and English with lang=en', async () => {
    const zh = renderHtml([await fixtureRecord('demo-shop', { lang: 'zh' })], { lang: 'zh' });
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('十项承诺一览');
    expect(zh).toContain('第三方 SDK');
    const en = renderHtml([await fixtureRecord('demo-shop')], { lang: 'en' });
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Ten clauses at a glance');
    expect(en).not.toContain('十项承诺一览');
  });

  it('lists suppressed and baselined findings apart, with the reason, and the suppressions table', async () => {
    const r = await fixtureRecord('manifest-risky');
    const c10 = r.clauses.find((c) => c.clause === 10);
    const [a, b] = c10?.findings ?? [];
    if (a === undefined || b === undefined) throw new Error('fixture changed');
    const marked: AuditReport = {
      ...r,
      clauses: r.clauses.map((c) => (c.clause === 10 ? { ...c, findings: [{ ...a, suppressed: { reason: 'debug builds only' } }, { ...b, baselined: true }, ...c.findings.slice(2)] } : c)),
      suppressions: [{ check: a.check, reason: 'debug builds only', expires: '2030-01-01', state: 'active', matched: 1 }],
    };
    const html = renderHtml([marked], { lang: 'en' });
    expect(html).toContain('<details><summary>Not counted (2)</summary><article class="finding quiet">');
    expect(html).toContain('<p class="muted">suppressed: debug builds only</p>');
    expect(html).toContain('<p class="muted">baselined (present in the baseline)</p>');
    expect(html).toContain(`<td><code>${a.check}</code></td><td class="mono"></td><td>debug builds only</td><td>2030-01-01</td><td>active</td><td>1</td>`);
  });
});
