import type { Verdict } from '../model/index.js';
import type { AuditRecord } from '../report/model.js';
import type { ErrorCode } from '../util/errors.js';
import type { BundleInfo } from './bundle.js';
import type { CandidateKind } from './discover.js';
import { rawBase64, type InputPath } from './paths.js';
import type { Outcome } from './protocol.js';

/** Tool and SDK-catalogue versions: an app stored under both is not audited again. */
export interface Versions {
  tool: string;
  catalogue: string;
}

/**
 * One app of a scan: the row of the store's `apps` table and the line of `--jsonl`. `record` is
 * the single-app report (schema/report.schema.json) when the auditor produced one.
 */
export interface BatchRecord {
  /** SHA-256 of the file; null when the file could not be read. */
  sha256: string | null;
  path: string;
  /** Base64 of the path's bytes, present only when the path is not valid UTF-8. */
  pathBytes?: string;
  size: number | null;
  kind: CandidateKind;
  status: 'ok' | 'error';
  package: string | null;
  versionCode: string | null;
  versionName: string | null;
  label: string | null;
  minSdk: number | null;
  targetSdk: number | null;
  /** Worst clause verdict. */
  verdict: Verdict | null;
  /** Verdict of clauses 1–10 (index 0 is clause 1); null for apps that could not be analysed. */
  clauses: (Verdict | null)[];
  /** Clauses whose checks crashed (E_RULE_CRASHED): the app was analysed, but not completely. */
  clauseErrors: number;
  coverage: { complete: boolean; notes: string[]; dexFailed: number } | null;
  error: { code: string; message: string; entry?: string } | null;
  durationMs: number;
  toolVersion: string;
  catalogueVersion: string;
  bundle: BundleInfo | null;
  /** ISO time the app was written (the store's, not the report's: reports stay timestamp-free). */
  auditedAt: string;
  record: AuditRecord | null;
}

function base(path: InputPath, sha256: string | null, size: number | null, kind: CandidateKind, versions: Versions): Omit<BatchRecord, 'status' | 'error' | 'durationMs' | 'record'> {
  const r: Omit<BatchRecord, 'status' | 'error' | 'durationMs' | 'record'> = {
    sha256,
    path: path.display,
    size,
    kind,
    package: null,
    versionCode: null,
    versionName: null,
    label: null,
    minSdk: null,
    targetSdk: null,
    verdict: null,
    clauses: Array.from({ length: 10 }, () => null),
    clauseErrors: 0,
    coverage: null,
    toolVersion: versions.tool,
    catalogueVersion: versions.catalogue,
    bundle: null,
    auditedAt: new Date().toISOString(),
  };
  const raw = rawBase64(path);
  if (raw !== undefined) r.pathBytes = raw;
  return r;
}

/** An app that never reached a worker (unreadable, a link loop, missing). */
export function unreadRecord(path: InputPath, kind: CandidateKind, code: ErrorCode, message: string, versions: Versions): BatchRecord {
  return { ...base(path, null, null, kind, versions), status: 'error', error: { code, message }, durationMs: 0, record: null };
}

export function outcomeRecord(path: InputPath, sha256: string, size: number, kind: CandidateKind, outcome: Outcome, versions: Versions): BatchRecord {
  const b = base(path, sha256, size, kind, versions);
  if (outcome.kind === 'failed') {
    return { ...b, status: 'error', error: { code: outcome.code, message: outcome.message }, durationMs: outcome.durationMs, record: null };
  }
  const rec = outcome.record;
  const bundle = outcome.bundle ?? null;
  if (rec.status === 'error') {
    const error: BatchRecord['error'] = { code: rec.error.code, message: rec.error.message };
    if (rec.error.entry !== undefined && error !== null) error.entry = rec.error.entry;
    return { ...b, bundle, status: 'error', error, durationMs: outcome.durationMs, record: rec };
  }
  const clauses: (Verdict | null)[] = Array.from({ length: 10 }, () => null);
  for (const c of rec.clauses) clauses[c.clause - 1] = c.verdict;
  return {
    ...b,
    bundle,
    status: 'ok',
    package: rec.target.package,
    versionCode: rec.target.versionCode,
    versionName: rec.target.versionName,
    label: rec.target.label,
    minSdk: rec.target.minSdk,
    targetSdk: rec.target.targetSdk,
    verdict: rec.verdict,
    clauses,
    clauseErrors: rec.clauses.filter((c) => c.errors !== undefined).length,
    coverage: { complete: rec.coverage.complete, notes: rec.coverage.notes.map((n) => n.code), dexFailed: rec.code?.failed.length ?? 0 },
    error: null,
    durationMs: outcome.durationMs,
    record: rec,
  };
}
