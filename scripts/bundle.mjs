#!/usr/bin/env node
// Bundles the CLI into one ESM file (dist/src/cli/bundle.mjs): Node then reads and links one module
// instead of about a hundred, which is a third of a small audit's wall time. tsc's per-file output
// in dist/src stays for library use and tests. dist/pledge-audit.mjs, the bin, is a launcher that
// turns on V8's compile cache where Node has it (module.enableCompileCache, Node ≥ 22.1: the
// bundle's code is then compiled once, not on every start) and imports the bundle; on older Node
// it only imports it.
import { build } from 'esbuild';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The CLI, and the worker thread a single audit runs its app in (--timeout, --memory;
// src/cli/single-audit.ts), each behind a launcher written below.
for (const [entry, outfile] of [['src/cli/bin.ts', 'dist/src/cli/bundle.mjs'], ['src/batch/worker.ts', 'dist/src/cli/worker-bundle.mjs']]) await build({
  entryPoints: [join(root, entry)],
  outfile: join(root, outfile),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // CommonJS dependencies inside an ESM bundle need a require.
  banner: { js: "import { createRequire as __pledgeRequire } from 'node:module'; const require = __pledgeRequire(import.meta.url);" },
  sourcemap: false,
  legalComments: 'none',
  // Native (better-sqlite3) or file-layout-dependent (bullmq) packages load from node_modules at
  // run time; the batch commands import them lazily, so a single-app audit never loads them.
  external: ['better-sqlite3', 'bullmq'],
  logLevel: 'warning',
});
// The compile cache is per thread: the worker turns it on for itself before loading its bundle.
const launcher = (what, bundle, shebang) => `${shebang ? '#!/usr/bin/env node\n' : ''}// Launcher (scripts/bundle.mjs): V8's compile cache where Node has it, then the bundled ${what}.
import module from 'node:module';
if (typeof module.enableCompileCache === 'function') {
  try {
    module.enableCompileCache();
  } catch {
    // No cache directory can be written: it runs without it.
  }
}
await import('${bundle}');
`;
writeFileSync(join(root, 'dist/pledge-audit.mjs'), launcher('CLI', './src/cli/bundle.mjs', true), { mode: 0o755 });
writeFileSync(join(root, 'dist/src/cli/pledge-audit-worker.mjs'), launcher('audit worker', './worker-bundle.mjs', false));

// The data tables are validated against their schemas here, once, with the validator the CLI uses;
// the CLI then skips validating a table whose text hashes as recorded (src/util/data-path.ts).
const { validate } = await import(pathToFileURL(join(root, 'dist/src/util/json-schema.js')).href);
const { tableHash, VALIDATED_TABLES } = await import(pathToFileURL(join(root, 'dist/src/util/data-path.js')).href);
const hashes = {};
for (const name of readdirSync(join(root, 'rules/data')).filter((f) => f.endsWith('.json')).sort()) {
  const text = readFileSync(join(root, 'rules/data', name), 'utf8');
  const schema = JSON.parse(readFileSync(join(root, 'schema/data', name.replace(/\.json$/, '.schema.json')), 'utf8'));
  const problem = validate(JSON.parse(text), schema);
  if (problem !== undefined) throw new Error(`rules/data/${name} does not match its schema: ${problem}`);
  hashes[name] = tableHash(text);
}
writeFileSync(join(root, 'dist/src', VALIDATED_TABLES), `${JSON.stringify(hashes, null, 2)}\n`);
