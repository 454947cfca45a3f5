// How every generator writes: `node scripts/gen-x.mjs` writes its files; with --check it writes
// nothing, compares, and exits 1 naming the stale files (npm run gen -- --check; test/meta/generated).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const checking = process.argv.includes('--check');
const stale = [];
let written = 0;

/** Writes `content` to `path` (repo-relative or absolute), or in --check mode compares it. */
export function emit(path, content) {
  const abs = path.startsWith('/') ? path : join(root, path);
  if (checking) {
    if (!existsSync(abs) || readFileSync(abs, 'utf8') !== content) stale.push(relative(root, abs));
    return;
  }
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, content);
  written++;
}

/**
 * What the generator needs besides the repository (../shared, a Debian tool, a file). When it is
 * missing, --check says "skipped" with the reason (exit 0) and a real run fails with it (exit 2).
 */
export function requires(what) {
  for (const w of what) {
    const ok = w.tool !== undefined ? hasTool(w.tool) : existsSync(w.path);
    if (ok) continue;
    const why = w.tool !== undefined ? `needs ${w.tool} (${w.install})` : `needs ${w.path}${w.install === undefined ? '' : ` (${w.install})`}`;
    if (checking) {
      console.log(`skipped: ${why}`);
      process.exit(0);
    }
    console.error(`cannot generate: ${why}`);
    process.exit(2);
  }
}

function hasTool(name) {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Ends the generator: in --check mode, exit 1 if anything was stale. */
export function done(summary) {
  if (checking) {
    if (stale.length > 0) {
      console.error(`stale: ${stale.join(', ')} (run npm run gen)`);
      process.exit(1);
    }
    console.log(`up to date: ${summary}`);
    return;
  }
  console.log(`${summary} (${written} file${written === 1 ? '' : 's'} written)`);
}
