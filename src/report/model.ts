import type { ClauseResult } from '../engine/run.js';
import type { CoverageNote, Evidence, Finding, Localized, MessageRef, Owner, SourceRef, Verdict } from '../model/index.js';
import type { Diagnostic } from '../util/diagnostics.js';

/** Bumped when a field changes meaning or disappears; additions keep the version. */
export const SCHEMA_VERSION = 1;

/** Evidence as reported: its note rendered in both languages. */
export interface ReportEvidence extends Omit<Evidence, 'note'> {
  note?: MessageRef & { message: Localized };
  /**
   * The place in source, when there is one: a file under `AuditReport.sourceRoot` (--source-root)
   * or, for a plain-text manifest input, a line and column of the input itself.
   */
  source?: SourceRef;
}

/** A finding as reported: the language-neutral finding and its message rendered in both languages. */
export interface ReportFinding extends Omit<Finding, 'evidence'> {
  message: Localized;
  evidence: ReportEvidence[];
}

export interface ReportNote extends CoverageNote {
  message: Localized;
}

/** A check that crashed, as reported (no stack: that is for --debug). */
export interface ReportCheckError {
  check: string;
  code: string;
  message: string;
  /** Only with --debug. */
  stack?: string;
}

/** One clause of the report: ClauseResult with its text rendered. */
export interface ClauseReport extends Omit<ClauseResult, 'findings' | 'coverage' | 'errors'> {
  findings: ReportFinding[];
  coverage: ReportNote[];
  errors?: ReportCheckError[];
}

export interface ToolInfo {
  name: 'pledge-audit';
  version: string;
}

export interface TargetInfo {
  /** The input path as given on the command line. */
  path: string;
  /** Base name of the input. */
  file: string;
  sha256: string;
  size: number;
  kind: 'apk' | 'binary-manifest' | 'text-manifest';
  /** An app in several pieces (.aab, .apks, .xapk, split APKs given together). */
  format?: 'aab' | 'apks' | 'xapk' | 'split-apks';
  /** Its modules or split APKs, base first. */
  parts?: { name: string; split?: string; kind: 'base' | 'feature' | 'config' | 'asset-pack'; entries: number; dex: string[]; abis: string[] }[];
  package: string;
  versionCode: string | null;
  versionName: string | null;
  /** The application label, resolved through resources.arsc (default configuration) when it is a reference. */
  label: string | null;
  minSdk: number;
  targetSdk: number;
}

export interface ReportOptions {
  lang: 'en' | 'zh';
  strict: boolean;
  categories: string[];
}

export interface VerdictCounts {
  pass: number;
  review: number;
  warn: number;
  fail: number;
}

/** One SDK of the app, with the evidence levels of CLAUSES.md §0. */
export interface SdkEntry {
  id: string;
  name: { en: string; zh?: string };
  vendor: { en: string; zh?: string };
  category: string;
  /** present: bundled; used: first-party code calls it; pi: it calls PI APIs itself. */
  level: 'present' | 'used' | 'pi';
  foundBy: string[];
  /** Found without any class under its packages (renamed code). */
  obfuscated: boolean;
  classes: number;
  components: string[];
  nativeLibs: string[];
  assets: string[];
  metaDataKeys: string[];
  /** PI kinds its own code reads. */
  piKinds: string[];
  /** Compliance (consent-gate) APIs of the vendor, and whether the app calls them. */
  /** Compliance (consent) APIs of the vendor: whether the bundled SDK has each (present), calls it, and whether the name is confirmed in vendor docs. */
  consentApis: { api: string; called: boolean; verified: boolean; present: boolean }[];
}

/** Personal-information source APIs found in code, grouped by kind and owner. */
export interface PiEntry {
  kind: string;
  label: { en: string; zh: string };
  owner: Owner;
  sites: number;
  /** Up to five places to look. */
  examples: ReportEvidence[];
}

export interface CodeSummary {
  dexFiles: number;
  classes: number;
  methods: number;
  /** DEX entries that could not be analysed (the others were). */
  failed: { entry: string; code: string; message: string }[];
}

export interface AuditReport {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: ToolInfo;
  status: 'ok';
  target: TargetInfo;
  options: ReportOptions;
  /** Worst clause verdict. */
  verdict: Verdict;
  /** Clauses per verdict. */
  summary: VerdictCounts;
  clauses: ClauseReport[];
  /** Third-party SDKs (CLAUSES.md §2.4): the inventory clause 9 asks for. */
  sdks: SdkEntry[];
  /** Personal-information API use (CLAUSES.md §2.1), by kind and owner. */
  personalInformation: PiEntry[];
  /** Permissions the app requests (uses-permission, merged over modules and splits), sorted. */
  permissions: string[];
  /** What of the code was analysed; absent for manifest-only inputs. */
  code?: CodeSummary;
  /** App-wide limits of the analysis (packers, dynamic code, hybrid apps…). */
  coverage: { complete: boolean; notes: ReportNote[] };
  /** Tolerated anomalies of the input (tampering evidence). */
  diagnostics: Diagnostic[];
  /** The declared SDK list of the config, each entry with whether the audit found it (src/config). */
  declaredSdks?: DeclaredSdkStatus[];
  /** Every suppression of the config and what it did in this report (src/config). */
  suppressions?: SuppressionStatus[];
  /** Set when a baseline was applied (src/config/baseline.ts). */
  baseline?: BaselineSummary;
  /** The absolute source root (--source-root) that evidence `source.file` paths are relative to. */
  sourceRoot?: string;
}

/**
 * One entry of the app's declared SDK list (the privacy policy's 第三方SDK目录). Declared but not
 * detected is information, not a verdict: the SDK may be gone, loaded at runtime, or unknown to
 * the catalogue.
 */
export interface DeclaredSdkStatus {
  name: string;
  /** Dotted package prefix. */
  package: string;
  detected: boolean;
  /** Catalogue ids of the detected SDKs this entry covers. */
  matches: string[];
}

export interface SuppressionStatus {
  check: string;
  location?: string;
  reason: string;
  /** YYYY-MM-DD: the last day the suppression works. */
  expires?: string;
  /** expired: past its date, it hides nothing and the findings it matches count again. */
  state: 'active' | 'expired';
  /** Findings it matches in this report. */
  matched: number;
}

export interface BaselineSummary {
  /** Findings also in the baseline: shown, not counted. */
  baselined: number;
  /** Findings not in the baseline (suppressed ones aside): they count. */
  new: number;
  /** Baseline entries of this app that no finding matches any more. */
  absent: number;
}

/** An input that could not be analysed: still one record, so that batch output stays aligned. */
export interface AuditError {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: ToolInfo;
  status: 'error';
  target: { path: string; file: string };
  error: { code: string; message: string; entry?: string; offset?: number; hint?: string; /** Only with --debug, for E_INTERNAL. */ stack?: string };
}

export type AuditRecord = AuditReport | AuditError;
