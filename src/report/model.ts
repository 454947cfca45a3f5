import type { ClauseResult, CoverageNote, Verdict } from '../engine/types.js';
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
