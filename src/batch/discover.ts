import { closeSync, openSync, readFileSync, readSync, readdirSync, statSync, type Dirent, type Stats } from 'node:fs';
import { resolve } from 'node:path';
import { PledgeError, type ErrorCode } from '../util/errors.js';
import { inputPath, pathFromString, type InputPath } from './paths.js';

/** apk: one APK; bundle: an app in several pieces (.aab, .apks from bundletool or SAI, .xapk from APKPure). */
export type CandidateKind = 'apk' | 'bundle';

export interface Candidate {
  path: InputPath;
  kind: CandidateKind;
}

/**
 * Something found while walking that cannot be audited. `app` problems (a file named like an app,
 * or a path a list file names) become rows of the store; the others (an unreadable folder) are
 * only reported, since they are not apps.
 */
export interface DiscoveryProblem {
  path: InputPath;
  code: ErrorCode;
  message: string;
  app: boolean;
}

export interface Discovery {
  candidates: Candidate[];
  problems: DiscoveryProblem[];
}

const SLASH = 0x2f;

/** Kind by name; undefined for files a folder walk does not pick up. */
export function kindOfName(name: Buffer | string): CandidateKind | undefined {
  const s = (typeof name === 'string' ? name : name.toString('latin1')).toLowerCase();
  if (s.endsWith('.apk')) return 'apk';
  if (s.endsWith('.apks') || s.endsWith('.xapk') || s.endsWith('.aab')) return 'bundle';
  return undefined;
}

function joinRaw(dir: Buffer, name: Buffer): Buffer {
  return dir.length > 0 && dir[dir.length - 1] === SLASH ? Buffer.concat([dir, name]) : Buffer.concat([dir, Buffer.of(SLASH), name]);
}

function errnoProblem(path: InputPath, e: unknown, app: boolean): DiscoveryProblem {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return { path, code: 'E_INPUT_SYMLINK_LOOP', message: 'symbolic link loop (ELOOP)', app };
  if (code === 'ENOENT' || code === 'ENOTDIR') return { path, code: 'E_INPUT_NOT_FOUND', message: 'no such file (or a dangling link)', app };
  return { path, code: 'E_INPUT_UNREADABLE', message: `cannot read: ${code ?? String(e)}`, app };
}

/**
 * Finds the apps under the given folders and list files, in a stable order (byte order of names,
 * depth first), each file once even when it is reachable twice. Links are followed, because
 * dumps are often farms of links; a folder reached again through a link (a loop) is not walked
 * twice, and a link that never resolves is recorded as a problem, not an endless walk.
 */
export function discover(args: readonly string[], cwd: string): Discovery {
  const candidates: Candidate[] = [];
  const problems: DiscoveryProblem[] = [];
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();

  // The same file under two names stays two candidates: hashing makes them one app with two paths.
  const addFile = (path: InputPath, kind: CandidateKind): void => {
    const id = path.raw.toString('hex');
    if (seenFiles.has(id)) return;
    seenFiles.add(id);
    candidates.push({ path, kind });
  };

  const walk = (root: Buffer): void => {
    const stack: Buffer[] = [root];
    while (stack.length > 0) {
      const dir = stack.pop() as Buffer;
      let st: Stats;
      let entries: Dirent<Buffer>[];
      try {
        st = statSync(dir);
        const id = `${st.dev}:${st.ino}`;
        if (seenDirs.has(id)) continue;
        seenDirs.add(id);
        entries = readdirSync(dir, { withFileTypes: true, encoding: 'buffer' });
      } catch (e) {
        problems.push(errnoProblem(inputPath(dir), e, false));
        continue;
      }
      entries.sort((a, b) => Buffer.compare(a.name, b.name));
      const subdirs: Buffer[] = [];
      for (const ent of entries) {
        const child = joinRaw(dir, ent.name);
        const kind = kindOfName(ent.name);
        if (ent.isDirectory()) {
          subdirs.push(child);
          continue;
        }
        if (!ent.isFile() && !ent.isSymbolicLink()) {
          // A FIFO or device named like an app would block the reader forever.
          if (kind !== undefined) problems.push({ path: inputPath(child), code: 'E_INPUT_UNREADABLE', message: 'not a regular file', app: true });
          continue;
        }
        let target: Stats;
        try {
          target = statSync(child);
        } catch (e) {
          if (kind !== undefined) problems.push(errnoProblem(inputPath(child), e, true));
          continue;
        }
        if (target.isDirectory()) subdirs.push(child);
        else if (kind !== undefined) {
          if (target.isFile()) addFile(inputPath(child), kind);
          else problems.push({ path: inputPath(child), code: 'E_INPUT_UNREADABLE', message: 'not a regular file', app: true });
        }
      }
      for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i] as Buffer);
    }
  };

  /** A path named explicitly (argument or list line) is an app whatever its name. */
  const addNamed = (raw: Buffer, fromList: boolean): void => {
    const path = inputPath(raw);
    let st: Stats;
    try {
      st = statSync(raw);
    } catch (e) {
      if (!fromList) throw new PledgeError('E_USAGE', `${path.display}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : String((e as Error).message)}`);
      problems.push(errnoProblem(path, e, true));
      return;
    }
    if (st.isDirectory()) {
      walk(raw);
      return;
    }
    if (!st.isFile()) {
      problems.push({ path, code: 'E_INPUT_UNREADABLE', message: 'not a regular file', app: true });
      return;
    }
    if (!fromList && !startsWithZip(raw)) {
      for (const line of readListFile(raw)) addNamed(absoluteRaw(line, cwd), true);
      return;
    }
    addFile(path, kindOfName(raw) ?? 'apk');
  };

  for (const arg of args) addNamed(pathFromString(resolve(cwd, arg)).raw, false);
  return { candidates, problems };
}

function absoluteRaw(line: Buffer, cwd: string): Buffer {
  if (line[0] === SLASH) return line;
  return joinRaw(Buffer.from(cwd, 'utf8'), line);
}

/** An argument that is a zip is an app; anything else given as a file is a list of paths. */
function startsWithZip(raw: Buffer): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(raw, 'r');
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x50 && head[1] === 0x4b;
  } catch {
    // Unreadable: let the hashing step record it as an app that could not be read.
    return true;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * One path per line, or NUL-separated when the file holds a NUL (`find -print0`), which is the
 * only way to list names that contain newlines. Blank lines and `#` comments are skipped.
 */
export function readListFile(raw: Buffer): Buffer[] {
  const bytes = readFileSync(raw);
  const sep = bytes.includes(0) ? 0 : 0x0a;
  const out: Buffer[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== sep) continue;
    let line = bytes.subarray(start, i);
    start = i + 1;
    if (sep === 0x0a && line.length > 0 && line[line.length - 1] === 0x0d) line = line.subarray(0, line.length - 1);
    if (line.length === 0 || (sep === 0x0a && line[0] === 0x23)) continue;
    out.push(Buffer.from(line));
  }
  return out;
}
