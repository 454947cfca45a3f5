#!/usr/bin/env node
// Writes docs/rules/<check id>.md for every check, from the checks' own metadata, and docs/errors.md
// (run `npm run build` first). test/meta/rules.test.ts fails when a page is stale.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { CLAUSES } = await import(join(root, 'dist/rules/index.js'));
const { renderRuleDoc } = await import(join(root, 'dist/src/cli/rule-docs.js'));
let n = 0;
for (const clause of CLAUSES) {
  for (const check of clause.checks) {
    const path = join(root, 'docs/rules', `${check.meta.id}.md`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, renderRuleDoc(clause, check));
    n++;
  }
}
const { renderErrorDocs } = await import(join(root, 'dist/src/cli/error-docs.js'));
writeFileSync(join(root, 'docs/errors.md'), renderErrorDocs());
console.log(`wrote ${n} rule pages and docs/errors.md`);
