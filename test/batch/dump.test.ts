import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { crc32, deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeZip } from '../helpers/zip-writer.js';
import { chownTree, cli, FIXTURES, removeDir, storeRows, tempDir, type AppRow, type Run } from './helpers.js';

/**
 * A dump directory with every kind of bad input the issue lists, scanned once: each input must
 * become one row with its error code, the good apps around them must still be audited (the
 * worker that hung is replaced), and the scan must finish with exit status 3.
 */
const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;
let work: string;
let dump: string;
let run: Run;
let rows: AppRow[];
let hangSha: string;
/** Whether the unreadable-file case can be asserted: as root only when the scan runs as nobody. */
let unreadableChecked = true;

const LATIN1_NAME = Buffer.concat([Buffer.from('caf'), Buffer.of(0xe9), Buffer.from('.apk')]);

function byName(name: string): AppRow | undefined {
  return rows.find((r) => r.path === join(dump, name));
}

beforeAll(() => {
  work = tempDir('dump');
  dump = join(work, 'dump');
  mkdirSync(join(dump, 'sub'), { recursive: true });
  const fixture = (name: string): Buffer => readFileSync(join(FIXTURES, `${name}.apk`));

  const whole = fixture('manifest-risky');
  writeFileSync(join(dump, 'truncated.apk'), whole.subarray(0, whole.length >> 1));
  writeFileSync(join(dump, 'not-an-apk.apk'), '<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>\n');
  // 64 MiB of zeros behind a 64 KiB deflate stream: far past the compression-ratio limit.
  writeFileSync(join(dump, 'bomb.apk'), zipBomb('AndroidManifest.xml', 64 * 1024 * 1024));
  const hang = fixture('manifest-defaults');
  hangSha = createHash('sha256').update(hang).digest('hex');
  writeFileSync(join(dump, 'hangs.apk'), hang);
  copyFileSync(join(FIXTURES, 'manifest-legacy.apk'), join(dump, 'unreadable.apk'));
  chmodSync(join(dump, 'unreadable.apk'), 0o000);
  symlinkSync('loop.apk', join(dump, 'loop.apk'));
  symlinkSync('nowhere.apk', join(dump, 'gone.apk'));
  execFileSync('mkfifo', [join(dump, 'pipe.apk')]);
  copyFileSync(join(FIXTURES, 'clean.apk'), join(dump, 'new\nline.apk'));
  copyFileSync(join(FIXTURES, 'manifest-protected.apk'), Buffer.concat([Buffer.from(`${dump}/`), LATIN1_NAME]));
  // A loop of folders: sub/up is the dump again.
  symlinkSync('..', join(dump, 'sub', 'up'));
  copyFileSync(join(FIXTURES, 'periodic.apk'), join(dump, 'sub', 'inner.apk'));
  copyFileSync(join(FIXTURES, 'permissions-single.apk'), join(dump, 'zz-last.apk'));

  let uid: number | undefined;
  if (asRoot) {
    // Root reads a mode-000 file anyway: run the scan as nobody so that the case is real.
    // Only when nobody can run the checkout's CLI at all: from a private folder (mktemp -d, a 0700
    // home) it cannot, and the scan then runs as root without the unreadable-file assertion.
    const probe = cli(['--version'], { cwd: tmpdir(), uid: NOBODY });
    try {
      if (probe.status !== 0) throw new Error(`nobody cannot run the CLI: ${probe.stderr.split('\n')[0] ?? ''}`);
      chownTree(work, NOBODY);
      uid = NOBODY;
    } catch {
      unreadableChecked = false;
    }
  }
  const env = { NODE_ENV: 'test', PLEDGE_TEST_HANG_ON: hangSha };
  run = cli(['scan', dump, '--jobs', '1', '--timeout', '5', '--store', join(work, 'store.db'), '--jsonl', join(work, 'out.jsonl'), '--no-progress'], { cwd: work, env, ...(uid === undefined ? {} : { uid }) });
  if (uid !== undefined && run.status !== 3 && /EACCES|permission/i.test(run.stderr)) {
    // The checkout is not readable by nobody: fall back to root and skip that one assertion.
    unreadableChecked = false;
    chownTree(work, 0);
    removeDir(join(work, 'store.db'));
    run = cli(['scan', dump, '--jobs', '1', '--timeout', '5', '--store', join(work, 'store.db'), '--jsonl', join(work, 'out.jsonl'), '--no-progress'], { cwd: work, env });
  }
  rows = storeRows(join(work, 'store.db'));
}, 90_000);

afterAll(() => {
  if (work !== undefined) removeDir(work);
});

/** A zip whose one entry inflates to `size` zero bytes, declared honestly in its headers. */
function zipBomb(name: string, size: number): Buffer {
  const zeros = Buffer.alloc(size);
  const deflated = deflateRawSync(zeros);
  const crc = crc32(zeros) >>> 0;
  // writeZip stores method-0 data as given: hand it our stream and label it deflated.
  return writeZip([{ name, data: deflated, method: 0, cd: { method: 8, usize: size, crc }, lfh: { method: 8, usize: size, crc } }]);
}

describe('scan of a dump full of bad inputs', () => {
  it('finishes with exit status 3 ("some apps could not be analysed"), one line per failure, no stack trace', () => {
    expect(run.status, run.stderr).toBe(3);
    expect(run.stdout, `unreadableChecked=${unreadableChecked}`).toMatch(new RegExp(`^pledge-audit scan: \\d+ apps into .*store\\.db: ${unreadableChecked ? 4 : 5} audited`, 'm'));
    expect(run.stderr).not.toMatch(/\n\s+at /);
    // The newline in a name is escaped: every failure stays on one line.
    for (const line of run.stderr.trim().split('\n')) expect(line).toMatch(/^pledge-audit: E_[A-Z0-9_]+ /);
  });

  it('gives every bad input one row with its error code', () => {
    const code = (name: string): string | null | undefined => byName(name)?.error_code;
    expect(code('truncated.apk')).toBe('E_ZIP_NO_EOCD');
    expect(code('not-an-apk.apk')).toMatch(/^E_(XML_SYNTAX|MANIFEST_INVALID)$/);
    expect(code('bomb.apk')).toBe('E_LIMIT_RATIO');
    expect(code('hangs.apk')).toBe('E_TIMEOUT');
    expect(code('loop.apk')).toBe('E_INPUT_SYMLINK_LOOP');
    expect(code('gone.apk')).toBe('E_INPUT_NOT_FOUND');
    expect(code('pipe.apk')).toBe('E_INPUT_UNREADABLE');
    if (unreadableChecked) expect(code('unreadable.apk')).toBe('E_INPUT_UNREADABLE');
    else expect(byName('unreadable.apk')).toBeDefined();
    for (const r of rows) expect(r.status === 'ok' || r.error_code !== null).toBe(true);
  });

  it('times out the hanging app after --timeout and audits the apps after it on a fresh worker', () => {
    const hung = byName('hangs.apk');
    expect(hung?.sha256).toBe(hangSha);
    expect(hung?.duration_ms).toBeGreaterThanOrEqual(4900);
    expect(hung?.duration_ms).toBeLessThan(15_000);
    // --jobs 1: everything after hangs.apk in name order ran on the replacement thread.
    for (const name of ['new\nline.apk', 'sub/inner.apk', 'zz-last.apk']) expect(byName(name)?.status, name).toBe('ok');
  });

  it('keeps names with newlines and non-UTF-8 bytes exactly', () => {
    expect(byName('new\nline.apk')?.package).toBe('org.pledgeaudit.fixture.clean');
    const latin = rows.find((r) => Buffer.compare(r.path_bytes, Buffer.concat([Buffer.from(`${dump}/`), LATIN1_NAME])) === 0);
    expect(latin?.status).toBe('ok');
    expect(latin?.path).toContain('\ufffd');
    const lines = readFileSync(join(work, 'out.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { path: string; pathBytes?: string });
    expect(lines).toHaveLength(rows.length);
    const j = lines.find((l) => l.pathBytes !== undefined);
    expect(Buffer.from(j?.pathBytes ?? '', 'base64')).toEqual(Buffer.concat([Buffer.from(`${dump}/`), LATIN1_NAME]));
  });

  it('walks a loop of folders once: every app is one row', () => {
    const inner = rows.filter((r) => r.path.endsWith('/inner.apk'));
    expect(inner).toHaveLength(1);
    expect(new Set(rows.map((r) => r.path)).size).toBe(rows.length);
    expect(rows).toHaveLength(12);
  });
});
