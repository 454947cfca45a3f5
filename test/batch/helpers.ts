import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { encodeAxml, sampleManifest, type ElementSpec } from '../helpers/axml-writer.js';
import { REPO } from '../helpers/corpus.js';
import { BIN } from '../helpers/exec.js';
import { writeZip } from '../helpers/zip-writer.js';

export interface Run {
  stdout: string;
  stderr: string;
  status: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunOptions {
  cwd: string;
  env?: Record<string, string>;
  /** Run as this user (root only): lets the "unreadable file" case be tested when the suite runs as root. */
  uid?: number;
  timeoutMs?: number;
}

function env(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '', NO_COLOR: '1', LANG: 'C', ...extra };
}

/** The built CLI (worker threads need the compiled dist/src/batch/worker.js). */
export function cli(args: string[], o: RunOptions): Run {
  if (!existsSync(BIN)) throw new Error('build first: npm run build');
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: o.cwd,
    env: env(o.env),
    encoding: 'utf8',
    timeout: o.timeoutMs ?? 120_000,
    ...(o.uid === undefined ? {} : { uid: o.uid, gid: o.uid }),
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status, signal: r.signal };
}

export interface Started {
  child: ChildProcess;
  stderr: () => string;
  stdout: () => string;
  exited: Promise<{ status: number | null; signal: NodeJS.Signals | null }>;
}

export function startCli(args: string[], o: RunOptions): Started {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: o.cwd, env: env(o.env), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const exited = new Promise<{ status: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (status, signal) => resolve({ status, signal })));
  return { child, stderr: () => err, stdout: () => out, exited };
}

export async function waitFor(what: string, test: () => boolean, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `pledge-batch-${prefix}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Hands a folder (recursively) to another user, for runs as that user. Names may not be UTF-8. */
export function chownTree(dir: string | Buffer, uid: number): void {
  chownSync(dir, uid, uid);
  const base = typeof dir === 'string' ? Buffer.from(dir) : dir;
  for (const e of readdirSync(base, { withFileTypes: true, encoding: 'buffer' })) {
    const p = Buffer.concat([base, Buffer.from('/'), e.name]);
    if (e.isSymbolicLink()) continue;
    if (e.isDirectory()) chownTree(p, uid);
    else chownSync(p, uid, uid);
  }
}

export interface AppRow {
  id: number;
  sha256: string | null;
  path: string;
  path_bytes: Buffer;
  kind: string;
  status: string;
  package: string | null;
  verdict: string | null;
  error_code: string | null;
  error_message: string | null;
  duration_ms: number;
  tool_version: string;
  catalogue_version: string;
  bundle_base: string | null;
  bundle_splits: string | null;
  audited_at: string;
  coverage_complete: number | null;
  dex_failed: number | null;
}

/** Rows of a store (opened read-only: a scan may still be writing it). */
export function storeRows<T = AppRow>(file: string, sql = 'SELECT * FROM apps ORDER BY id'): T[] {
  if (!existsSync(file) || statSync(file).size === 0) return [];
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as T[];
  } catch (e) {
    // The scan creates the schema a moment after the file.
    if (/no such table/.test(String(e))) return [];
    throw e;
  } finally {
    db.close();
  }
}

export const FIXTURES = join(REPO, 'fixtures/apk');

/** An APK holding only a binary manifest: enough for the auditor, built in a test's temp folder. */
export function manifestOnlyApk(manifest: ElementSpec = sampleManifest()): Buffer {
  return writeZip([{ name: 'AndroidManifest.xml', data: encodeAxml(manifest) }]);
}

/** A configuration split of `pkg` (of that versionCode): its manifest carries the `split` attribute Android marks splits with. */
export function splitApk(pkg: string, split: string, versionCode?: number): Buffer {
  const vc = versionCode === undefined ? [] : [{ name: 'android:versionCode', value: versionCode }];
  return manifestOnlyApk({ name: 'manifest', attrs: [{ name: 'package', value: pkg }, ...vc, { name: 'split', value: split }], children: [{ name: 'application', attrs: [{ name: 'android:hasCode', value: false }] }] });
}
