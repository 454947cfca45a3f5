import { describe, expect, it } from 'vitest';
import { CLAUSES } from '../../rules/index.js';
import { exitStatus, type FailOn } from '../../src/index.js';
import { renderJunit, type JunitOptions } from '../../src/report/junit.js';
import type { AuditRecord, AuditReport } from '../../src/report/model.js';
import { errorRecord, fixtureRecord } from './helpers.js';
import { parseJunit, validateJunit, type ParsedElement } from './junit-xsd.js';

function suites(xml: string): ParsedElement[] {
  return parseJunit(xml).children.filter((c) => c.name === 'testsuite');
}

function outcome(tc: ParsedElement): string {
  return tc.children.find((c) => c.name !== 'system-out' && c.name !== 'system-err')?.name ?? 'pass';
}

const CHECKS = CLAUSES.reduce((n, c) => n + c.checks.length, 0);
const junit = (records: readonly AuditRecord[], o: Partial<JunitOptions> = {}): string => renderJunit(records, { lang: 'en', clauses: CLAUSES, ...o });
const testcases = (xml: string, suite = 0): ParsedElement[] => suites(xml)[suite]?.children.filter((c) => c.name === 'testcase') ?? [];

describe('JUnit XML', () => {
  it('is valid junit-10 for fixtures and an error record, one testsuite per input, a testcase per clause and per check', async () => {
    const names = ['demo-shop', 'manifest-risky', 'clean', 'coverage-packed'];
    const records: AuditRecord[] = [...(await Promise.all(names.map((n) => fixtureRecord(n)))), await errorRecord()];
    const xml = junit(records);
    expect(validateJunit(xml)).toEqual([]);
    const s = suites(xml);
    expect(s).toHaveLength(5);
    for (const suite of s.slice(0, 4)) {
      const cases = suite.children.filter((c) => c.name === 'testcase');
      expect(cases).toHaveLength(10 + CHECKS);
      expect(suite.attrs.tests).toBe(String(10 + CHECKS));
      expect(suite.attrs.failures).toBe(String(cases.filter((c) => outcome(c) === 'failure').length));
      expect(suite.attrs.skipped).toBe(String(cases.filter((c) => outcome(c) === 'skipped').length));
      expect(suite.attrs.errors).toBe(String(cases.filter((c) => outcome(c) === 'error').length));
    }
    const err = s[4]?.children.find((c) => c.name === 'testcase')?.children[0];
    expect(err?.name).toBe('error');
    expect(err?.attrs.type).toBe('E_INPUT_NOT_FOUND');
    const root = parseJunit(xml);
    const total = (k: string) => s.reduce((n, x) => n + Number(x.attrs[k]), 0);
    expect(root.attrs).toEqual({ name: 'pledge-audit', tests: String(total('tests')), failures: String(total('failures')), errors: String(total('errors')) });
  });

  it('names testcases by clause and check id, the same in every language; classname is <package>.cNN', async () => {
    const r = await fixtureRecord('manifest-risky');
    const en = testcases(junit([r]));
    const zh = testcases(junit([r], { lang: 'zh' }));
    const want = CLAUSES.flatMap((c) => [`c${String(c.clause).padStart(2, '0')}`, ...c.checks.map((k) => k.meta.id)]);
    expect(en.map((t) => t.attrs.name)).toEqual(want);
    expect(zh.map((t) => t.attrs.name)).toEqual(want);
    expect(en.map((t) => t.attrs.classname)).toEqual(zh.map((t) => t.attrs.classname));
    expect(en[1]?.attrs.classname).toBe(`${r.target.package}.c01`);
  });

  it('fails a testcase only for findings at or above --fail-on, the rest in system-out; a failure exactly when the exit status is 1', async () => {
    const records = await Promise.all(['manifest-risky', 'demo-shop', 'clean', 'coverage-packed'].map((n) => fixtureRecord(n)));
    const verdicts = new Set(records.flatMap((r) => r.clauses.flatMap((c) => c.findings.map((f) => f.verdict))));
    expect(verdicts).toEqual(new Set(['fail', 'warn', 'review']));
    for (const r of records) {
      for (const failOn of ['fail', 'warn', 'review', 'never'] as FailOn[]) {
        const xml = junit([r], { failOn });
        expect(validateJunit(xml)).toEqual([]);
        const cases = testcases(xml);
        const failed = cases.filter((c) => outcome(c) === 'failure');
        expect(failed.length > 0, `${r.target.file} --fail-on ${failOn}`).toBe(exitStatus([r], failOn) === 1);
        const RANK: Record<FailOn, number> = { pass: 0, review: 1, warn: 2, fail: 3, never: 4 };
        const rank = RANK[failOn];
        for (const tc of failed) expect(RANK[tc.children[0]?.attrs.type as FailOn]).toBeGreaterThanOrEqual(rank);
        // Every counted finding is in its check's testcase: in the failure when at or above the gate, else in system-out.
        for (const c of r.clauses) {
          for (const f of c.findings) {
            const tc = cases.find((t) => t.attrs.name === f.check);
            const above = RANK[f.verdict] >= rank;
            const where = tc?.children.find((x) => x.name === (above ? 'failure' : 'system-out'));
            expect(where?.text, `${f.check} ${f.verdict} --fail-on ${failOn}`).toContain(`[${f.verdict}] ${f.check}:`);
          }
        }
      }
    }
    // --fail-on never: nothing fails, warns and fails are listed.
    const never = testcases(junit([records[0] as AuditRecord], { failOn: 'never' }));
    expect(never.some((c) => outcome(c) === 'failure')).toBe(false);
    expect(never.some((c) => c.children.some((x) => x.name === 'system-out' && x.text.includes('[fail]')))).toBe(true);
  });

  it('a review below the gate is skipped; a clause capped by what could not be analysed is its clause testcase', async () => {
    const r = await fixtureRecord('coverage-packed');
    const cases = testcases(junit([r]));
    const capped = r.clauses.find((c) => c.verdict === 'review' && c.findings.length === 0 && c.coverage.length > 0);
    if (capped === undefined) throw new Error('coverage-packed has no capped clause');
    const tc = cases.find((t) => t.attrs.name === `c${String(capped.clause).padStart(2, '0')}`);
    expect(outcome(tc as ParsedElement)).toBe('skipped');
    expect(tc?.children[0]?.text).toContain(capped.coverage[0]?.message.en ?? '?');
    const failing = testcases(junit([r], { failOn: 'review' })).find((t) => t.attrs.name === tc?.attrs.name);
    expect(failing?.children[0]?.name).toBe('failure');
    expect(failing?.children[0]?.attrs.type).toBe('review');
  });

  it('turns a crashed check into <error> and lists suppressed and baselined findings without failing', async () => {
    const r = await fixtureRecord('manifest-risky');
    const c10 = r.clauses.find((c) => c.clause === 10);
    if (c10 === undefined) throw new Error('no clause 10');
    const quiet: AuditReport = {
      ...r,
      clauses: r.clauses.map((c) =>
        c.clause === 10
          ? { ...c, verdict: 'pass', findings: c.findings.map((f, i) => (i === 0 ? { ...f, suppressed: { reason: 'debug build only <internal>' } } : { ...f, baselined: true })) }
          : c.clause === 1
            ? { ...c, errors: [{ check: 'c01/x', code: 'E_RULE_CRASHED', message: 'boom' }] }
            : c,
      ),
    };
    const xml = junit([quiet]);
    expect(validateJunit(xml)).toEqual([]);
    const cases = testcases(xml);
    const quietChecks = new Set(c10.findings.map((f) => f.check));
    const out = cases.filter((t) => quietChecks.has(t.attrs.name ?? '')).flatMap((t) => t.children);
    expect(out.map((c) => c.name)).toEqual([...quietChecks].map(() => 'system-out'));
    const text = out.map((c) => c.text).join('\n');
    expect(text).toContain('suppressed (debug build only <internal>)');
    expect(text).toContain('baselined: [');
    const crashed = cases.find((t) => t.attrs.name === 'c01/x');
    expect(crashed?.children[0]?.name).toBe('error');
    expect(crashed?.children[0]?.attrs.type).toBe('E_RULE_CRASHED');
    expect(suites(xml)[0]?.attrs.errors).toBe('1');
  });

  it('the validator can fail: it rejects unknown elements and attributes, missing required ones and forbidden characters', () => {
    const ok = '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites><testsuite name="a" tests="1" failures="0" errors="0"><testcase name="t"/></testsuite></testsuites>';
    expect(validateJunit(ok)).toEqual([]);
    expect(validateJunit(ok.replace('<testcase name="t"/>', '<testcase name="t" file="x"/>'))).toEqual(['/testsuites/testsuite[0]/testcase[0]: attribute file is not allowed']);
    expect(validateJunit(ok.replace(' errors="0"', ''))).toEqual(['/testsuites/testsuite[0]: missing required attribute errors']);
    expect(validateJunit(ok.replace('<testcase name="t"/>', '<testcase name="t"><warning/></testcase>'))).toEqual(['/testsuites/testsuite[0]/testcase[0]: <warning> not allowed in <testcase>']);
    expect(validateJunit(ok.replace('name="t"', 'name="t\u0001"'))[0]).toMatch(/U\+0001 is not allowed/);
    expect(validateJunit(ok.replace('<testsuites>', '<testsuites skipped="1">'))).toEqual(['/testsuites: attribute skipped is not allowed']);
  });
});
