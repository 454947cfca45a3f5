import { worst, type AppCoverageLimit, type CoverageNote, type Evidence, type Finding, type Localized, type Verdict } from '../model/index.js';
import type { AppFacts } from '../facts/app-facts.js';
import type { ClauseResult } from '../engine/run.js';
import type { ClauseDefinition } from '../engine/check.js';
import { formatLocalized } from './messages.js';
import { coverageMessage, evidenceNoteMessage } from './notes.js';
import { InternalError, stackOf, type PledgeError } from '../util/errors.js';
import { basename } from 'node:path';
import { SCHEMA_VERSION, type AuditError, type AuditReport, type ClauseReport, type CodeSummary, type PiEntry, type ReportEvidence, type ReportFinding, type ReportNote, type ReportOptions, type SdkEntry, type ToolInfo, type VerdictCounts } from './model.js';
import { piKindInfo } from '../facts/pi-table.js';
import { sanitizeForJson } from './sanitize.js';
import type { SourceLocator } from '../facts/source-map.js';

/** App-controlled strings in the report are bounded here, once, for every reporter. */
const MAX_DETAIL = 2000;
const MAX_EVIDENCE_PER_FINDING = 50;

function cleanEvidence(e: Evidence, sources?: SourceLocator): ReportEvidence {
  const { note, ...rest } = e;
  const out: ReportEvidence = { ...rest };
  const source = sources?.locate(e.location);
  if (source !== undefined) out.source = { ...source, file: sanitizeForJson(source.file, 4096) };
  if (e.detail !== undefined) out.detail = sanitizeForJson(e.detail, MAX_DETAIL);
  if (e.path !== undefined) out.path = e.path.slice(0, 64).map((p) => sanitizeForJson(p, 1024));
  if (note !== undefined) out.note = { ...note, message: sanitizeLocalized(evidenceNoteMessage(note)) };
  const loc = e.location;
  if (loc.kind === 'manifest') out.location = { ...loc, path: sanitizeForJson(loc.path, MAX_DETAIL) };
  else if (loc.kind === 'dex') out.location = { ...loc, method: sanitizeForJson(loc.method, MAX_DETAIL) };
  else if (loc.kind === 'resource') out.location = { ...loc, name: sanitizeForJson(loc.name, MAX_DETAIL) };
  else if (loc.kind === 'file') out.location = { ...loc, entry: sanitizeForJson(loc.entry, MAX_DETAIL) };
  return out;
}

function sanitizeLocalized(m: Localized): Localized {
  return { en: sanitizeForJson(m.en, MAX_DETAIL), zh: sanitizeForJson(m.zh, MAX_DETAIL) };
}

function sanitizeData(data: Record<string, string | number | readonly string[]>): Record<string, string | number | string[]> {
  const out: Record<string, string | number | string[]> = {};
  for (const [k, v] of Object.entries(data)) out[k] = typeof v === 'number' ? v : typeof v === 'string' ? sanitizeForJson(v, MAX_DETAIL) : v.slice(0, 64).map((x) => sanitizeForJson(x, 1024));
  return out;
}

/** Check id → message templates, for rendering findings. */
export type MessageIndex = ReadonlyMap<string, Readonly<Record<string, Localized>>>;

export function messageIndex(defs: readonly ClauseDefinition[]): MessageIndex {
  return new Map(defs.flatMap((d) => d.checks.map((c) => [c.meta.id, c.messages as Readonly<Record<string, Localized>>] as const)));
}

/** A finding with its message rendered in both languages: the only place findings become words. */
export function renderFinding(f: Finding, messages: MessageIndex, sources?: SourceLocator): ReportFinding {
  const data = f.data as Record<string, string | number | readonly string[]>;
  const template = messages.get(f.check)?.[f.messageId];
  if (template === undefined) throw new InternalError(`no message ${f.messageId} in ${f.check}`);
  const message = formatLocalized(template, data);
  const out: ReportFinding = { check: f.check, clause: f.clause, verdict: f.verdict, messageId: f.messageId, data: sanitizeData(data), message: sanitizeLocalized(message), evidence: f.evidence.slice(0, MAX_EVIDENCE_PER_FINDING).map((e) => cleanEvidence(e, sources)), fingerprint: f.fingerprint };
  if (f.suppressed !== undefined) out.suppressed = f.suppressed;
  if (f.baselined !== undefined) out.baselined = f.baselined;
  return out;
}

export function renderNote(n: CoverageNote): ReportNote {
  return { ...n, message: sanitizeLocalized(coverageMessage(n)) };
}

export function renderClause(c: ClauseResult, messages: MessageIndex, debug = false, sources?: SourceLocator): ClauseReport {
  const { errors, ...rest } = c;
  const out: ClauseReport = { ...rest, findings: c.findings.map((f) => renderFinding(f, messages, sources)), coverage: c.coverage.map(renderNote) };
  if (errors !== undefined) out.errors = errors.map((e) => ({ check: e.check, code: e.code, message: sanitizeForJson(e.message, MAX_DETAIL), ...(debug && e.stack !== undefined ? { stack: e.stack } : {}) }));
  return out;
}

export function countVerdicts(clauses: readonly { verdict: Verdict }[]): VerdictCounts {
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
      // verified: the API name is confirmed in the vendor's docs; present: the bundled SDK has it.
      consentApis: f.consentApis.filter((a) => a.role === 'gate').map((a) => ({ api: a.ref, called: a.sites.length > 0, verified: a.verified && a.present, present: a.present })),
    };
  });
}

function piEntries(facts: AppFacts, sources?: SourceLocator): PiEntry[] {
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
      g.examples.push(cleanEvidence({ location: loc, detail: u.api, owner }, sources));
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

/**
 * The report model of one audited app. `sources` (src/facts/source-map.ts) gives evidence its
 * place in source: with --source-root, and always for a plain-text manifest input.
 */
export function buildReport(facts: AppFacts, clauses: ClauseResult[], limits: readonly AppCoverageLimit[], options: ReportOptions, tool: ToolInfo, defs: readonly ClauseDefinition[], debug = false, sources?: SourceLocator, sourceRoot?: string): AuditReport {
  const messages = messageIndex(defs);
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
      ...(facts.bundle === undefined
        ? {}
        : {
            format: facts.bundle.format,
            parts: facts.bundle.parts.map((p) => ({ ...p, name: sanitizeForJson(p.name, 1024), ...(p.split === undefined ? {} : { split: sanitizeForJson(p.split, 1024) }), dex: p.dex.map((d) => sanitizeForJson(d, 1024)), abis: p.abis.map((a) => sanitizeForJson(a, 64)) })),
          }),
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
    clauses: clauses.map((c) => renderClause(c, messages, debug, sources)),
    sdks: buildSdkSection(facts),
    personalInformation: piEntries(facts, sources),
    permissions: [...new Set(m.usesPermissions.map((p) => sanitizeForJson(p.name, 1024)))].sort(),
    ...(codeSummary(facts) === undefined ? {} : { code: codeSummary(facts) as CodeSummary }),
    coverage: { complete: limits.length === 0, notes: limits.map((l) => renderNote(l.data === undefined ? { code: l.code } : { code: l.code, data: l.data })) },
    diagnostics: facts.diagnostics.list().map((d) => ({ ...d, message: sanitizeForJson(d.message, MAX_DETAIL), ...(d.entry !== undefined ? { entry: sanitizeForJson(d.entry, 1024) } : {}) })),
    ...(sourceRoot === undefined ? {} : { sourceRoot: sanitizeForJson(sourceRoot, 4096) }),
  };
}

export function buildErrorRecord(path: string, e: PledgeError, tool: ToolInfo, debug = false): AuditError {
  const error: AuditError['error'] = { code: e.code, message: sanitizeForJson(e.message, MAX_DETAIL) };
  if (e.entry !== undefined) error.entry = sanitizeForJson(e.entry, 1024);
  if (e.offset !== undefined) error.offset = e.offset;
  if (e.hint !== undefined) error.hint = e.hint;
  const stack = debug && e.code === 'E_INTERNAL' ? stackOf(e) : undefined;
  if (stack !== undefined) error.stack = stack;
  return { schemaVersion: SCHEMA_VERSION, tool, status: 'error', target: { path: sanitizeForJson(path, 4096), file: sanitizeForJson(basename(path), 1024) }, error };
}
