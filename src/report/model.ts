import type { ClauseResult, CoverageNote, Evidence, Owner, Verdict } from '../engine/types.js';
import type { Diagnostic } from '../util/diagnostics.js';

/** Bumped when a field changes meaning or disappears; additions keep the version. */
export const SCHEMA_VERSION = 1;

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
  consentApis: { api: string; called: boolean; verified: boolean }[];
}

/** Personal-information source APIs found in code, grouped by kind and owner. */
export interface PiEntry {
  kind: string;
  label: { en: string; zh: string };
  owner: Owner;
  sites: number;
  /** Up to five places to look. */
  examples: Evidence[];
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
  clauses: ClauseResult[];
  /** Third-party SDKs (CLAUSES.md §2.4): the inventory clause 9 asks for. */
  sdks: SdkEntry[];
  /** Personal-information API use (CLAUSES.md §2.1), by kind and owner. */
  personalInformation: PiEntry[];
  /** What of the code was analysed; absent for manifest-only inputs. */
  code?: CodeSummary;
  /** App-wide limits of the analysis (packers, dynamic code, hybrid apps…). */
  coverage: { complete: boolean; notes: CoverageNote[] };
  /** Tolerated anomalies of the input (tampering evidence). */
  diagnostics: Diagnostic[];
}

/** An input that could not be analysed: still one record, so that batch output stays aligned. */
export interface AuditError {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: ToolInfo;
  status: 'error';
  target: { path: string; file: string };
  error: { code: string; message: string; entry?: string; offset?: number; hint?: string };
}

export type AuditRecord = AuditReport | AuditError;
