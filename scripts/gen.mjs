#!/usr/bin/env node
// npm run gen: every generated file of the repository from its sources, in dependency order.
// npm run gen -- --check: the same without writing; exit 1 names what is stale (CI runs this
// through test/meta/generated.test.ts). A generator whose inputs are missing here (../shared, a
// Debian tool) says so and is skipped in --check mode.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { checking, root } from './lib/emit.mjs';

// The SDK catalogue and the permission tables feed the others; rule docs render the built code.
export const GENERATORS = [
  'gen-android-attrs.mjs',
  'gen-permissions.mjs',
  'gen-permission-evidence.mjs',
  'gen-categories.mjs',
  'build-sdk-catalogue.mjs',
  'gen-axml-golden.mjs',
  'gen-rule-docs.mjs',
];

if (!checking) {
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
let failed = 0;
for (const g of GENERATORS) {
  const r = spawnSync(process.execPath, [join(root, 'scripts', g), ...(checking ? ['--check'] : [])], { cwd: root, encoding: 'utf8' });
  process.stdout.write(`${g}: ${r.stdout.trim() || r.stderr.trim()}\n`);
  if (r.status !== 0) {
    if (r.stderr.trim() !== '' && r.stdout.trim() !== '') process.stdout.write(`  ${r.stderr.trim()}\n`);
    failed++;
  }
}
process.exit(failed === 0 ? 0 : 1);
