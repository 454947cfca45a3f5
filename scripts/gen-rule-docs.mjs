#!/usr/bin/env node
// Writes docs/rules/<check id>.md for every check, from the checks' own metadata, docs/errors.md and docs/limits.md
// (run `npm run build` first). test/meta/rules.test.ts fails when a page is stale.
import { done, emit, requires } from './lib/emit.mjs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
requires([{ path: join(root, 'dist/rules/index.js'), install: 'npm run build' }]);
const { CLAUSES } = await import(join(root, 'dist/rules/index.js'));
const { renderRuleDoc } = await import(join(root, 'dist/src/cli/rule-docs.js'));
let n = 0;
for (const clause of CLAUSES) {
  for (const check of clause.checks) {
    const path = join(root, 'docs/rules', `${check.meta.id}.md`);
    emit(path, renderRuleDoc(clause, check));
    n++;
  }
}
const { renderErrorDocs } = await import(join(root, 'dist/src/cli/error-docs.js'));
emit(join(root, 'docs/errors.md'), renderErrorDocs());
const { renderLimitsDoc } = await import(join(root, 'dist/src/cli/limits-docs.js'));
emit(join(root, 'docs/limits.md'), renderLimitsDoc());
done(`${n} rule pages, docs/errors.md and docs/limits.md`);
