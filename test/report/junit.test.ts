import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../src/report/junit.js';
import type { AuditRecord, AuditReport } from '../../src/report/model.js';
import { errorRecord, fixtureRecord } from './helpers.js';
import { parseJunit, validateJunit, type ParsedElement } from './junit-xsd.js';

function suites(xml: string): ParsedElement[] {
  return parseJunit(xml).children.filter((c) => c.name === 'testsuite');
}

function outcome(tc: ParsedElement): string {
  return tc.children.find((c) => c.name !== 'system-out' && c.name !== 'system-err')?.name ?? 'pass';
}

describe('JUnit XML', () => {
  it('is valid junit-10 for fixtures and an error record, one testsuite per input, one testcase per clause', async () => {
    const names = ['demo-shop', 'manifest-risky', 'clean', 'coverage-packed'];
    const records: AuditRecord[] = [...(await Promise.all(names.map((n) => fixtureRecord(n)))), await errorRecord()];
    const xml = renderJunit(records, { lang: 'en' });
    expect(validateJunit(xml)).toEqual([]);
    const s = suites(xml);
    expect(s).toHaveLength(5);
    for (const suite of s.slice(0, 4)) {
      const cases = suite.children.filter((c) => c.name === 'testcase');
      expect(cases).toHaveLength(10);
      expect(suite.attrs.tests).toBe('10');
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

  it('maps verdicts as documented: fail and warn → failure with the verdict as type, review → skipped, pass → empty', async () => {
    const r = await fixtureRecord('manifest-risky');
    const cases = suites(renderJunit([r], { lang: 'en' }))[0]?.children.filter((c) => c.name === 'testcase') ?? [];
    r.clauses.forEach((c, i) => {
      const tc = cases[i];
      if (tc === undefined) throw new Error(`no testcase for clause ${c.clause}`);
      expect(tc.attrs.name).toBe(`c${String(c.clause).padStart(2, '0')} ${c.title.en}`);
      expect(tc.attrs.classname).toBe(r.target.package);
      const want = c.verdict === 'fail' || c.verdict === 'warn' ? 'failure' : c.verdict === 'review' ? 'skipped' : 'pass';
      expect(outcome(tc), `clause ${c.clause} (${c.verdict})`).toBe(want);
      if (want === 'failure') expect(tc.children[0]?.attrs.type).toBe(c.verdict);
    });
    expect(new Set(r.clauses.map((c) => c.verdict)).size).toBeGreaterThan(2);
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
    const xml = renderJunit([quiet], { lang: 'en' });
    expect(validateJunit(xml)).toEqual([]);
    const cases = suites(xml)[0]?.children ?? [];
    const tc10 = cases.filter((c) => c.name === 'testcase')[9];
    expect(tc10?.children.map((c) => c.name)).toEqual(['system-out']);
    expect(tc10?.children[0]?.text).toContain('suppressed (debug build only <internal>)');
    expect(tc10?.children[0]?.text).toContain('baselined: [');
    const tc1 = cases.filter((c) => c.name === 'testcase')[0];
    expect(tc1?.children[0]?.name).toBe('error');
    expect(tc1?.children[0]?.attrs.type).toBe('E_RULE_CRASHED');
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
