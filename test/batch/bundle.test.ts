import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeZip } from '../helpers/zip-writer.js';
import { cli, FIXTURES, removeDir, splitApk, storeRows, tempDir } from './helpers.js';

const CLEAN = 'org.pledgeaudit.fixture.clean';
let work: string;
let base: Buffer;

function bundle(entries: Record<string, Buffer | string>): Buffer {
  return writeZip(Object.entries(entries).map(([name, data]) => ({ name, data: typeof data === 'string' ? Buffer.from(data) : data })));
}

beforeAll(() => {
  work = tempDir('bundle');
  base = readFileSync(join(FIXTURES, 'clean.apk'));
});
afterAll(() => removeDir(work));

describe('split bundles', () => {
  it('scan audits a bundle or split set whole, through the single-app loader, and records its parts', () => {
    const dir = join(work, 'dump');
    mkdirSync(dir);
    // An .xapk lists splits first and names its base after the package: the base is found by its manifest.
    writeFileSync(join(dir, 'app.xapk'), bundle({ 'config.arm64_v8a.apk': splitApk(CLEAN, 'config.arm64_v8a', 3), [`${CLEAN}.apk`]: base, 'config.zh.apk': splitApk(CLEAN, 'config.zh', 3) }));
    // A bundle saved with an .apk name is recognised by its content.
    writeFileSync(join(dir, 'renamed.apk'), bundle({ 'splits/base-master.apk': readFileSync(join(FIXTURES, 'manifest-risky.apk')), 'splits/base-xxhdpi.apk': splitApk('org.pledgeaudit.fixture.risky', 'config.xxhdpi', 7) }));
    writeFileSync(join(dir, 'only-splits.xapk'), bundle({ 'config.en.apk': splitApk(CLEAN, 'config.en', 3) }));
    writeFileSync(join(dir, 'mixed.apks'), bundle({ 'splits/base-master.apk': base, 'splits/base-en.apk': splitApk(CLEAN, 'config.en', 4) }));
    copyFileSync(join(FIXTURES, '../bundles/shop-bundle.aab'), join(dir, 'shop.aab'));
    const store = join(work, 'b.db');
    const jsonl = join(work, 'b.jsonl');
    const r = cli(['scan', dir, '--store', store, '--jsonl', jsonl, '--no-progress'], { cwd: work });
    expect(r.status, r.stderr).toBe(3);
    const rows = storeRows(store);
    const xapk = rows.find((x) => x.path.endsWith('app.xapk'));
    expect(xapk).toMatchObject({ status: 'ok', kind: 'bundle', package: CLEAN, bundle_base: `${CLEAN}.apk` });
    expect(JSON.parse(xapk?.bundle_splits ?? '[]')).toEqual(['config.arm64_v8a.apk', 'config.zh.apk']);
    expect(rows.find((x) => x.path.endsWith('renamed.apk'))).toMatchObject({ status: 'ok', bundle_base: 'splits/base-master.apk' });
    expect(rows.find((x) => x.path.endsWith('only-splits.xapk'))?.error_code).toBe('E_SPLITS_NO_BASE');
    expect(rows.find((x) => x.path.endsWith('mixed.apks'))?.error_code).toBe('E_SPLITS_MISMATCH');
    // The bundle's feature module is code of the app: its startup IMEI read is found and named.
    const aab = rows.find((x) => x.path.endsWith('shop.aab'));
    expect(aab).toMatchObject({ status: 'ok', kind: 'bundle', package: 'com.example.bundleshop', bundle_base: 'base' });
    expect(JSON.parse(aab?.bundle_splits ?? '[]')).toEqual(['scan']);
    // The report kept with the app names the bundle itself.
    const lines = readFileSync(jsonl, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { path: string; record: { target: { path: string; file: string; format?: string } } | null });
    const rec = lines.find((l) => l.path.endsWith('app.xapk'))?.record;
    expect(rec?.target).toMatchObject({ path: join(dir, 'app.xapk'), file: 'app.xapk', format: 'xapk' });
    const shop = lines.find((l) => l.path.endsWith('shop.aab'))?.record as unknown as { clauses: { findings: { check: string; evidence: { location: { entry?: string } }[] }[] }[] };
    const read = shop.clauses.flatMap((c) => c.findings).find((f) => f.check === 'c02/collect-before-consent');
    expect(read?.evidence[0]?.location.entry).toBe('scan/dex/classes.dex');
  });
});
