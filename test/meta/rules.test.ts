import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLAUSES } from '../../rules/index.js';
import { renderErrorDocs } from '../../src/cli/error-docs.js';
import { renderRuleDoc } from '../../src/cli/rule-docs.js';
import { REPO } from '../helpers/corpus.js';

const checks = CLAUSES.flatMap((c) => c.checks.map((k) => ({ clause: c, check: k })));

describe('rule modules', () => {
  it('rules/index.ts lists the ten clauses in order', () => {
    expect(CLAUSES.map((c) => c.clause)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('each clause folder lists exactly the check files in it, and each check file is at its id', () => {
    for (const clause of CLAUSES) {
      const dir = join(REPO, 'rules', `c${String(clause.clause).padStart(2, '0')}`);
      const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.replace(/\.ts$/, '')).sort();
      const ids = clause.checks.map((k) => k.meta.id.slice(4)).sort();
      expect(ids, `rules/${dir.slice(-3)}/index.ts`).toEqual(files);
      for (const k of clause.checks) expect(k.meta.clause).toBe(clause.clause);
    }
  });

  it.each(checks.map((c) => c.check.meta.id))('%s is one readable file with its RuleTester test at the mirrored path', (id) => {
    const source = readFileSync(join(REPO, 'rules', `${id}.ts`), 'utf8');
    expect(source.split('\n').length, `rules/${id}.ts`).toBeLessThanOrEqual(250);
    const test = join(REPO, 'test/rules', `${id}.test.ts`);
    expect(existsSync(test), `test/rules/${id}.test.ts`).toBe(true);
    expect(readFileSync(test, 'utf8')).toMatch(/testCheck\(/);
  });

  it('test/rules holds no test for a check that does not exist', () => {
    const ids = new Set(checks.map((c) => c.check.meta.id));
    const tests = readdirSync(join(REPO, 'test/rules'), { recursive: true, encoding: 'utf8' }).filter((f) => /^c\d\d[/\\].+\.test\.ts$/.test(f));
    for (const t of tests) expect(ids.has(t.replace(/\\/g, '/').replace(/\.test\.ts$/, '')), t).toBe(true);
  });

  it('check ids are unique and carry their clause number', () => {
    const ids = checks.map((c) => c.check.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { clause, check } of checks) expect(check.meta.id).toMatch(new RegExp(`^c${String(clause.clause).padStart(2, '0')}/[a-z0-9-]+$`));
  });

  it('every check that can say review suggests the manual check that decides it', () => {
    for (const { clause, check } of checks) {
      if (!check.meta.verdicts.includes('review')) continue;
      const hasManual = check.meta.manualCheck !== undefined || (clause.manualChecks?.length ?? 0) > 0;
      expect(hasManual, `${check.meta.id} can say review, so a manual check must be suggested`).toBe(true);
    }
  });

  it('meta: the default verdict is one of the verdicts', () => {
    for (const { check } of checks) expect(check.meta.verdicts, check.meta.id).toContain(check.meta.defaultVerdict);
  });

  it.each(checks.map((c) => c.check.meta.id))('%s has an up-to-date docs page', (id) => {
    const path = join(REPO, 'docs/rules', `${id}.md`);
    expect(existsSync(path), `docs/rules/${id}.md is missing: npm run build && node scripts/gen-rule-docs.mjs`).toBe(true);
    const entry = checks.find((c) => c.check.meta.id === id);
    if (entry === undefined) throw new Error(id);
    expect(readFileSync(path, 'utf8'), `docs/rules/${id}.md is stale: npm run build && node scripts/gen-rule-docs.mjs`).toBe(renderRuleDoc(entry.clause, entry.check));
  });

  it('docs/errors.md lists every error and diagnostic code', () => {
    expect(readFileSync(join(REPO, 'docs/errors.md'), 'utf8'), 'docs/errors.md is stale: npm run docs').toBe(renderErrorDocs());
  });

  it('docs/rules holds no page for a check that does not exist', () => {
    const ids = new Set(checks.map((c) => c.check.meta.id));
    const pages = readdirSync(join(REPO, 'docs/rules'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md'));
    for (const p of pages) expect(ids.has(p.replace(/\\/g, '/').replace(/\.md$/, '')), p).toBe(true);
  });
});
