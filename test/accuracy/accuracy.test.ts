import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/index.js';
import { CLAUSES } from '../../rules/index.js';
import { compare, openProblems, type LabelFile } from '../../src/accuracy/compare.js';
import { CORPUS, hasCorpus, REPO } from '../helpers/corpus.js';

/**
 * The truth set as a ratchet: every labelled false finding, wrong owner, lost true finding, missed
 * startup fact and unlabelled fail/warn finding of today is listed in open.json. Anything else is a
 * regression; a listed problem that is gone must leave the list (`node scripts/accuracy.mjs
 * --ratchet` after `npm run build`), so a fixed error can never come back unnoticed.
 */
const LABELS = join(REPO, 'test/accuracy/labels');
const OPEN = JSON.parse(readFileSync(join(REPO, 'test/accuracy/open.json'), 'utf8')) as Record<string, string[]>;
const files = existsSync(LABELS) ? readdirSync(LABELS).filter((f) => f.endsWith('.json')).sort() : [];

describe('label files', () => {
  it('are at least 25 apps, each with hand-checked startup facts or labelled findings', () => {
    expect(files.length).toBeGreaterThanOrEqual(25);
    for (const f of files) {
      const l = JSON.parse(readFileSync(join(LABELS, f), 'utf8')) as LabelFile;
      expect(l.startup.length + l.findings.length, f).toBeGreaterThan(0);
      for (const x of l.findings) if (x.label !== null) expect(x.reason.length, `${f}: ${x.id.check} ${x.id.at} has a reason`).toBeGreaterThan(10);
    }
  });
});

describe.skipIf(!hasCorpus())('the truth set against this build', () => {
  for (const f of files) {
    const labels = JSON.parse(readFileSync(join(LABELS, f), 'utf8')) as LabelFile;
    it(labels.file, async () => {
      const report = await audit(join(CORPUS, labels.file), { clauses: CLAUSES });
      if (report.status !== 'ok') throw new Error(`${labels.file}: ${report.error.code}`);
      const result = compare(labels, report);
      // A label judged one wording: a finding whose message changed must be checked again by hand
      // (scripts/accuracy.mjs --details lists it as reworded) before its label can count.
      const reworded = result.labelled.filter((l) => l.found && l.label.message !== undefined && l.message !== l.label.message);
      expect(
        reworded.map((l) => `${l.label.id.check} ${l.label.id.at}: labelled "${l.label.message}", now "${l.message}"`),
        'labelled findings whose wording changed (check them again, then update message, label and reason)',
      ).toEqual([]);
      const now = openProblems(result);
      const known = new Set(OPEN[labels.file] ?? []);
      expect(now.filter((k) => !known.has(k)), 'new problems (regressions, or findings to label)').toEqual([]);
      expect([...known].filter((k) => !now.includes(k)), 'fixed problems still listed in open.json (run scripts/accuracy.mjs --ratchet)').toEqual([]);
    }, 60_000);
  }
});
