import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BufferSource } from '../../src/apk/source.js';
import { openZip } from '../../src/apk/zip.js';
import { chooseBase, looksLikeBundle } from '../../src/batch/bundle.js';
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
  it('finds the base by its manifest, not by its name or position', () => {
    // An .xapk names its base after the package and lists splits first.
    const zip = openZip(new BufferSource(bundle({ 'config.arm64_v8a.apk': splitApk(CLEAN, 'config.arm64_v8a'), [`${CLEAN}.apk`]: base, 'manifest.json': '{}' }), 'x.xapk'));
    expect(looksLikeBundle(zip)).toBe(true);
    expect(chooseBase(zip).base).toBe(`${CLEAN}.apk`);
    // bundletool's layout: the split named base-master.apk is the base.
    const bt = openZip(new BufferSource(bundle({ 'toc.pb': '', 'splits/base-xxhdpi.apk': splitApk(CLEAN, 'config.xxhdpi'), 'splits/base-master.apk': base }), 'b.apks'));
    expect(chooseBase(bt).base).toBe('splits/base-master.apk');
    // A file named like the base that is really a split is not taken while a real base exists.
    const liar = openZip(new BufferSource(bundle({ 'base.apk': splitApk(CLEAN, 'config.en'), 'app.apk': base }), 'l.apks'));
    expect(chooseBase(liar).base).toBe('app.apk');
    const none = openZip(new BufferSource(bundle({ 'split_config.en.apk': splitApk(CLEAN, 'config.en') }), 'n.apks'));
    expect(() => chooseBase(none)).toThrow(expect.objectContaining({ code: 'E_BUNDLE_NO_BASE' }));
  });

  it('scan audits a bundle as one app through its base and records the splits', () => {
    const dir = join(work, 'dump');
    mkdirSync(dir);
    writeFileSync(join(dir, 'app.apks'), bundle({ 'base.apk': base, 'split_config.arm64_v8a.apk': splitApk(CLEAN, 'config.arm64_v8a'), 'split_config.zh.apk': splitApk(CLEAN, 'config.zh') }));
    // A bundle saved with an .apk name is recognised by its content.
    writeFileSync(join(dir, 'renamed.apk'), bundle({ 'splits/base-master.apk': readFileSync(join(FIXTURES, 'manifest-risky.apk')), 'splits/base-xxhdpi.apk': splitApk('org.example.risky', 'config.xxhdpi') }));
    writeFileSync(join(dir, 'only-splits.xapk'), bundle({ 'config.en.apk': splitApk(CLEAN, 'config.en') }));
    const store = join(work, 'b.db');
    const jsonl = join(work, 'b.jsonl');
    const r = cli(['scan', dir, '--store', store, '--jsonl', jsonl, '--no-progress'], { cwd: work });
    expect(r.status, r.stderr).toBe(3);
    const rows = storeRows(store);
    const apks = rows.find((x) => x.path.endsWith('app.apks'));
    expect(apks).toMatchObject({ status: 'ok', kind: 'bundle', package: CLEAN, bundle_base: 'base.apk' });
    expect(JSON.parse(apks?.bundle_splits ?? '[]')).toEqual(['split_config.arm64_v8a.apk', 'split_config.zh.apk']);
    expect(rows.find((x) => x.path.endsWith('renamed.apk'))).toMatchObject({ status: 'ok', bundle_base: 'splits/base-master.apk' });
    expect(rows.find((x) => x.path.endsWith('only-splits.xapk'))?.error_code).toBe('E_BUNDLE_NO_BASE');
    // The report kept with the app names the bundle, not the base extracted to a temporary file.
    const lines = readFileSync(jsonl, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { path: string; record: { target: { path: string; file: string } } | null });
    const rec = lines.find((l) => l.path.endsWith('app.apks'))?.record;
    expect(rec?.target).toMatchObject({ path: join(dir, 'app.apks'), file: 'app.apks' });
  });
});
