import type { ClauseId, Localized, Owner, Verdict } from '../model/index.js';
import type { ReportFinding, ToolInfo } from './model.js';

/** Bumped when a field of the diff changes meaning or disappears; additions keep the version. */
export const DIFF_VERSION = 1;

/** One side of a diff: the app as its report describes it, and what was given. */
export interface DiffSide {
  /** The input as given on the command line. */
  path: string;
  /** An app (APK, bundle, split set) audited now, or a JSON report of this tool read from a file. */
  source: 'app' | 'report';
  package: string;
  versionCode: string | null;
  versionName: string | null;
  label: string | null;
  sha256: string;
}

export interface DiffSdk {
  id: string;
  name: { en: string; zh?: string };
  vendor: { en: string; zh?: string };
  category: string;
  /** present, used or pi (CLAUSES.md §0), in the side it is listed for. */
  level: 'present' | 'used' | 'pi';
}

/** A kind of personal information read by one owner (the report's personalInformation rows). */
export interface DiffPi {
  kind: string;
  label: Localized;
  owner: Owner;
  sites: number;
}

/**
 * One call path from a startup root that reads personal information or starts an SDK before the
 * user can agree (the evidence of c02/collect-before-consent, c09/sdk-init-before-consent and
 * c09/sdk-code-before-consent).
 */
export interface DiffConsentPath {
  check: string;
  verdict: Exclude<Verdict, 'pass'>;
  /** Who reads or who is started: `app`, `sdk:<id>`… (the finding's owner or SDK). */
  who: string;
  /** PI kinds the finding is about, when it is about reads. */
  kinds: string[];
  /** The API read or called at the end of the path, when the evidence names it. */
  api?: string;
  /** Methods from the startup root to the read or the start. */
  path: string[];
}

export interface DiffClause {
  clause: ClauseId;
  title: Localized;
  before: Verdict;
  after: Verdict;
}

export interface ReportDiff {
  diffVersion: typeof DIFF_VERSION;
  tool: ToolInfo;
  old: DiffSide;
  new: DiffSide;
  /** Anything at all changed in the sections below. */
  changed: boolean;
  sdks: { added: DiffSdk[]; removed: DiffSdk[] };
  permissions: { added: string[]; removed: string[] };
  personalInformation: { added: DiffPi[]; removed: DiffPi[] };
  beforeConsent: { added: DiffConsentPath[]; removed: DiffConsentPath[] };
  /** Clauses whose verdict changed. */
  clauses: DiffClause[];
  /**
   * Findings matched by the baseline's identity (src/config/baseline.ts matchFindings): new ones
   * are in the new app only, fixed ones in the old app only; unchanged is how many are in both.
   */
  findings: { new: ReportFinding[]; fixed: ReportFinding[]; unchanged: number };
}
