import type { AppFacts } from '../facts/app-facts.js';
import { VERDICT_RANK, type AppCoverageLimit, type Artifact, type ClauseId, type CoverageNote, type Finding, type Localized, type MessageData, type Verdict } from '../model/index.js';
import type { CheckContext, ClauseDefinition, FindingDraft, RuleOptions } from './check.js';
import { factIdentity, fingerprint } from './fingerprint.js';
import { decideClauses } from './verdict.js';
import { escapeText } from '../util/escape.js';
import { InternalError, isPledgeError, type PledgeError } from '../util/errors.js';

/** Errors of one DEX file's content: while a check reads it, that DEX failed, not the check. */
const DEX_ERROR = /^E_DEX_/;

/** The coverage note of DEX files that failed, in whole or in part: clauses that need code cannot pass. */
export const DEX_FAILED_NOTE = 'incomplete:dex-failed';

/**
 * The app-wide limit for DEX files that failed to parse, or that have unreadable table entries,
 * when others were analysed (with none analysed, the `dex` artifact itself is failed). It caps every
 * clause with a check that reads code at review and names the files.
 */
export function dexFailureLimit(facts: AppFacts, defs: readonly ClauseDefinition[]): AppCoverageLimit | undefined {
  const code = facts.code;
  if (code === undefined || code.units.length === 0) return undefined;
  const entries = [...new Set([...code.failed.map((f) => f.entry), ...code.units.filter((u) => u.dex.unreadableEntries > 0).map((u) => u.entry)])];
  if (entries.length === 0) return undefined;
  const clauses = defs.filter((d) => d.requires.includes('dex') || d.checks.some((c) => c.meta.needs.includes('dex'))).map((d) => d.clause);
  return { code: DEX_FAILED_NOTE, data: { entries: entries.slice(0, 3) }, clauses };
}

/** A check's DEX error as a failure of that DEX: one W_DEX_FAILED per entry, the clause capped. */
function dexFailure(facts: AppFacts, checkId: string, e: PledgeError, reported: Set<string>): CoverageNote {
  const entry = e.entry ?? 'classes.dex';
  if (!reported.has(entry)) {
    reported.add(entry);
    facts.diagnostics.add('W_DEX_FAILED', `${entry}: ${e.code} ${e.message} (while ${checkId} read it); the other DEX files were analysed`, entry, e.offset);
  }
  return { code: DEX_FAILED_NOTE, data: { entries: [entry] } };
}


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
  const dexReported = new Set<string>();
  const results = defs.map((def): ClauseResult => {
    const findings: Finding[] = [];
    const coverage: CoverageNote[] = [];
    const errors: CheckError[] = [];
    const addNote = (n: CoverageNote | undefined): void => {
      if (n !== undefined && !coverage.some((c) => c.code === n.code && JSON.stringify(c.data) === JSON.stringify(n.data))) coverage.push(n);
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
        // Bad input met late is the input's failure: the DEX failed, the check did not.
        if (isPledgeError(e) && DEX_ERROR.test(e.code)) {
          addNote(dexFailure(facts, check.meta.id, e, dexReported));
          continue;
        }
        const err: CheckError = { check: check.meta.id, code: 'E_RULE_CRASHED', message: escapeText(e instanceof Error ? e.message : String(e)) };
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
