import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discover, kindOfName, readListFile } from '../../src/batch/discover.js';
import { hashFile } from '../../src/batch/hash.js';
import { JsonlWriter } from '../../src/batch/jsonl.js';
import { fsPath, inputPath, quotePath } from '../../src/batch/paths.js';
import { eta, progressLine } from '../../src/batch/progress.js';
import { connectionOptions, jobIdOf } from '../../src/batch/queue.js';
import type { BatchRecord } from '../../src/batch/record.js';
import { inShard } from '../../src/batch/scan.js';
import { parseShard } from '../../src/cli/batch-commands.js';
import { removeDir, tempDir } from './helpers.js';

let work: string;
beforeAll(() => {
  work = tempDir('units');
});
afterAll(() => removeDir(work));

describe('discovery', () => {
  it('walks folders in byte order, follows links once, and treats explicit non-zip files as lists', () => {
    const root = join(work, 'd');
    mkdirSync(join(root, 'b'), { recursive: true });
    mkdirSync(join(root, 'a'));
    writeFileSync(join(root, 'b', 'x.APK'), 'PK');
    writeFileSync(join(root, 'a', 'y.xapk'), 'PK');
    writeFileSync(join(root, 'a', 'z.apks'), 'PK');
    writeFileSync(join(root, 'readme.txt'), 'no');
    symlinkSync(join(root, 'a'), join(root, 'c-link-to-a'));
    symlinkSync('.', join(root, 'b', 'self'));
    const found = discover([root], '/');
    expect(found.candidates.map((c) => [c.path.display.slice(root.length), c.kind])).toEqual([
      ['/a/y.xapk', 'bundle'],
      ['/a/z.apks', 'bundle'],
      ['/b/x.APK', 'apk'],
    ]);
    expect(found.problems).toEqual([]);

    const list = join(work, 'list.txt');
    writeFileSync(list, `# apps\n${join(root, 'b', 'x.APK')}\r\n\nd/a/y.xapk\n${join(work, 'missing.apk')}\n`);
    const fromList = discover([list], work);
    expect(fromList.candidates.map((c) => c.path.display)).toEqual([join(root, 'b', 'x.APK'), join(work, 'd/a/y.xapk')]);
    expect(fromList.problems.map((p) => [p.code, p.app])).toEqual([['E_INPUT_NOT_FOUND', true]]);
  });

  it('reads NUL-separated lists (names with newlines) and names in any encoding', () => {
    const f = join(work, 'nul.list');
    const odd = Buffer.concat([Buffer.from('/tmp/a\nb'), Buffer.of(0xff), Buffer.from('.apk')]);
    writeFileSync(f, Buffer.concat([odd, Buffer.of(0), Buffer.from('/tmp/c.apk'), Buffer.of(0)]));
    const lines = readListFile(Buffer.from(f));
    expect(lines).toEqual([odd, Buffer.from('/tmp/c.apk')]);
    const p = inputPath(odd);
    expect(typeof fsPath(p)).toBe('object');
    expect(quotePath(p.display)).toBe('"/tmp/a\\nb\ufffd.apk"');
    expect(quotePath('/plain/x.apk')).toBe('/plain/x.apk');
    expect(kindOfName(Buffer.from('A.XAPK'))).toBe('bundle');
    expect(kindOfName('a.apk.zip')).toBeUndefined();
  });

  it('hashes files and reports unreadable ones as values', async () => {
    const f = join(work, 'h.bin');
    writeFileSync(f, 'abc');
    expect(await hashFile(inputPath(Buffer.from(f)))).toEqual({ ok: true, sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', size: 3 });
    expect(await hashFile(inputPath(Buffer.from(join(work, 'nope'))))).toMatchObject({ ok: false, code: 'E_INPUT_NOT_FOUND' });
    expect(await hashFile(inputPath(Buffer.from(work)))).toMatchObject({ ok: false, code: 'E_INPUT_UNREADABLE' });
  });
});

describe('JSONL stream', () => {
  it('appends across runs and cuts a torn last line left by a killed run', () => {
    const f = join(work, 'out.jsonl');
    writeFileSync(f, '{"sha256":"a"}\n{"sha256":"b","pa');
    const w = new JsonlWriter(f);
    w.write({ sha256: 'c' } as BatchRecord);
    w.close();
    expect(readFileSync(f, 'utf8')).toBe('{"sha256":"a"}\n{"sha256":"c"}\n');
    writeFileSync(f, 'no newline at all');
    new JsonlWriter(f).close();
    expect(readFileSync(f, 'utf8')).toBe('');
  });
});

describe('shards, queue options, progress', () => {
  it('parses i/n (1-based) and assigns every path to exactly one shard', () => {
    expect(parseShard('2/5')).toEqual({ index: 2, count: 5 });
    for (const bad of ['0/5', '6/5', '1/0', 'a/b', '1']) expect(() => parseShard(bad)).toThrow();
    for (let i = 0; i < 200; i++) {
      const raw = Buffer.from(`/dump/app-${i}.apk`);
      expect([1, 2, 3].filter((index) => inShard(raw, { index, count: 3 }))).toHaveLength(1);
    }
  });

  it('turns redis URLs into connection options and rejects other schemes', () => {
    expect(connectionOptions('redis://u:p%40ss@10.0.0.5:6390/2')).toMatchObject({ host: '10.0.0.5', port: 6390, db: 2, username: 'u', password: 'p@ss', maxRetriesPerRequest: null });
    expect(connectionOptions('rediss://h')).toMatchObject({ host: 'h', port: 6379, tls: {} });
    expect(() => connectionOptions('http://h')).toThrow(expect.objectContaining({ code: 'E_USAGE' }));
    expect(jobIdOf('ab', { tool: '1', catalogue: '2' })).not.toBe(jobIdOf('ab', { tool: '1', catalogue: '3' }));
    expect(jobIdOf('ab', { tool: '1', catalogue: '2' })).not.toContain(':');
  });

  it('progress lines: rate from audited apps only, ETA from the remaining ones', () => {
    const s = { done: 30, total: 90, failed: 2, skipped: 10, processed: 20, elapsedMs: 60_000 };
    expect(progressLine(s)).toBe('30/90 apps, 2 failed, 10 already stored, 20.0 apps/min, ETA 3m00s');
    expect(eta({ ...s, processed: 0 })).toBe('?');
  });
});
