import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exec } from '../helpers/exec.js';
import { fixtureApk } from '../helpers/fixtures.js';
import { writeZip, type RawEntry } from '../helpers/zip-writer.js';

const work = mkdtempSync(join(tmpdir(), 'pledge-pipeline-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** demo-shop rebuilt from its entries, plus extra ones (a second build of the same app). */
async function rebuild(name: string, extra: RawEntry[] = []): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(fixtureApk('demo-shop')));
  const entries: RawEntry[] = [];
  for (const [n, f] of Object.entries(zip.files)) if (!f.dir && !n.startsWith('META-INF/')) entries.push({ name: n, data: await f.async('nodebuffer') });
  const path = join(work, `${name}.apk`);
  writeFileSync(path, writeZip([...entries, ...extra]));
  return path;
}

describe('the audit in a build pipeline (CLI)', () => {
  let today: string;
  let tomorrow: string;
  const baseline = join(work, 'baseline.json');
  beforeAll(async () => {
    today = await rebuild('today');
    tomorrow = await rebuild('tomorrow', [{ name: 'assets/release.keystore', data: Buffer.from('a keystore that should not ship') }]);
  });

  it('--write-baseline records the findings; with --baseline an unchanged APK exits 0', () => {
    expect(exec([today]).status).toBe(1);
    const w = exec([today, '--write-baseline', baseline, '--format', 'json']);
    expect(w.status).toBe(1);
    expect((JSON.parse(readFileSync(baseline, 'utf8')) as { findings: unknown[] }).findings.length).toBeGreaterThan(10);
    const r = exec([today, '--baseline', baseline, '--format', 'json']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { baseline: { new: number } };
    expect(report.baseline.new).toBe(0);
  });

  it('one new finding exits 1 and is the only one not baselined', () => {
    const r = exec([tomorrow, '--baseline', baseline, '--format', 'json']);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as { clauses: { findings: { check: string; baselined?: boolean }[] }[] };
    const fresh = report.clauses.flatMap((c) => c.findings.filter((f) => f.baselined !== true).map((f) => f.check));
    expect(fresh).toEqual(['c10/private-key-in-apk']);
  });

  it('reads pledge-audit.config.json from the working directory: category, failOn, suppressions with reasons', () => {
    const dir = mkdtempSync(join(work, 'cfg-'));
    writeFileSync(join(dir, 'pledge-audit.config.json'), JSON.stringify({ category: ['网上购物'], failOn: 'never', suppressions: [{ check: 'c10/debuggable', reason: 'not debuggable in release builds' }] }));
    const r = exec([fixtureApk('demo-shop'), '--format', 'json'], {}, dir);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { options: { categories: string[] }; clauses: { findings: { check: string }[] }[] };
    expect(report.options.categories).toEqual(['网上购物类']);
    expect(report.clauses.flatMap((c) => c.findings.map((f) => f.check))).toContain('c02/outside-necessary-set');
    // An explicit --fail-on wins over the config's failOn.
    expect(exec([fixtureApk('demo-shop'), '--fail-on', 'fail'], {}, dir).status).toBe(1);
  });

  it('an invalid config is exit 2 naming the bad field, before any audit', () => {
    const cfg = join(work, 'bad.config.json');
    writeFileSync(cfg, JSON.stringify({ suppressions: [{ check: 'c10/debuggable' }] }));
    const r = exec([fixtureApk('clean'), '--config', cfg]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('E_CONFIG');
    expect(r.stderr).toContain('suppressions[0].reason');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('the declared SDK list of the config flags SDKs the policy does not name', () => {
    const cfg = join(work, 'sdks.config.json');
    writeFileSync(cfg, JSON.stringify({ sdks: [{ name: '友盟', package: 'com.umeng' }, { name: '极光推送', package: 'cn.jpush' }, { name: '极光', package: 'cn.jiguang' }] }));
    const r = exec([fixtureApk('demo-shop'), '--config', cfg, '--format', 'json', '--fail-on', 'never']);
    const report = JSON.parse(r.stdout) as { clauses: { findings: { check: string; message: { en: string } }[] }[]; declaredSdks: { package: string; detected: boolean }[] };
    const undeclared = report.clauses.flatMap((c) => c.findings.filter((f) => f.check === 'c09/undeclared-sdk'));
    expect(undeclared).toHaveLength(1);
    expect(undeclared[0]?.message.en).toContain('AMap');
    expect(report.declaredSdks.every((d) => d.detected)).toBe(true);
  });

  it.each(['sarif', 'junit', 'markdown', 'html'])('--format %s writes a report', (format) => {
    const out = join(work, `report.${format}`);
    const r = exec([fixtureApk('demo-shop'), '--format', format, '-o', out]);
    expect(r.status).toBe(1);
    expect(readFileSync(out, 'utf8').length).toBeGreaterThan(500);
  });
});
