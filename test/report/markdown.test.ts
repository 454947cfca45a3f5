import { CLAUSES } from '../../rules/index.js';
import { describe, expect, it } from 'vitest';
import { applyConfig } from '../../src/config/apply.js';
import { parseConfig } from '../../src/config/config.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { AuditReport } from '../../src/report/model.js';
import { errorRecord, fixtureRecord } from './helpers.js';

describe('Markdown summary', () => {
  it('has a ten-row clause table and at most maxFindings top findings, worst first', async () => {
    const r = await fixtureRecord('demo-shop');
    const md = renderMarkdown([r], { lang: 'en', maxFindings: 5 });
    const rows = md.split('\n').filter((l) => /^\| \d+ \|/.test(l));
    expect(rows).toHaveLength(10);
    r.clauses.forEach((c, i) => expect(rows[i]).toContain(` ${c.verdict} |`));
    const items = md.split('\n').filter((l) => /^\d+\. /.test(l));
    expect(items).toHaveLength(5);
    expect(items[0]).toMatch(/^1\. ❌ \*\*fail\*\* · `c\d\d\/[a-z0-9-]+` — /);
    const total = r.clauses.reduce((n, c) => n + c.findings.length, 0);
    expect(md).toContain(`… and ${total - 5} more (see the full report)`);
    expect(md.length).toBeLessThan(65_536);
  });

  it('says what is not counted and why, the baseline, expired suppressions and declared SDKs not found', async () => {
    const config = parseConfig({ sdks: [{ name: '个推', package: 'com.igexin' }, { name: '友盟+', package: 'com.umeng' }], suppressions: [{ check: 'c10/allow-backup', reason: 'encrypted backups only', expires: '2030-01-01' }, { check: 'c10/debuggable', reason: 'x', expires: '2020-01-01' }] }, 'x.json');
    const r = await fixtureRecord('demo-shop', { declaredSdks: config.sdks ?? [] });
    const [out] = applyConfig([r], config, { today: '2026-03-15', clauses: CLAUSES }) as AuditReport[];
    if (out === undefined) throw new Error('no record');
    const md = renderMarkdown([out], { lang: 'en', maxFindings: 100 });
    expect(md).toContain('<details><summary>Not counted: 1 suppressed</summary>');
    expect(md).toContain('- `c10/allow-backup` — ');
    expect(md).toContain('(suppressed: encrypted backups only)');
    expect(md).toContain('⏰ The suppression of `c10/debuggable` expired on 2020-01-01: 0 findings count again.');
    expect(md).toContain('Declared in the SDK list but not detected: 个推 (com.igexin)');
    expect(md).toMatch(/`c09\/undeclared-sdk`/);
    const zh = renderMarkdown([{ ...out, baseline: { baselined: 3, new: 1, absent: 2 } }], { lang: 'zh' });
    expect(zh).toContain('基线：**新增 1 项**，基线内 3 项，已修复 2 项。');
    expect(zh).toContain('| # | 条款 | 结论 | 发现 |');
  });

  it('reports an input that could not be analysed', async () => {
    const md = renderMarkdown([await errorRecord()], { lang: 'en' });
    expect(md).toMatch(/^### pledge-audit: no-such-input\.apk\n\n⛔ \*\*could not be analysed\*\*: `E_INPUT_NOT_FOUND` \S*no\\?-such\\?-input\.apk: no such file\n$/);
  });
});
