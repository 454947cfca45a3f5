import type { AppFacts } from '../facts/app-facts.js';
import type { Artifact, ClauseId, Evidence, FindingVerdict, Localized, MessageData } from '../model/index.js';
import type { DeclaredSdk } from './declared-sdks.js';
import type { PolicyText } from '../facts/policy.js';

/** What a check may know besides the app: the audit's options, never the report language. */
export interface RuleOptions {
  /** Promote the warns CLAUSES.md marks "FAIL under --strict". */
  readonly strict: boolean;
  /** App categories of the 2021 necessary-information rule (canonical Chinese names). */
  readonly categories: readonly string[];
  /** The app's declared SDK list (pledge-audit.config.json "sdks"); absent when nothing is declared. */
  readonly declaredSdks?: readonly DeclaredSdk[];
  /** The privacy policy given with --policy; absent: the checks read the policy bundled in the APK. */
  readonly policy?: PolicyText;
}

export interface CheckContext {
  readonly facts: AppFacts;
  readonly options: RuleOptions;
}

/** One finding as a check states it; the engine adds the check id, clause and fingerprint. */
export interface FindingDraft<M extends string = string> {
  messageId: M;
  verdict: FindingVerdict;
  evidence: Evidence[];
  data?: MessageData;
  /** Verdict under --strict, where CLAUSES.md says so. */
  strictVerdict?: FindingVerdict;
  /**
   * What tells this fact apart from the check's other findings at the same primary location (a PI
   * kind, an API): part of the fingerprint, so that two facts never share one identity.
   */
  key?: string;
}

/**
 * The evidence levels of CLAUSES.md §0 a check's findings rest on: declared (manifest, resources,
 * assets), referenced (a call site exists in DEX), reachable (from a startup root before any
 * consent gate), flows (a value reaches a sink).
 */
export type EvidenceLevel = 'declared' | 'referenced' | 'reachable' | 'flows';

export interface CheckMeta {
  /** `c<NN>/<slug>`: the file is rules/c<NN>/<slug>.ts, the docs page docs/rules/c<NN>/<slug>.md. */
  id: string;
  clause: ClauseId;
  title: Localized;
  /** The verdict the check gives when its evidence is what it looks for. */
  defaultVerdict: FindingVerdict;
  /** Every verdict it can give (listed by `pledge-audit rules`); includes defaultVerdict. */
  verdicts: readonly FindingVerdict[];
  evidence: EvidenceLevel;
  /** Artifacts without which the check cannot run; missing ones become coverage notes. */
  needs: readonly Artifact[];
  /** For review verdicts: the manual or dynamic test that decides it. */
  manualCheck?: Localized;
  /** Source of docs/rules/<id>.md. */
  docs: {
    /** Why this is a signal: the regulatory text or platform fact it rests on (CLAUSES.md). */
    basis: Localized;
    /** What the app team should change. */
    fix: Localized;
  };
}

/**
 * A message template per messageId, in both languages. Placeholders are `{name}` (the value as it
 * is; a list is joined) or `{name:kind}`, rendered from the report layer's own tables: `pi`
 * (PI kind ids), `sdk` (SDK ids), `owner` (owner keys), `class`, `method`, `path`, `root`,
 * `category`, `appCategory`, `packer`, `quote` (app text), `term`, `items` (a mixed list of
 * `kind:value` entries) and `reason` (src/report/reasons.ts, filled with the message's own data);
 * src/report/messages.ts renders them.
 */
export type Messages<M extends string> = Record<M, Localized>;

export interface Check<M extends string = string> {
  readonly meta: CheckMeta;
  readonly messages: Messages<M>;
  check(ctx: CheckContext): Iterable<FindingDraft<M>>;
}

/** Declares a check; the messageIds its findings may use are the keys of `messages`. */
export function defineCheck<const M extends string>(def: { meta: CheckMeta; messages: Messages<M>; check(ctx: CheckContext): Iterable<FindingDraft<NoInfer<M>>> }): Check<M> {
  return def;
}

export interface ClauseDefinition {
  clause: ClauseId;
  slug: string;
  title: Localized;
  /** The pledge text of the clause, verbatim (Chinese). */
  pledge: string;
  checks: readonly Check[];
  /**
   * Evidence the clause needs to be decided at all: when one is not available the clause cannot
   * pass, and the report says what was not analysed.
   */
  requires: readonly Artifact[];
  /** What static analysis can never decide for this clause (shown with review verdicts). */
  manualChecks?: readonly Localized[];
  /**
   * For clauses an APK can never settle (prices are computed on servers; prominence is a UI fact):
   * the code of the coverage note (src/report/notes.ts) that says why the clause is review at best.
   */
  neverPasses?: string;
  /**
   * Clauses whose failure keeps this one from passing (clause 1, the umbrella: a compliance system
   * that lets a clause 2, 7 or 10 failure through is not in place).
   */
  passOnlyWithout?: readonly ClauseId[];
}

export function defineClause(def: ClauseDefinition): ClauseDefinition {
  return def;
}
