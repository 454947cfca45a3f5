import { expect } from 'vitest';
import { runClauses } from '../../src/engine/run.js';
import type { Check, ClauseDefinition as ClauseModule, RuleOptions } from '../../src/engine/check.js';
import type { Finding, FindingVerdict } from '../../src/model/index.js';
import { locationIdentity } from '../../src/engine/fingerprint.js';
import type { AppFacts } from '../../src/facts/app-facts.js';

/** What a fixture must produce for one check: exact messageIds, verdicts and primary locations. */
export interface ExpectedFinding {
  messageId: string;
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
}

export const DEFAULT_OPTIONS: RuleOptions = { strict: false, categories: [] };

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
      const e: ExpectedFinding = { messageId: f.messageId, verdict: f.verdict };
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
    const match = got.find((g) => g.messageId === w.messageId && g.verdict === w.verdict && (w.at === undefined || g.at === w.at) && (w.owner === undefined || g.owner === w.owner) && (w.path === undefined || JSON.stringify(g.path) === JSON.stringify(w.path)));
    expect(match, `expected ${JSON.stringify(w)} among ${JSON.stringify(got)}`).toBeDefined();
  }
}
