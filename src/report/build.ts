import type { ClauseResult, Evidence, Finding, Verdict } from '../engine/types.js';
import { worst } from '../engine/types.js';
import type { AppFacts } from '../facts/app-facts.js';
import type { AppCoverageLimit } from '../engine/run.js';
import type { PledgeError } from '../util/errors.js';
import { basename } from 'node:path';
import { SCHEMA_VERSION, type AuditError, type AuditReport, type CodeSummary, type PiEntry, type ReportOptions, type SdkEntry, type ToolInfo, type VerdictCounts } from './model.js';
import { piKindInfo } from '../facts/pi-table.js';
import { sanitizeForJson } from './sanitize.js';

/** App-controlled strings in the report are bounded here, once, for every reporter. */
const MAX_DETAIL = 2000;
const MAX_EVIDENCE_PER_FINDING = 50;

function cleanEvidence(e: Evidence): Evidence {
  const out: Evidence = { ...e };
  if (e.detail !== undefined) out.detail = sanitizeForJson(e.detail, MAX_DETAIL);
  if (e.path !== undefined) out.path = e.path.slice(0, 64).map((p) => sanitizeForJson(p, 1024));
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

export function buildSdkSection(facts: AppFacts): SdkEntry[] {
  return facts.sdks.map((f) => {
    const d = f.detection.evidence;
    return {
      id: f.record.id,
      name: f.record.name,
      vendor: f.record.vendor,
      category: f.record.category,
      level: f.piKinds.length > 0 ? 'pi' : f.used ? 'used' : 'present',
      foundBy: [...f.detection.foundBy],
      obfuscated: f.detection.obfuscated,
      classes: d.classes,
      components: d.components.slice(0, 20),
      nativeLibs: d.nativeLibs.slice(0, 20),
      assets: d.assets.slice(0, 20),
      metaDataKeys: d.metaDataKeys.slice(0, 20),
      piKinds: f.piKinds,
      consentApis: f.consentApis.filter((a) => a.role === 'gate').map((a) => ({ api: a.ref, called: a.sites.length > 0, verified: a.verified })),
    };
  });
}

function piEntries(facts: AppFacts): PiEntry[] {
  const groups = new Map<string, PiEntry>();
  for (const u of facts.apiUses) {
    const owner = u.owner;
    const key = `${u.kind}|${owner.kind === 'sdk' ? owner.id : owner.kind === 'library' ? `library:${owner.name}` : owner.kind}`;
    let g = groups.get(key);
    if (g === undefined) {
      const info = piKindInfo(u.kind);
      g = { kind: u.kind, label: { en: info?.en ?? u.kind, zh: info?.zh ?? u.kind }, owner, sites: 0, examples: [] };
      groups.set(key, g);
    }
    g.sites++;
    if (g.examples.length < 5) {
      const loc = u.pc === undefined ? { kind: 'dex' as const, entry: u.entry, method: u.caller } : { kind: 'dex' as const, entry: u.entry, method: u.caller, pc: u.pc };
      g.examples.push(cleanEvidence({ location: loc, detail: u.api, owner }));
    }
  }
  return [...groups.values()].sort((a, b) => (a.kind === b.kind ? (JSON.stringify(a.owner) < JSON.stringify(b.owner) ? -1 : 1) : a.kind < b.kind ? -1 : 1));
}

function codeSummary(facts: AppFacts): CodeSummary | undefined {
  const code = facts.code;
  if (code === undefined) return undefined;
  const st = code.stats;
  return { dexFiles: st.dexFiles, classes: st.classes, methods: st.methods, failed: code.failed.map((f) => ({ entry: f.entry, code: f.error.code, message: sanitizeForJson(f.error.message, MAX_DETAIL) })) };
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
    sdks: buildSdkSection(facts),
    personalInformation: piEntries(facts),
    ...(codeSummary(facts) === undefined ? {} : { code: codeSummary(facts) as CodeSummary }),
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
