#!/usr/bin/env node
// Bundles the CLI into one ESM file (dist/pledge-audit.mjs): Node then reads and links one module
// instead of about a hundred, which is a third of a small audit's wall time. tsc's per-file output
// in dist/src stays for library use and tests.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
await build({
  entryPoints: [join(root, 'src/cli/bin.ts')],
  outfile: join(root, 'dist/pledge-audit.mjs'),
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
