import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreSummary } from '../../src/batch/store-report.js';
import { esc } from '../../src/batch/store-report-html.js';
import { cli, FIXTURES, removeDir, storeRows, tempDir } from './helpers.js';

const HOSTILE = '<img src=x onerror=alert(1)>.apk';
let work: string;
let store: string;
let summary: StoreSummary;

beforeAll(() => {
  work = tempDir('report');
  const dir = join(work, 'apps');
  mkdirSync(dir);
  for (const f of readdirSync(FIXTURES).filter((n) => n.endsWith('.apk') && n !== 'consent-unsafe.apk')) copyFileSync(join(FIXTURES, f), join(dir, f));
  // The app that collects before consent sits at a path made to break HTML.
  copyFileSync(join(FIXTURES, 'consent-unsafe.apk'), join(dir, HOSTILE));
  writeFileSync(join(dir, 'broken.apk'), 'PK\u0003\u0004 not really');
  store = join(work, 'store.db');
  const r = cli(['scan', dir, '--store', store, '--no-progress'], { cwd: work });
  expect(r.status, r.stderr).toBe(3);
  const j = cli(['report', store, '--format', 'json', '--lang', 'en'], { cwd: work });
  expect(j.status, j.stderr).toBe(0);
  summary = JSON.parse(j.stdout) as StoreSummary;
}, 60_000);
afterAll(() => removeDir(work));

describe('pledge-audit report', () => {
  it('counts apps per clause verdict from the store, matching the stored rows', () => {
    const rows = storeRows(store);
    expect(summary.apps).toEqual({ total: rows.length, ok: rows.length - 1, error: 1 });
    for (const c of summary.clauses) {
      expect(c.pass + c.review + c.warn + c.fail, `clause ${c.clause}`).toBe(summary.apps.ok);
      const fails = storeRows<{ n: number }>(store, `SELECT count(*) AS n FROM apps WHERE c${c.clause} = 'fail'`)[0]?.n;
      expect(c.fail).toBe(fails);
    }
    expect(summary.errors).toEqual([{ code: 'E_ZIP_NO_EOCD', meaning: expect.any(String), apps: 1 }]);
  });

  it('lists the apps that collect before consent, the common SDKs with the PI they read, and coverage', () => {
    const paths = summary.beforeConsent.list.map((a) => a.path);
    expect(paths).toContain(join(work, 'apps', HOSTILE));
    expect(summary.beforeConsent.byCheck['c02/collect-before-consent']).toBeGreaterThan(0);
    const top = summary.sdks[0];
    expect(top?.apps).toBeGreaterThan(0);
    const withPi = summary.sdks.find((s) => s.pi.length > 0);
    const n = storeRows<{ n: number }>(store, `SELECT count(DISTINCT app_id) AS n FROM pi_uses WHERE owner_kind = 'sdk' AND owner_id = '${withPi?.id ?? ''}' AND kind = '${withPi?.pi[0]?.kind ?? ''}'`)[0]?.n;
    expect(withPi?.pi[0]?.apps).toBe(n);
    expect(summary.coverage.complete + summary.coverage.incomplete).toBe(summary.apps.ok);
    expect(summary.coverage.notes.map((x) => x.code).sort()).toEqual(storeRows<{ code: string }>(store, 'SELECT DISTINCT code FROM coverage WHERE clause = 0 ORDER BY code').map((x) => x.code));
    // Queried by check id: none of the fixtures declares an SDK list, and the check may not exist yet.
    expect(summary.undeclaredSdks.apps).toBe(storeRows<{ n: number }>(store, "SELECT count(DISTINCT app_id) AS n FROM findings WHERE check_id = 'c09/undeclared-sdk'")[0]?.n);
  });

  it('text report: the sections a regulator asks for, control characters escaped', () => {
    const r = cli(['report', store, '--lang', 'en', '--list', '1'], { cwd: work });
    expect(r.status).toBe(0);
    for (const h of ['Apps per clause verdict', 'Most common SDKs', 'before consent', 'undeclared SDKs', 'Errors:', 'Coverage:']) expect(r.stdout).toContain(h);
    expect(r.stdout).toMatch(/… \d+ more/);
    expect(r.stdout).not.toMatch(/\u001b/);
  });

  it('HTML report: self-contained, inline SVG charts, every app-derived string escaped', () => {
    const out = join(work, 'r.html');
    const r = cli(['report', store, '-o', out, '--lang', 'zh'], { cwd: work });
    expect(r.status, r.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect((html.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(3);
    expect(html).not.toMatch(/<script|<img|<link|<iframe|<[^>]*\s(src|href)=/i);
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;.apk');
    expect(html).toContain('各承诺条款的结论分布');
    // The same escaping as the single-app HTML report: markup characters as references, control
    // characters and bidi overrides dropped.
    expect(esc('a<b>&"\'\u0007\u202e')).toBe('a&#60;b&#62;&#38;&#34;&#39;');
  });

  it('refuses a file that is not a store, and a store of a newer schema (E_STORE_INVALID, exit 3)', () => {
    const notStore = join(work, 'not.db');
    writeFileSync(notStore, 'hello, not SQLite at all, long enough to be read as a header.......................................');
    const r = cli(['report', notStore], { cwd: work });
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/^pledge-audit: E_STORE_INVALID: /);
    const newer = join(work, 'newer.db');
    copyFileSync(store, newer);
    const db = new Database(newer);
    db.prepare("UPDATE meta SET value = '99' WHERE key = 'schema_version'").run();
    db.close();
    expect(cli(['report', newer], { cwd: work }).stderr).toMatch(/E_STORE_INVALID: .*newer/);
    expect(cli(['scan', FIXTURES, '--store', newer], { cwd: work }).status).toBe(3);
  });
});
