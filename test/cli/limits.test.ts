import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BufferSource } from '../../src/apk/source.js';
import { openZip } from '../../src/apk/zip.js';
import { main } from '../../src/cli/program.js';
import { auditWorkerFile, singleAuditor } from '../../src/cli/single-audit.js';
import { audit } from '../../src/index.js';
import { LIMITS, parseByteSize } from '../../src/util/limits.js';
import { exec } from '../helpers/exec.js';
import { fixtureApk } from '../helpers/fixtures.js';
import { cli, removeDir, tempDir } from '../batch/helpers.js';
import { REPO } from '../helpers/corpus.js';
import { copyFileSync } from 'node:fs';

const work = mkdtempSync(join(tmpdir(), 'pledge-limits-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s), isTTY: false, env: {}, cwd: work });
  return { code, out, err };
}

/** The largest inflated size among the entries an audit of the clean fixture reads. */
function largestReadEntry(apk: string): { name: string; size: number } {
  const zip = openZip(new BufferSource(readFileSync(apk), apk));
  const read = zip.entries.filter((e) => /^(classes\d*\.dex|AndroidManifest\.xml|resources\.arsc)$/.test(e.name));
  const top = read.reduce((a, b) => (b.uncompressedSize > a.uncompressedSize ? b : a));
  return { name: top.name, size: top.uncompressedSize };
}

describe('--max-entry-size', () => {
  it('parses bytes and binary units', () => {
    expect(parseByteSize('1024')).toBe(1024);
    expect(parseByteSize('1KiB')).toBe(1024);
    expect(parseByteSize('300MiB')).toBe(300 * 1024 ** 2);
    expect(parseByteSize('1.5 GiB')).toBe(1.5 * 1024 ** 3);
    expect(parseByteSize('2g')).toBe(2 * 1024 ** 3);
    expect(parseByteSize('12x')).toBeUndefined();
    expect(parseByteSize('-1')).toBeUndefined();
  });

  it('fires at its threshold with E_LIMIT_ENTRY_SIZE: the largest entry passes at its size, fails one byte below', async () => {
    const apk = fixtureApk('clean');
    const top = largestReadEntry(apk);
    const at = await run([apk, '--max-entry-size', String(top.size), '--format', 'json', '--fail-on', 'never']);
    expect(at.code, at.err).toBe(0);
    expect((JSON.parse(at.out) as { status: string }).status).toBe('ok');
    const below = await run([apk, '--max-entry-size', String(top.size - 1), '--format', 'json']);
    expect(below.code).toBe(3);
    const record = JSON.parse(below.out) as { status: string; error: { code: string; message: string } };
    expect(record.status).toBe('error');
    expect(record.error.code).toBe('E_LIMIT_ENTRY_SIZE');
    expect(record.error.message).toContain(`above the per-entry limit of ${top.size - 1}`);
    // One error line, then which option raises the limit and its value in this run.
    const lines = below.err.split('\n').filter((l) => l !== '');
    expect(lines[0]).toMatch(/^pledge-audit: E_LIMIT_ENTRY_SIZE clean\.apk \S+: entry declares \d+ bytes/);
    expect(lines[1]).toContain('--max-entry-size');
    expect(lines).toHaveLength(2);
  });

  it('the library API takes the same limit', async () => {
    const apk = fixtureApk('clean');
    const top = largestReadEntry(apk);
    const r = await audit(apk, { limits: { maxEntryBytes: top.size - 1 } });
    expect(r.status === 'error' ? r.error.code : r.status).toBe('E_LIMIT_ENTRY_SIZE');
  });

  it('a bad size is a usage error (exit 2) in both languages', async () => {
    const en = await run([fixtureApk('clean'), '--max-entry-size', '12x']);
    expect(en.code).toBe(2);
    expect(en.err).toContain('--max-entry-size must be a size in bytes');
    const zh = await run([fixtureApk('clean'), '--max-entry-size', 'lots', '--lang', 'zh']);
    expect(zh.code).toBe(2);
    expect(zh.err).toContain('--max-entry-size 须为字节数');
  });
});

describe('--timeout and --memory for a single audit', () => {
  it('from sources (this test run) apps are audited in-process; the built CLI has its worker', async () => {
    const a = await singleAuditor({ timeoutSeconds: 300, memoryMb: 2048 }, undefined);
    expect(a.isolated).toBe(false);
    await a.close();
    expect(auditWorkerFile()).toBeUndefined();
    expect(readFileSync(join(REPO, 'dist/src/cli/pledge-audit-worker.mjs')).length, 'npm run build').toBeGreaterThan(0);
  });

  it('an analysis that never ends is stopped at --timeout: one E_TIMEOUT line, its hint, exit 3', () => {
    const apk = fixtureApk('clean');
    const started = Date.now();
    // The worker's test-only hook spins for ever on this app (src/batch/worker.ts).
    const r = exec([apk, '--timeout', '1', '--format', 'json'], { NODE_ENV: 'test', PLEDGE_TEST_HANG_ON: apk });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(r.status).toBe(3);
    const record = JSON.parse(r.stdout) as { status: string; error: { code: string; message: string } };
    expect(record.error.code).toBe('E_TIMEOUT');
    expect(record.error.message).toBe('analysis did not finish within 1 s');
    expect(r.stderr).toBe('pledge-audit: E_TIMEOUT clean.apk: analysis did not finish within 1 s\n  a limit of pledge-audit (now 1 s): raise it with --timeout if the app is genuine (docs/limits.md)\n');
    const zh = exec([apk, '--timeout', '1', '--lang', 'zh'], { NODE_ENV: 'test', PLEDGE_TEST_HANG_ON: apk });
    expect(zh.status).toBe(3);
    expect(zh.stderr).toContain('E_TIMEOUT clean.apk: 分析此应用超过时间上限');
    expect(zh.stderr).toContain('可用 --timeout 调高');
  });

  it('a tiny timeout on a real app ends the same way', () => {
    const r = exec([fixtureApk('demo-shop'), '--timeout', '0.001', '--format', 'json', '--fail-on', 'never']);
    expect(r.status).toBe(3);
    expect((JSON.parse(r.stdout) as { error: { code: string } }).error.code).toBe('E_TIMEOUT');
  }, 60_000);

  it('the worker and --timeout 0 (in-process) give the same report', () => {
    const apk = fixtureApk('demo-shop');
    const strip = (s: string): unknown => {
      const r = JSON.parse(s) as Record<string, unknown>;
      delete r.generatedAt;
      delete r.durationMs;
      return r;
    };
    const isolated = exec([apk, '--format', 'json', '--fail-on', 'never']);
    const inProcess = exec([apk, '--format', 'json', '--fail-on', 'never', '--timeout', '0']);
    expect(isolated.status).toBe(0);
    expect(strip(isolated.stdout)).toEqual(strip(inProcess.stdout));
  });

  it('--max-entry-size reaches the worker', () => {
    const r = exec([fixtureApk('clean'), '--max-entry-size', '1KiB', '--format', 'json']);
    expect(r.status).toBe(3);
    expect((JSON.parse(r.stdout) as { error: { code: string } }).error.code).toBe('E_LIMIT_ENTRY_SIZE');
    expect(r.stderr).toContain('(now 1 KiB)');
  });

  it('bad values are usage errors; 0 is accepted by audit but not by scan', async () => {
    expect((await run([fixtureApk('clean'), '--timeout', '-1'])).code).toBe(2);
    expect((await run([fixtureApk('clean'), '--timeout', 'soon'])).code).toBe(2);
    expect((await run([fixtureApk('clean'), '--memory', '8'])).code).toBe(2);
    expect((await run([fixtureApk('clean'), '--timeout', '0', '--format', 'json', '--fail-on', 'never'])).code).toBe(0);
    const scan = await run(['scan', fixtureApk('clean'), '--timeout', '0']);
    expect(scan.code).toBe(2);
    expect(scan.err).toContain('--timeout must be a number of seconds > 0');
  });

  it('the defaults of the options are the table\'s', async () => {
    const help = await run(['audit', '--help']);
    // commander prints the table's default once; the option text does not repeat it.
    expect(help.out).toContain(`(default: ${LIMITS.timeoutSeconds.value})`);
    expect(help.out).toContain(`(default: ${LIMITS.memoryMiB.value})`);
    expect(help.out).not.toContain(`default ${LIMITS.timeoutSeconds.value})`);
    expect(help.out).toContain('--max-entry-size <size>');
    const scanHelp = await run(['scan', '--help']);
    expect(scanHelp.out).toContain('--max-entry-size <size>');
    expect(scanHelp.out).toContain(`(default: ${LIMITS.timeoutSeconds.value})`);
  });
});

describe('scan --max-entry-size', () => {
  it('every app of a scan gets the limit, with its code in the store and the JSON lines', () => {
    const dir = tempDir('limits');
    try {
      copyFileSync(fixtureApk('clean'), join(dir, 'clean.apk'));
      const r = cli(['scan', dir, '--store', join(dir, 's.db'), '--jsonl', join(dir, 'out.jsonl'), '--max-entry-size', '1KiB', '--no-progress', '-j', '1'], { cwd: dir });
      expect(r.status, r.stderr).not.toBeNull();
      const lines = readFileSync(join(dir, 'out.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(JSON.stringify(lines)).toContain('E_LIMIT_ENTRY_SIZE');
    } finally {
      removeDir(dir);
    }
  }, 60_000);
});
