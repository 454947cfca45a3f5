import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InternalError } from './errors.js';

let root: string | undefined;

/**
 * The package root, found by walking up from this module: the same code runs from `src/` under
 * vitest and from `dist/src/` when built, so a fixed relative path would be wrong in one of them.
 */
export function packageRoot(): string {
  if (root !== undefined) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'rules'))) {
      root = dir;
      return dir;
    }
    dir = dirname(dir);
  }
  throw new InternalError('pledge-audit: cannot find the package root (package.json beside rules/)');
}

const cache = new Map<string, unknown>();

/** Reads a JSON table from rules/data once per process. */
export function loadData<T>(name: string): T {
  const hit = cache.get(name);
  if (hit !== undefined) return hit as T;
  const value = JSON.parse(readFileSync(join(packageRoot(), 'rules', 'data', name), 'utf8')) as T;
  cache.set(name, value);
  return value;
}
