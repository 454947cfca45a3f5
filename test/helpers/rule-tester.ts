import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runClauses } from '../../src/engine/run.js';
import type { Check, ClauseDefinition as ClauseModule, RuleOptions } from '../../src/engine/check.js';
import type { Finding, FindingVerdict } from '../../src/model/index.js';
import { locationIdentity } from '../../src/engine/fingerprint.js';
import type { AppFacts } from '../../src/facts/app-facts.js';
import { messageIndex, renderFinding } from '../../src/report/build.js';
import { fixtureFacts } from './fixtures.js';

/** What a fixture must produce for one check: exact messageIds, verdicts and primary locations. */
export interface ExpectedFinding {
  messageId: string;
  /** The finding's data, exactly (optional: stated where the values are the point of the case). */
  data?: Record<string, unknown>;
  verdict: FindingVerdict;
  /** locationIdentity() of the first evidence, e.g. `manifest:/manifest/application/@android:debuggable`. */
  at?: string;
  /** Owner of the first evidence: 'app' or an SDK id. */
  owner?: string;
  /** Call path of the first evidence (before-consent findings), complete method keys. */
  path?: string[];
}

export interface CheckCases {
  /** Fixtures where the check must fire, with everything it must report (nothing more). */
  fires: { fixture: string; options?: Partial<RuleOptions>; expect: ExpectedFinding[] }[];
  /** Fixtures where the check must stay silent. */
  silent: { fixture: string; options?: Partial<RuleOptions> }[];
  /**
   * messageIds no fixture produces, each with the reason (a case no fixture can build). Every
   * other messageId must be expected by some case.
   */
  unexercised?: Record<string, string>;
}

export const DEFAULT_OPTIONS: RuleOptions = { strict: false, categories: [] };

/** Runs one check alone through the real engine, in a clause of its own. */
export function runOne(facts: AppFacts, check: Check, options: Partial<RuleOptions> = {}): Finding[] {
  const clause: ClauseModule = { clause: check.meta.clause, slug: 'test', title: { en: 't', zh: 't' }, pledge: '', requires: [], checks: [check] };
  return runCheck(facts, clause, check, options);
}

/** Runs one check alone through the real engine (so coverage and rendering are exercised too). */
export function runCheck(facts: AppFacts, clause: ClauseModule, check: Check, options: Partial<RuleOptions> = {}): Finding[] {
  const single: ClauseModule = { ...clause, checks: [check], requires: [] };
  const [result] = runClauses(facts, [single], { ...DEFAULT_OPTIONS, ...options });
  if (result === undefined) throw new Error('no clause result');
  const crash = result.errors?.[0];
  if (crash !== undefined) throw new Error(`${check.meta.id} crashed: ${crash.stack ?? crash.message}`);
  return result.findings;
}

export function summarize(findings: Finding[]): ExpectedFinding[] {
  return findings
    .map((f) => {
      const e: ExpectedFinding = { messageId: f.messageId, verdict: f.verdict, data: { ...f.data } };
      const first = f.evidence[0];
      if (first !== undefined) e.at = locationIdentity(first.location);
      const owner = first?.owner;
      if (owner !== undefined) e.owner = owner.kind === 'sdk' ? owner.id : owner.kind;
      if (first?.path !== undefined) e.path = [...first.path];
      return e;
    })
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

export function expectFindings(actual: Finding[], expected: ExpectedFinding[]): void {
  const got = summarize(actual);
  // Only compare the keys each expectation states, but require the same number of findings.
  const want = [...expected].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  expect(got.map((g) => `${g.messageId}/${g.verdict}`).sort()).toEqual(want.map((w) => `${w.messageId}/${w.verdict}`).sort());
  for (const w of want) {
    const match = got.find((g) => g.messageId === w.messageId && g.verdict === w.verdict && (w.at === undefined || g.at === w.at) && (w.owner === undefined || g.owner === w.owner) && (w.path === undefined || JSON.stringify(g.path) === JSON.stringify(w.path)) && (w.data === undefined || isDeepStrictEqual(g.data, w.data)));
    expect(match, `expected ${JSON.stringify(w)} among ${JSON.stringify(got)}`).toBeDefined();
  }
}

const LEFTOVER = /\{\w+(?::\w+)?\}|\{\{\w+\}\}/;

/** Every finding renders in both languages with no placeholder left unfilled. */
export function expectRenders(check: Check, findings: readonly Finding[]): void {
  const index = messageIndex([{ clause: check.meta.clause, slug: 't', title: { en: 't', zh: 't' }, pledge: '', requires: [], checks: [check] }]);
  for (const f of findings) {
    const { message } = renderFinding(f, index);
    expect(message.en, `${f.check}/${f.messageId} en`).not.toMatch(LEFTOVER);
    expect(message.zh, `${f.check}/${f.messageId} zh`).not.toMatch(LEFTOVER);
  }
}

function flags(o: Partial<RuleOptions> | undefined): string {
  const parts = [...(o?.strict === true ? ['--strict'] : []), ...(o?.categories !== undefined ? [`--category ${o.categories.join(',')}`] : []), ...(o?.declaredSdks !== undefined ? [`sdks ${o.declaredSdks.map((d) => d.package).join(',') || '(none)'}`] : []), ...(o?.policy !== undefined ? [`--policy ${o.policy.entry}`] : [])];
  return parts.length > 0 ? ` (${parts.join(' ')})` : '';
}

/**
 * The RuleTester of this project (ESLint's, for fixture APKs): each `fires` case must produce
 * exactly the expected findings, each `silent` case none, every finding must render in both
 * languages, and every messageId of the check must be expected somewhere.
 */
export function testCheck(check: Check, cases: CheckCases): void {
  describe(check.meta.id, () => {
    for (const c of cases.fires) {
      it(`fires on ${c.fixture}${flags(c.options)}`, async () => {
        const found = runOne(await fixtureFacts(c.fixture), check, c.options);
        expectFindings(found, c.expect);
        expectRenders(check, found);
      });
    }
    for (const c of cases.silent) {
      it(`stays silent on ${c.fixture}${flags(c.options)}`, async () => {
        expectFindings(runOne(await fixtureFacts(c.fixture), check, c.options), []);
      });
    }
    it('has cases for every message, and for nothing else', () => {
      expect(cases.fires.length, 'a fixture where it fires').toBeGreaterThan(0);
      expect(cases.silent.length, 'a fixture where it stays silent').toBeGreaterThan(0);
      const ids = Object.keys(check.messages);
      const expected = new Set(cases.fires.flatMap((c) => c.expect.map((e) => e.messageId)));
      for (const id of expected) expect(ids, `${id} is not a message of ${check.meta.id}`).toContain(id);
      for (const id of Object.keys(cases.unexercised ?? {})) expect(ids, `${id} is not a message of ${check.meta.id}`).toContain(id);
      for (const id of ids) expect(expected.has(id) || cases.unexercised?.[id] !== undefined, `no case produces ${check.meta.id}/${id}`).toBe(true);
    });
  });
}
