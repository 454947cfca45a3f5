#!/usr/bin/env node
// Bundles the CLI into one ESM file (dist/pledge-audit.mjs): Node then reads and links one module
// instead of about a hundred, which is a third of a small audit's wall time. tsc's per-file output
// in dist/src stays for library use and tests.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The CLI, and the worker thread a single audit runs its app in (--timeout, --memory; src/cli/single-audit.ts).
for (const [entry, outfile] of [['src/cli/bin.ts', 'dist/pledge-audit.mjs'], ['src/batch/worker.ts', 'dist/pledge-audit-worker.mjs']]) await build({
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
