import { copyFileSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchApks } from '../../scripts/bench-apks.mjs';
import { CORPUS, hasCorpus } from '../helpers/corpus.js';
import { cli, FIXTURES, removeDir, startCli, storeRows, tempDir, waitFor } from './helpers.js';

let work: string;
beforeAll(() => {
  work = tempDir('scan');
});
afterAll(() => removeDir(work));

function dirOf(name: string, files: Record<string, string | { copy: string } | { link: string }>): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  for (const [f, what] of Object.entries(files)) {
    const p = join(dir, f);
    mkdirSync(join(p, '..'), { recursive: true });
    if (typeof what === 'string') writeFileSync(p, what);
    else if ('copy' in what) copyFileSync(what.copy, p);
    else symlinkSync(what.link, p);
  }
  return dir;
}

const fx = (name: string): { copy: string } => ({ copy: join(FIXTURES, `${name}.apk`) });

describe('scan: resume after SIGKILL', () => {
  it.skipIf(!hasCorpus())('loses no finished app and duplicates none when killed mid-scan and restarted', async () => {
    const store = join(work, 'killed.db');
    const src = join(CORPUS, 'apk');
    // TMPDIR: the killed scan cannot remove its temporary folder; let it land in ours.
    const first = startCli(['scan', src, '--jobs', '1', '--store', store, '--no-progress'], { cwd: work, env: { TMPDIR: work } });
    await waitFor('10 stored apps', () => storeRows(store).length >= 10, 60_000);
    first.child.kill('SIGKILL');
    const end = await first.exited;
    expect(end.signal).toBe('SIGKILL');
    const before = storeRows(store);
    expect(before.length).toBeGreaterThanOrEqual(10);

    const second = cli(['scan', src, '--jobs', '2', '--store', store, '--jsonl', join(work, 'resumed.jsonl'), '--no-progress'], { cwd: work });
    expect(second.status, second.stderr).toBe(3); // the corpus holds four archives without a manifest
    const after = storeRows(store);
    const resumed = readFileSync(join(work, 'resumed.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { sha256: string });
    const beforeShas = new Set(before.map((r) => r.sha256));
    // Nothing finished before the kill was audited again, and the rows it wrote are untouched.
    expect(resumed.filter((r) => beforeShas.has(r.sha256))).toEqual([]);
    for (const b of before) expect(after.find((a) => a.id === b.id)?.audited_at).toBe(b.audited_at);
    // Every app once: one row per distinct hash, and every file of the corpus has its row.
    const shas = after.map((r) => r.sha256);
    expect(new Set(shas).size).toBe(shas.length);
    expect(before.length + resumed.length).toBe(after.length);
    const files = readdirSync(src).filter((f) => f.endsWith('.apk'));
    const paths = new Set(storeRows<{ path: string }>(store, 'SELECT path FROM paths').map((r) => r.path));
    for (const f of files) expect(paths.has(join(src, f)), f).toBe(true);
    expect(second.stdout).toMatch(new RegExp(`${before.length} already stored`));
  });
});

describe('scan: identity, resume and versions', () => {
  it('dedups by SHA-256, records every path, skips stored apps, re-audits under another version', () => {
    const dir = dirOf('dedup', { 'a.apk': fx('clean'), 'b/copy.apk': fx('clean'), 'link.apk': { link: 'a.apk' }, 'c.apk': fx('manifest-risky'), 'notes.txt': 'not an app' });
    const store = join(work, 'dedup.db');
    const r1 = cli(['scan', dir, '--store', store, '--no-progress'], { cwd: work });
    expect(r1.status, r1.stderr).toBe(0);
    expect(r1.stdout).toMatch(/4 apps into .*: 2 audited, 0 already stored, 2 duplicates, 0 failed/);
    expect(storeRows(store)).toHaveLength(2);
    const clean = storeRows(store).find((r) => r.package === 'org.pledgeaudit.fixture.clean');
    const paths = storeRows<{ path: string }>(store, `SELECT path FROM paths WHERE sha256 = '${clean?.sha256 ?? ''}' ORDER BY path`).map((p) => p.path);
    expect(paths).toEqual([join(dir, 'a.apk'), join(dir, 'b/copy.apk'), join(dir, 'link.apk')]);

    const r2 = cli(['scan', dir, '--store', store, '--no-progress', '--fail-on', 'fail'], { cwd: work });
    expect(r2.stdout).toMatch(/0 audited, 2 already stored, 2 duplicates/);
    // The exit status covers the apps found in the store too: manifest-risky fails a clause.
    expect(r2.status).toBe(1);

    const db = new Database(store);
    db.prepare("UPDATE apps SET tool_version = '0.0.0-older'").run();
    db.close();
    const r3 = cli(['scan', dir, '--store', store, '--no-progress'], { cwd: work });
    expect(r3.stdout).toMatch(/2 audited, 0 already stored/);
    const rows = storeRows(store);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.tool_version !== '0.0.0-older')).toBe(true);
    expect(storeRows(store, 'SELECT * FROM paths')).toHaveLength(4);
  });

  it('skips apps stored with an error unless --retry-errors', () => {
    const whole = readFileSync(join(FIXTURES, 'clean.apk'));
    const dir = dirOf('retry', { 'ok.apk': fx('manifest-defaults') });
    writeFileSync(join(dir, 'broken.apk'), whole.subarray(0, 100));
    const store = join(work, 'retry.db');
    expect(cli(['scan', dir, '--store', store, '--no-progress'], { cwd: work }).status).toBe(3);
    const first = storeRows(store).find((r) => r.status === 'error');
    const again = cli(['scan', dir, '--store', store, '--no-progress'], { cwd: work });
    expect(again.stdout).toMatch(/0 audited, 2 already stored, 0 duplicates, 1 failed/);
    expect(again.status).toBe(3);
    const retried = cli(['scan', dir, '--store', store, '--no-progress', '--retry-errors'], { cwd: work });
    expect(retried.stdout).toMatch(/0 audited, 1 already stored, 0 duplicates, 1 failed/);
    const row = storeRows(store).find((r) => r.status === 'error');
    expect(row?.error_code).toBe('E_ZIP_NO_EOCD');
    expect(row?.audited_at).not.toBe(first?.audited_at);
    expect(storeRows(store)).toHaveLength(2);
  });

  it('exit 2 for usage errors', () => {
    const store = join(work, 'usage.db');
    const cases = [
      ['scan', join(work, 'missing-dir'), '--store', store],
      ['scan', FIXTURES, '--jobs', '0', '--store', store],
      ['scan', FIXTURES, '--shard', '0/3', '--store', store],
      ['scan', FIXTURES, '--shard', '4/3', '--store', store],
      ['scan', FIXTURES, '--queue', 'http://127.0.0.1:1', '--store', store],
      ['report'],
      ['worker'],
    ];
    for (const args of cases) {
      const r = cli(args, { cwd: work });
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

// The 18 MB benchmark APK, when `node scripts/bench-apks.mjs` has cached it (.ci/run does).
const big = benchApks({ fetch: false }).find(([name]) => name === 'appium-uiautomator2-server')?.[1];

describe.skipIf(big === undefined)('scan: per-app memory cap (needs the cached benchmark APK: node scripts/bench-apks.mjs)', () => {
  const apk = big ?? '';
  it('records E_MEMORY for an app past the heap cap, replaces the thread, and reads NUL-separated list files', () => {
    const list = join(work, 'list0');
    // The big app first: with one thread, the app after it runs on the replacement.
    writeFileSync(list, Buffer.concat([Buffer.from(apk), Buffer.of(0), Buffer.from(join(FIXTURES, 'clean.apk')), Buffer.of(0)]));
    const store = join(work, 'memory.db');
    const r = cli(['scan', list, '--jobs', '1', '--memory', '16', '--store', store, '--no-progress'], { cwd: work });
    expect(r.status, r.stderr).toBe(3);
    const rows = storeRows(store);
    expect(rows.find((x) => x.path === apk)?.error_code).toBe('E_MEMORY');
    expect(rows.find((x) => x.path.endsWith('clean.apk'))?.status).toBe('ok');
  });
});

describe('scan --shard', () => {
  it('splits the apps into disjoint shards whose stores the report merges, each app once', () => {
    const stores = [1, 2, 3].map((i) => join(work, `shard-${i}.db`));
    for (const [i, s] of stores.entries()) {
      const r = cli(['scan', FIXTURES, '--shard', `${i + 1}/3`, '--store', s, '--no-progress'], { cwd: work });
      expect(r.status, r.stderr).toBeLessThanOrEqual(1);
    }
    const per = stores.map((s) => storeRows(s).map((r) => r.sha256));
    const all = per.flat();
    expect(new Set(all).size).toBe(all.length);
    const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.apk'));
    expect(all).toHaveLength(fixtures.length);
    for (const p of per) expect(p.length).toBeGreaterThan(0);
    // A full store given with its shards: still one count per app.
    const full = join(work, 'full.db');
    cli(['scan', FIXTURES, '--store', full, '--no-progress'], { cwd: work });
    const rep = cli(['report', ...stores, full, '--format', 'json'], { cwd: work });
    expect(rep.status, rep.stderr).toBe(0);
    expect((JSON.parse(rep.stdout) as { apps: { total: number } }).apps.total).toBe(fixtures.length);
  });
});
