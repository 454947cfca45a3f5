import type { AppFacts } from '../facts/app-facts.js';
import { VERDICT_RANK, type AppCoverageLimit, type Artifact, type ClauseId, type CoverageNote, type Finding, type Localized, type MessageData, type Verdict } from '../model/index.js';
import type { CheckContext, ClauseDefinition, FindingDraft, RuleOptions } from './check.js';
import { factIdentity, fingerprint } from './fingerprint.js';
import { decideClauses } from './verdict.js';
import { InternalError } from '../util/errors.js';


/** A check that threw: a bug in pledge-audit, reported with the clause it left undecided. */
export interface CheckError {
  check: string;
  code: 'E_RULE_CRASHED';
  message: string;
  /** For --debug. Not part of the JSON report. */
  stack?: string;
}

export interface ClauseResult {
  clause: ClauseId;
  slug: string;
  title: Localized;
  /** The pledge text of the clause, verbatim (Chinese). */
  pledge: string;
  verdict: Verdict;
  findings: Finding[];
  coverage: CoverageNote[];
  /** What a person or a dynamic test should check when the clause did not pass. */
  manualChecks: Localized[];
  /** Checks that crashed (the clause could not be fully evaluated). */
  errors?: CheckError[];
}

/** The coverage note for an artifact a check or clause needs and did not get, or undefined. */
function coverageFor(facts: AppFacts, a: Artifact): CoverageNote | undefined {
  const state = facts.state(a);
  if (state === 'analysed' || state === 'absent') return undefined;
  const data: Record<string, string> = { artifact: a, state };
  const err = state === 'failed' ? facts.failure(a) : undefined;
  if (err !== undefined) data.error = err.code;
  return { code: `not-analysed:${a}`, data };
}

export function coverageNote(code: string, data?: MessageData): CoverageNote {
  return data === undefined ? { code } : { code, data };
}

function toFinding(clause: ClauseId, checkId: string, d: FindingDraft, options: RuleOptions): Finding {
  const verdict = options.strict && d.strictVerdict !== undefined ? d.strictVerdict : d.verdict;
  const identity = factIdentity(d.data);
  const extra = [d.messageId, ...(d.key === undefined ? [] : [d.key]), ...(identity === '' ? [] : [identity])].join('\n');
  return { check: checkId, clause, verdict, messageId: d.messageId, data: d.data ?? {}, evidence: d.evidence, fingerprint: fingerprint(checkId, d.evidence[0]?.location, extra) };
}

/**
 * Runs the clauses' checks over one app and decides each clause (src/engine/verdict.ts). A check
 * whose artifacts are missing does not run and its clause says what was not analysed; a check
 * that throws is contained: the others still report, and the clause cannot pass.
 */
export function runClauses(facts: AppFacts, defs: readonly ClauseDefinition[], options: RuleOptions, appLimits: readonly AppCoverageLimit[] = []): ClauseResult[] {
  const ctx: CheckContext = { facts, options };
  const results = defs.map((def): ClauseResult => {
    const findings: Finding[] = [];
    const coverage: CoverageNote[] = [];
    const errors: CheckError[] = [];
    const addNote = (n: CoverageNote | undefined): void => {
      if (n !== undefined && !coverage.some((c) => c.code === n.code)) coverage.push(n);
    };
    for (const a of def.requires) addNote(coverageFor(facts, a));
    if (def.neverPasses !== undefined) addNote(coverageNote(def.neverPasses));
    let ran = 0;
    for (const check of def.checks) {
      const missing = check.meta.needs.map((a) => coverageFor(facts, a)).filter((n) => n !== undefined);
      if (missing.length > 0) {
        missing.forEach(addNote);
        continue;
      }
      ran++;
      try {
        for (const d of check.check(ctx)) {
          if (!(d.messageId in check.messages)) throw new InternalError(`reported unknown messageId ${d.messageId}`);
          findings.push(toFinding(def.clause, check.meta.id, d, options));
        }
      } catch (e) {
        const err: CheckError = { check: check.meta.id, code: 'E_RULE_CRASHED', message: e instanceof Error ? e.message : String(e) };
        if (e instanceof Error && e.stack !== undefined) err.stack = e.stack;
        errors.push(err);
      }
    }
    // A clause none of whose checks could run has not been looked at: it cannot pass.
    if (ran === 0) addNote(coverageNote('no-checks-ran'));
    for (const limit of appLimits) if (limit.clauses.includes(def.clause)) addNote(coverageNote(limit.code, limit.data));
    findings.sort(compareFindings);
    const result: ClauseResult = { clause: def.clause, slug: def.slug, title: def.title, pledge: def.pledge, verdict: 'pass', findings, coverage, manualChecks: [] };
    if (errors.length > 0) result.errors = errors;
    return result;
  });
  return decideClauses(results, defs, coverageNote);
}

/** Deterministic order: verdict (worst first), check id, then identity. */
export function compareFindings(a: Finding, b: Finding): number {
  const r = VERDICT_RANK[b.verdict] - VERDICT_RANK[a.verdict];
  if (r !== 0) return r;
  if (a.check !== b.check) return a.check < b.check ? -1 : 1;
  return a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0;
}
