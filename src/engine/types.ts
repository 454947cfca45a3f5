import type { AppFacts } from '../facts/app-facts.js';
import type { Artifact } from '../facts/types.js';

/** Clause numbers of the pledge, 1–10. */
export type ClauseId = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

/** review: static analysis found evidence a person must judge, or could not decide. */
export type Verdict = 'pass' | 'review' | 'warn' | 'fail';
export type FindingVerdict = Exclude<Verdict, 'pass'>;

/** Severity order, for "worst of" and --fail-on. */
export const VERDICT_RANK: Record<Verdict, number> = { pass: 0, review: 1, warn: 2, fail: 3 };

export function worst(a: Verdict, b: Verdict): Verdict {
  return VERDICT_RANK[a] >= VERDICT_RANK[b] ? a : b;
}

export interface Localized {
  en: string;
  zh: string;
}

export type Lang = keyof Localized;

/** Where a piece of evidence sits, precisely enough for a reviewer to go and look. */
export type Location =
  /** An element or attribute of the manifest: `/manifest/application/@android:debuggable`. */
  | { kind: 'manifest'; entry: string; path: string }
  /** A method in a DEX file, in descriptor form: `Lcom/a/B;->c(I)V`. */
  | { kind: 'dex'; entry: string; method: string; pc?: number }
  /** A resource value: `string/app_name` in a configuration (`default`, `zh-rCN`). */
  | { kind: 'resource'; entry: string; name: string; config?: string }
  /** A file in the APK (asset, native library, XML resource, signature file). */
  | { kind: 'file'; entry: string; offset?: number; line?: number }
  /** A signer of a signing scheme. */
  | { kind: 'signing'; entry: string; scheme: string; signer: number }
  /** A statement about the whole app (usually an absence: "no privacy policy anywhere"). */
  | { kind: 'app' };

/** Who holds the evidence: the app's own code, or a third-party SDK (by catalogue id). */
export type Owner = { kind: 'app' } | { kind: 'sdk'; id: string; name: string } | { kind: 'unknown' };

export interface Evidence {
  location: Location;
  /** What was seen there, for people (app-controlled text is escaped by reporters). */
  detail?: string;
  owner?: Owner;
}

export interface Finding {
  /** Check id, e.g. `c10/debuggable`. */
  check: string;
  clause: ClauseId;
  verdict: FindingVerdict;
  messageId: string;
  message: Localized;
  evidence: Evidence[];
  /** Stable identity: check + primary location, never the message text. */
  fingerprint: string;
  /** Set by config/baseline handling. */
  suppressed?: { reason: string };
  baselined?: boolean;
}

/** A limit of what could be analysed for a clause, stated instead of a silent pass. */
export interface CoverageNote {
  code: string;
  message: Localized;
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
  /** What a person or a dynamic test should check when the verdict is review. */
  manualChecks: Localized[];
  /** Set when a check crashed: the clause could not be fully evaluated. */
  error?: { code: string; message: string };
}

export interface RuleOptions {
  lang: Lang;
  /** Promote the warns CLAUSES.md marks "FAIL under --strict". */
  strict: boolean;
  /** App categories of the 2021 necessary-information rule (canonical Chinese names). */
  categories: string[];
}

export interface ReportInput<M extends string> {
  messageId: M;
  verdict: FindingVerdict;
  evidence: Evidence[];
  /** Placeholder values for the message templates. */
  data?: Record<string, string | number>;
  /** Verdict under --strict, where CLAUSES.md says so. */
  strictVerdict?: FindingVerdict;
}

export interface CheckContext<M extends string> {
  readonly facts: AppFacts;
  readonly options: RuleOptions;
  report(f: ReportInput<M>): void;
}

export interface CheckMeta<M extends string> {
  /** `c<NN>/<slug>`; also the docs page name (docs/rules/<id>.md) and the SARIF rule id. */
  id: string;
  title: Localized;
  /** Verdicts this check can give (listed by `pledge-audit rules`). */
  verdicts: readonly FindingVerdict[];
  /** Artifacts without which the check cannot run; missing ones become coverage notes. */
  needs: readonly Artifact[];
  messages: Record<M, Localized>;
  /** For review verdicts: the manual or dynamic test that decides it. */
  manualCheck?: Localized;
}

export interface Check<M extends string = string> {
  meta: CheckMeta<M>;
  run(ctx: CheckContext<M>): void;
}

export interface ClauseModule {
  clause: ClauseId;
  slug: string;
  title: Localized;
  pledge: string;
  checks: readonly Check[];
  /**
   * Evidence the clause needs to be decided at all: when one is not available the clause cannot
   * pass, and the report says what was not analysed.
   */
  requires: readonly Artifact[];
  /** What static analysis can never decide for this clause (shown with review verdicts). */
  manualChecks?: readonly Localized[];
}

/** Typed helper: rules declare checks with this so that messageIds are checked. */
export function defineCheck<M extends string>(check: Check<M>): Check<M> {
  return check;
}

export function defineClause(module: ClauseModule): ClauseModule {
  return module;
}
