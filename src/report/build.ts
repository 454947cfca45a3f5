import type { ClauseResult, Evidence, Finding, Verdict } from '../engine/types.js';
import { worst } from '../engine/types.js';
import type { AppFacts } from '../facts/app-facts.js';
import type { AppCoverageLimit } from '../engine/run.js';
import type { PledgeError } from '../util/errors.js';
import { basename } from 'node:path';
import { SCHEMA_VERSION, type AuditError, type AuditReport, type ReportOptions, type ToolInfo, type VerdictCounts } from './model.js';
import { sanitizeForJson } from './sanitize.js';

/** App-controlled strings in the report are bounded here, once, for every reporter. */
const MAX_DETAIL = 2000;
const MAX_EVIDENCE_PER_FINDING = 50;

function cleanEvidence(e: Evidence): Evidence {
  const out: Evidence = { ...e };
  if (e.detail !== undefined) out.detail = sanitizeForJson(e.detail, MAX_DETAIL);
  const loc = e.location;
  if (loc.kind === 'manifest') out.location = { ...loc, path: sanitizeForJson(loc.path, MAX_DETAIL) };
  else if (loc.kind === 'dex') out.location = { ...loc, method: sanitizeForJson(loc.method, MAX_DETAIL) };
  else if (loc.kind === 'resource') out.location = { ...loc, name: sanitizeForJson(loc.name, MAX_DETAIL) };
  else if (loc.kind === 'file') out.location = { ...loc, entry: sanitizeForJson(loc.entry, MAX_DETAIL) };
  return out;
}

function cleanFinding(f: Finding): Finding {
  return {
    ...f,
    message: { en: sanitizeForJson(f.message.en, MAX_DETAIL), zh: sanitizeForJson(f.message.zh, MAX_DETAIL) },
    evidence: f.evidence.slice(0, MAX_EVIDENCE_PER_FINDING).map(cleanEvidence),
  };
}

export function countVerdicts(clauses: readonly ClauseResult[]): VerdictCounts {
  const c: VerdictCounts = { pass: 0, review: 0, warn: 0, fail: 0 };
  for (const r of clauses) c[r.verdict]++;
  return c;
}

export function buildReport(facts: AppFacts, clauses: ClauseResult[], limits: readonly AppCoverageLimit[], options: ReportOptions, tool: ToolInfo): AuditReport {
  const m = facts.manifest;
  const verdict = clauses.reduce<Verdict>((v, c) => worst(v, c.verdict), 'pass');
  return {
    schemaVersion: SCHEMA_VERSION,
    tool,
    status: 'ok',
    target: {
      path: sanitizeForJson(facts.input.path, 4096),
      file: sanitizeForJson(facts.input.name, 1024),
      sha256: facts.input.sha256,
      size: facts.input.size,
      kind: facts.input.kind,
      package: sanitizeForJson(m.package, 1024),
      versionCode: m.versionCode,
      versionName: m.versionName === null ? null : sanitizeForJson(m.versionName, 1024),
      label: m.application?.label === undefined ? null : sanitizeForJson(m.application.label.text, 1024),
      minSdk: m.effectiveMinSdk,
      targetSdk: m.effectiveTargetSdk,
    },
    options,
    verdict,
    summary: countVerdicts(clauses),
    clauses: clauses.map((c) => ({ ...c, findings: c.findings.map(cleanFinding) })),
    coverage: { complete: limits.length === 0, notes: limits.map((l) => ({ code: l.code, message: l.message })) },
    diagnostics: facts.diagnostics.list().map((d) => ({ ...d, message: sanitizeForJson(d.message, MAX_DETAIL), ...(d.entry !== undefined ? { entry: sanitizeForJson(d.entry, 1024) } : {}) })),
  };
}

export function buildErrorRecord(path: string, e: PledgeError, tool: ToolInfo): AuditError {
  const error: AuditError['error'] = { code: e.code, message: sanitizeForJson(e.message, MAX_DETAIL) };
  if (e.entry !== undefined) error.entry = sanitizeForJson(e.entry, 1024);
  if (e.offset !== undefined) error.offset = e.offset;
  if (e.hint !== undefined) error.hint = e.hint;
  return { schemaVersion: SCHEMA_VERSION, tool, status: 'error', target: { path: sanitizeForJson(path, 4096), file: sanitizeForJson(basename(path), 1024) }, error };
}
