import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PledgeError } from '../util/errors.js';

/**
 * The app's source tree (`--source-root DIR`): where findings can point at source lines instead
 * of the APK. One bounded walk lists the folders code is looked up in (`src/<set>/java` and
 * `src/<set>/kotlin` of every module, and the root itself), the AndroidManifest.xml files and the
 * Gradle build files; file contents are read only when a finding asks. Symbolic links are not
 * followed, build outputs and hidden folders are not entered.
 */
export interface SourceTree {
  /** Absolute, with symbolic links resolved. */
  readonly root: string;
  /** Folders classes are looked up in by package path, relative to `root` ('' is the root), '/'-separated. */
  readonly codeDirs: readonly string[];
  /** Every AndroidManifest.xml, relative to `root`. */
  readonly manifests: readonly string[];
  /** Whether the walk stopped at its limit (the tree is larger than MAX_WALK_ENTRIES). */
  readonly truncated: boolean;
  /** A file's text, relative to `root`; undefined when it is not a readable regular file in the tree. */
  read(rel: string): string | undefined;
  /** Whether a regular file exists at `rel`. */
  has(rel: string): boolean;
  /** File names directly in the folder `rel` (empty when it is not one). */
  list(rel: string): readonly string[];
}

export const MAX_WALK_ENTRIES = 200_000;
const MAX_DEPTH = 24;
/** A source file larger than this is not read (generated code, a data file). */
const MAX_SOURCE_BYTES = 8 * 1024 * 1024;
const SKIP_DIRS = new Set(['build', 'node_modules', 'out', 'intermediates', 'generated']);

/**
 * The absolute source root `dir` names, symbolic links resolved; a path that does not exist or is
 * not a folder is a usage error (E_USAGE, exit 2). The CLI checks it before any audit; the audit
 * (in a worker thread) opens it.
 */
export function resolveSourceRoot(dir: string, cwd?: string): string {
  const abs = cwd === undefined ? resolve(dir) : resolve(cwd, dir);
  try {
    const root = realpathSync(abs);
    if (!statSync(root).isDirectory()) throw new PledgeError('E_USAGE', `--source-root ${dir}: not a folder`, { entry: dir });
    return root;
  } catch (e) {
    if (e instanceof PledgeError) throw e;
    throw new PledgeError('E_USAGE', `--source-root ${dir}: no such folder`, { entry: dir });
  }
}

/**
 * Opens `dir` as a source root. A path that does not exist or is not a folder is a usage error
 * (E_USAGE, exit 2) before anything is audited.
 */
export function openSourceRoot(dir: string, cwd?: string): SourceTree {
  const root = resolveSourceRoot(dir, cwd);
  const codeDirs: string[] = [''];
  const manifests: string[] = [];
  const files = new Map<string, string[]>();
  let seen = 0;
  let truncated = false;
  const walk = (rel: string, depth: number): void => {
    if (truncated) return;
    let entries;
    try {
      entries = readdirSync(join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const names: string[] = [];
    for (const d of entries) {
      if (++seen > MAX_WALK_ENTRIES) {
        truncated = true;
        return;
      }
      const child = rel === '' ? d.name : `${rel}/${d.name}`;
      if (d.isFile()) {
        names.push(d.name);
        if (d.name === 'AndroidManifest.xml') manifests.push(child);
      } else if (d.isDirectory() && depth < MAX_DEPTH && !d.name.startsWith('.') && !SKIP_DIRS.has(d.name)) {
        // `<module>/src/<set>/java` and `…/kotlin` hold code by package path.
        const parts = child.split('/');
        if ((d.name === 'java' || d.name === 'kotlin') && parts.length >= 3 && parts[parts.length - 3] === 'src') codeDirs.push(child);
        walk(child, depth + 1);
      }
    }
    files.set(rel, names);
  };
  walk('', 0);
  const has = (rel: string): boolean => {
    const slash = rel.lastIndexOf('/');
    return files.get(slash < 0 ? '' : rel.slice(0, slash))?.includes(slash < 0 ? rel : rel.slice(slash + 1)) === true;
  };
  return {
    root,
    codeDirs,
    manifests,
    truncated,
    has,
    list: (rel) => files.get(rel) ?? [],
    read(rel) {
      if (!has(rel)) return undefined;
      try {
        const p = join(root, rel);
        if (statSync(p).size > MAX_SOURCE_BYTES) return undefined;
        return readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}
