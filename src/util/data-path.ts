import { createHash } from 'node:crypto';
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
const shippedCache = new Map<string, unknown>();

/** Name of the build's record of validated tables (dist/src/, beside the compiled code). */
export const VALIDATED_TABLES = 'data-validated.json';
let validated: Record<string, string> | undefined;

/**
 * SHA-256 of each table text the build validated against its schema (scripts/bundle.mjs writes
 * it): a table whose text hashes the same needs no second validation on every start. Any other
 * text (an edited table, another data folder, no build) is validated when loaded.
 */
function validatedHashes(): Record<string, string> {
  if (validated === undefined) {
    try {
      validated = JSON.parse(readFileSync(join(packageRoot(), 'dist', 'src', VALIDATED_TABLES), 'utf8')) as Record<string, string>;
    } catch {
      validated = {};
    }
  }
  return validated;
}

/** The hex SHA-256 of a table's text, as the build records it. */
export function tableHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Reads a JSON table from rules/data once per process, checked against its schema
 * (schema/data/<name>.schema.json). A table that does not parse or validate is a broken install
 * or a bad edit of ours, never the input's fault: InternalError, with the file and the JSON path.
 */
export function loadData<T>(name: string, dataDir?: string): T {
  // Lookups run on hot paths (the SDK matcher asks per class): the shipped tables are found by
  // name alone, without building a path each time.
  if (dataDir === undefined) {
    const shipped = shippedCache.get(name);
    if (shipped !== undefined) return shipped as T;
    const value = loadData<T>(name, join(packageRoot(), 'rules', 'data'));
    shippedCache.set(name, value);
    return value;
  }
  const file = join(dataDir, name);
  const hit = cache.get(file);
  if (hit !== undefined) return hit as T;
  let value: unknown;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
    value = JSON.parse(text);
  } catch (e) {
    throw new InternalError(`${file} is not readable JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (validatedHashes()[name] === tableHash(text)) {
    cache.set(file, value);
    return value as T;
  }
  const schema = JSON.parse(readFileSync(join(packageRoot(), 'schema', 'data', name.replace(/\.json$/, '.schema.json')), 'utf8')) as Schema;
  const problem = validate(value, schema);
  if (problem !== undefined) throw new InternalError(`${file} does not match its schema: ${problem}`);
  cache.set(file, value);
  return value as T;
}
