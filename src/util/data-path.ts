import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InternalError } from './errors.js';
import { validate, type Schema } from './json-schema.js';

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

/**
 * Reads a JSON table from rules/data once per process, checked against its schema
 * (schema/data/<name>.schema.json). A table that does not parse or validate is a broken install
 * or a bad edit of ours, never the input's fault: InternalError, with the file and the JSON path.
 */
export function loadData<T>(name: string, dataDir = join(packageRoot(), 'rules', 'data')): T {
  const file = join(dataDir, name);
  const hit = cache.get(file);
  if (hit !== undefined) return hit as T;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InternalError(`${file} is not readable JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const schema = JSON.parse(readFileSync(join(packageRoot(), 'schema', 'data', name.replace(/\.json$/, '.schema.json')), 'utf8')) as Schema;
  const problem = validate(value, schema);
  if (problem !== undefined) throw new InternalError(`${file} does not match its schema: ${problem}`);
  cache.set(file, value);
  return value as T;
}
