import { LIMITS } from '../util/limits.js';
import { chmodSync, lstatSync, mkdirSync, readlinkSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { PledgeError } from '../util/errors.js';

/** stdout/stderr, injectable so that tests can run the CLI in-process. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  isTTY: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
}

/** Symbolic links followed before giving up, as the kernel's own limit (MAXSYMLINKS). */
const MAX_LINKS = LIMITS.symlinkHops.value;

function errnoOf(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | null)?.code;
}

function unwritable(path: string, e: unknown): PledgeError {
  const code = errnoOf(e);
  const why = code === 'EISDIR' ? 'is a directory' : code === 'ENOTDIR' ? 'a parent is not a directory' : code === 'ELOOP' ? 'too many levels of symbolic links' : e instanceof Error ? e.message : String(e);
  return new PledgeError('E_OUTPUT_UNWRITABLE', `${path}: ${why}`, { entry: path });
}

function statOrNull(path: string, follow: boolean): Stats | null {
  try {
    return follow ? statSync(path) : lstatSync(path);
  } catch (e) {
    if (errnoOf(e) === 'ENOENT') return null;
    throw e;
  }
}

/** Where a chain of symbolic links that ends at a missing name points (a dangling link is written through, as a shell would). */
function danglingTarget(path: string): string {
  let at = path;
  for (let i = 0; i < MAX_LINKS; i++) {
    const st = statOrNull(at, false);
    if (st === null || !st.isSymbolicLink()) return at;
    at = resolve(dirname(at), readlinkSync(at));
  }
  throw Object.assign(new Error('too many levels of symbolic links'), { code: 'ELOOP' });
}

/** A temporary file beside `target`, then a rename over it: a killed run never leaves half a report. */
function replaceRegular(target: string, text: string, mode: number | undefined): void {
  mkdirSync(dirname(target), { recursive: true });
  let tmp = '';
  for (let i = 0; ; i++) {
    tmp = join(dirname(target), `.${basename(target)}.${process.pid}${i === 0 ? '' : `-${i}`}.tmp`);
    try {
      writeFileSync(tmp, text, { flag: 'wx' });
      break;
    } catch (e) {
      if (errnoOf(e) !== 'EEXIST' || i >= 100) throw e;
    }
  }
  try {
    if (mode !== undefined) chmodSync(tmp, mode & 0o7777);
    renameSync(tmp, target);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
    throw e;
  }
}

/**
 * Writes a report or baseline to `path` the way a user expects from `-o`:
 * - a missing path: its folders are created, then temp-and-rename in the target's own folder;
 * - a regular file (or a symbolic link to one): replaced by temp-and-rename at the link's
 *   target, keeping the file's mode, so the link stays a link;
 * - anything else (a FIFO, a character device such as /dev/null, /dev/stdout, a socket): opened
 *   and written in place, never replaced;
 * - a directory, or a path that cannot be written: E_OUTPUT_UNWRITABLE (exit 2).
 */
export function writeOutput(path: string, text: string): void {
  try {
    const st = statOrNull(path, true);
    if (st === null) {
      replaceRegular(danglingTarget(path), text, undefined);
      return;
    }
    if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (!st.isFile()) {
      writeFileSync(path, text, { flag: 'w' });
      return;
    }
    let real: string | undefined;
    try {
      real = realpathSync(path);
    } catch {
      real = undefined;
    }
    // /dev/stdout redirected to a file, /proc/self/fd/N: the open file is the caller's; write into it.
    if (real === undefined || real.startsWith('/proc/') || real.startsWith('/dev/')) {
      writeFileSync(path, text, { flag: 'w' });
      return;
    }
    replaceRegular(real, text, st.mode);
  } catch (e) {
    if (e instanceof PledgeError) throw e;
    throw unwritable(path, e);
  }
}

export function defaultLang(env: Record<string, string | undefined>): 'zh' | 'en' {
  const l = env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '';
  return /^zh/i.test(l) ? 'zh' : 'en';
}

/** Colour only for a terminal, never when NO_COLOR is set (no-color.org); FORCE_COLOR wins. */
export function useColor(io: Io, flag: boolean | undefined, toFile: boolean): boolean {
  if (flag === false || toFile) return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.TERM === 'dumb') return false;
  return io.isTTY;
}
