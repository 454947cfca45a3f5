import { isAbsolute, posix, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ClauseDefinition as ClauseModule } from '../engine/check.js';
import type { FindingVerdict, Lang, Location } from '../model/index.js';
import { checkIndex, docsPath, worstVerdict, type CheckInfo } from './checks.js';
import type { AuditRecord, AuditReport, ReportEvidence as Evidence, ReportFinding as Finding } from './model.js';
import { cleanText } from './sanitize.js';
import { evidenceText } from './location.js';
import { SARIF as T } from '../i18n/catalog.js';

/**
 * SARIF 2.1.0 for code-scanning services (GitHub code scanning, GitLab, Azure DevOps, IDE
 * viewers). One run for all inputs (GitHub rejects several runs of one tool and category in one
 * file), one rule per check, one result per finding, each anchored to the APK file.
 */
export interface SarifOptions {
  lang: Lang;
  /** Clause modules of the audit: their checks become driver.rules. */
  clauses: readonly ClauseModule[];
  /** Directory artifact URIs are made relative to (the working directory of the run). */
  cwd?: string;
  /**
   * Absolute URL under which `docs/rules/<id>.md` can be opened. SARIF requires helpUri to be an
   * absolute URI, so without one helpUri is left out and help names the relative docs path.
   */
  docsBaseUrl?: string;
  /**
   * The analysis category (GitHub code scanning keeps one set of alerts per category):
   * `runs[0].automationDetails.id` is `<category>/`. Default `pledge-audit`.
   */
  category?: string;
}

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** GitHub shows at most the first location, and long lists help nobody in a code-scanning UI. */
export const MAX_LOCATIONS = 10;
/** v2: check, primary place and the fact's identity (owner, PI kind or API…); v1 left the identity out. */
const FINGERPRINT_KEY = 'pledgeAudit/v2';
export const DEFAULT_CATEGORY = 'pledge-audit';
/**
 * GitHub's security-severity (a CVSS-like score: ≥ 7 high, ≥ 4 medium, else low) from the worst
 * verdict a check can give: a fail is a violation or an unambiguous defect, a warn a strong
 * indicator, a review evidence a person must judge.
 */
const SECURITY_SEVERITY: Record<FindingVerdict, string> = { fail: '7.5', warn: '5.0', review: '2.0' };
const MAX_MESSAGE = 2000;
const MAX_DETAIL = 500;

type Level = 'error' | 'warning' | 'note';
const LEVEL: Record<FindingVerdict, Level> = { fail: 'error', warn: 'warning', review: 'note' };

type Json = Record<string, unknown>;


function text(s: string, max = MAX_MESSAGE): string {
  return cleanText(s, { max });
}

/**
 * The input as a URI reference: relative to `cwd` when it lies inside it (what code scanning
 * maps to a repository file), a file: URI when it lies outside, the given relative path otherwise.
 */
export function artifactUri(path: string, cwd?: string): string {
  let p = cleanText(path, { max: 4096 });
  if (cwd !== undefined && isAbsolute(p)) {
    const rel = relative(cwd, p);
    if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) p = rel;
  }
  if (isAbsolute(p)) return pathToFileURL(p).href;
  return posix
    .normalize(p.replace(/\\/g, '/'))
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
}

function logicalLocation(l: Location): Json | undefined {
  switch (l.kind) {
    case 'manifest':
      return { fullyQualifiedName: text(`${l.entry}:${l.path}`), kind: /\/@[^/]+$/.test(l.path) ? 'attribute' : 'element' };
    case 'dex':
      return { fullyQualifiedName: text(l.method), kind: l.method.includes('->') ? 'function' : 'type' };
    case 'resource':
      return { fullyQualifiedName: text(`@${l.name}${l.config !== undefined && l.config !== 'default' ? ` [${l.config}]` : ''}`), kind: 'resource' };
    case 'file':
      return { fullyQualifiedName: text(l.entry), kind: /\.so$/.test(l.entry) ? 'module' : 'resource' };
    case 'signing':
      return { fullyQualifiedName: text(`${l.entry} ${l.scheme} signer #${l.signer + 1}`), kind: 'object' };
    case 'app':
      return undefined;
  }
}

function locationEntry(l: Location): string | undefined {
  return l.kind === 'app' ? undefined : l.entry;
}

function evidenceNote(e: Evidence, lang: Lang): string | undefined {
  const bits: string[] = [];
  const entry = locationEntry(e.location);
  if (e.location.kind === 'dex' && entry !== undefined) bits.push(entry + (e.location.pc !== undefined ? ` @pc 0x${e.location.pc.toString(16)}` : ''));
  if (e.owner?.kind === 'sdk' || e.owner?.kind === 'library') bits.push(`[${e.owner.name}]`);
  const seen = evidenceText(e, lang);
  if (seen !== undefined) bits.push(seen);
  return bits.length === 0 ? undefined : text(bits.join(' '), MAX_DETAIL);
}

/** The URI base of files under the source root (`--source-root`), defined in run.originalUriBaseIds. */
export const SRCROOT = 'SRCROOT';

/** A relative '/'-separated path as a URI reference, each segment percent-encoded. */
function relativeUri(path: string): string {
  return cleanText(path, { max: 4096 })
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
}

/**
 * The physical location of a piece of evidence: its source file and region when the report has
 * one (a file under the source root, or a line of a plain-text manifest input), else the input.
 */
function physicalLocation(artifact: Json, e: Evidence | undefined, otherRoot?: string): Json {
  const s = e?.source;
  if (s === undefined) return { artifactLocation: artifact };
  const inRoot = otherRoot === undefined ? { uri: relativeUri(s.file), uriBaseId: SRCROOT } : { uri: `${rootUri(otherRoot)}${relativeUri(s.file)}` };
  const loc: Json = { artifactLocation: s.base === 'root' ? inRoot : artifact };
  if (s.line !== undefined) loc.region = s.column === undefined ? { startLine: s.line } : { startLine: s.line, startColumn: s.column };
  return loc;
}

function sarifLocation(artifact: Json, e: Evidence | undefined, lang: Lang, otherRoot?: string): Json {
  const loc: Json = { physicalLocation: physicalLocation(artifact, e, otherRoot) };
  if (e === undefined) return loc;
  const logical = logicalLocation(e.location);
  if (logical !== undefined) loc.logicalLocations = [logical];
  const note = evidenceNote(e, lang);
  if (note !== undefined) loc.message = { text: note };
  return loc;
}

function codeFlow(artifact: Json, path: readonly string[], last: Evidence | undefined, otherRoot?: string): Json {
  return {
    threadFlows: [
      {
        // The last step is the evidence itself: it carries the evidence's source place.
        locations: path.map((m, i) => ({
          location: { physicalLocation: physicalLocation(artifact, i === path.length - 1 ? last : undefined, otherRoot), logicalLocations: [{ fullyQualifiedName: text(m), kind: 'function' }], message: { text: text(m) } },
          nestingLevel: i,
          executionOrder: i + 1,
        })),
      },
    ],
  };
}

function pascal(slug: string): string {
  return slug.replace(/(^|[-/])([a-z0-9])/g, (_, _sep: string, ch: string) => ch.toUpperCase());
}

function rule(id: string, info: CheckInfo | undefined, o: SarifOptions): Json {
  const url = o.docsBaseUrl === undefined ? undefined : `${o.docsBaseUrl.replace(/\/+$/, '')}/${docsPath(id)}`;
  if (info === undefined) {
    const r: Json = { id, name: pascal(id.replace(/^c\d\d\//, '')), shortDescription: { text: id }, properties: { tags: ['security', 'privacy', 'android'] } };
    if (url !== undefined) r.helpUri = url;
    return r;
  }
  const m = info.meta;
  const t = T[o.lang];
  const docs = url === undefined ? `${docsPath(id)} (${t.docsShipped})` : url;
  const manual = m.manualCheck?.[o.lang];
  const helpText = [m.docs.basis[o.lang], `${t.fix}: ${m.docs.fix[o.lang]}`, ...(manual === undefined ? [] : [`${t.manual}: ${manual}`]), `${t.docs}: ${docs}`].join('\n\n');
  const helpMarkdown = [
    m.docs.basis[o.lang],
    `**${t.fix}**: ${m.docs.fix[o.lang]}`,
    ...(manual === undefined ? [] : [`**${t.manual}**: ${manual}`]),
    `**${t.docs}**: ${url === undefined ? `\`${docsPath(id)}\` (${t.docsShipped})` : `[${docsPath(id)}](${url})`}`,
  ].join('\n\n');
  const r: Json = {
    id,
    name: pascal(id.replace(/^c\d\d\//, '')),
    shortDescription: { text: m.title[o.lang] },
    fullDescription: { text: `${t.clause(info.clause)}. ${m.docs.basis[o.lang]}` },
    help: { text: helpText, markdown: helpMarkdown },
    defaultConfiguration: { level: LEVEL[worstVerdict(m.verdicts)] },
    properties: {
      tags: ['security', 'privacy', 'android', `pledge/clause-${info.clause}`],
      'security-severity': SECURITY_SEVERITY[worstVerdict(m.verdicts)],
      precision: m.evidence === 'declared' ? 'very-high' : m.evidence === 'referenced' ? 'high' : 'medium',
      clause: info.clause,
      verdicts: [...m.verdicts],
      needs: [...m.needs],
    },
  };
  if (url !== undefined) r.helpUri = url;
  return r;
}

/** `otherRoot`: the report's source root when it is not the run's SRCROOT (its files become file: URIs). */
function result(f: Finding, report: AuditReport, artifact: Json, ruleIndex: number, o: SarifOptions, otherRoot?: string): Json {
  const t = T[o.lang];
  const shown = f.evidence.slice(0, MAX_LOCATIONS);
  const extra = f.evidence.length - shown.length;
  const r: Json = {
    ruleId: f.check,
    ruleIndex,
    level: LEVEL[f.verdict],
    message: { text: text(f.message[o.lang]) + (extra > 0 ? t.more(extra) : '') },
    // A finding without evidence still names the file: code scanning rejects results without a location.
    locations: shown.length === 0 ? [sarifLocation(artifact, undefined, o.lang)] : shown.map((e) => sarifLocation(artifact, e, o.lang, otherRoot)),
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    properties: { clause: f.clause, verdict: f.verdict, messageId: f.messageId, package: text(report.target.package, 1024) },
  };
  const path = f.evidence[0]?.path;
  if (path !== undefined && path.length > 1) r.codeFlows = [codeFlow(artifact, path, f.evidence[0], otherRoot)];
  if (f.suppressed !== undefined) r.suppressions = [{ kind: 'external', status: 'accepted', justification: text(f.suppressed.reason) }];
  if (report.baseline !== undefined) r.baselineState = f.baselined === true ? 'unchanged' : 'new';
  return r;
}

function notification(level: Level, id: string, message: string, artifact: Json | undefined): Json {
  const n: Json = { level, descriptor: { id }, message: { text: text(message) } };
  if (artifact !== undefined) n.locations = [{ physicalLocation: { artifactLocation: artifact } }];
  return n;
}

function reportNotifications(r: AuditReport, artifact: Json, lang: Lang): Json[] {
  const t = T[lang];
  const out: Json[] = [];
  for (const c of r.clauses) for (const e of c.errors ?? []) out.push(notification('error', e.code, t.ruleError(c.clause, `${e.check}: ${e.message}`), artifact));
  for (const n of r.coverage.notes) out.push(notification('warning', n.code, n.message[lang], artifact));
  // Clause coverage notes repeat across clauses (the same artifact is missing for several): one per code.
  const byCode = new Map<string, { clauses: number[]; message: string }>();
  for (const c of r.clauses) {
    for (const n of c.coverage) {
      const g = byCode.get(n.code) ?? { clauses: [], message: n.message[lang] };
      g.clauses.push(c.clause);
      byCode.set(n.code, g);
    }
  }
  for (const [code, g] of byCode) out.push(notification('note', code, t.coverage(g.clauses, g.message), artifact));
  for (const d of r.code?.failed ?? []) out.push(notification('warning', d.code, t.dexFailed(d.entry, d.code, d.message), artifact));
  const diags = new Map<string, { n: number; first: string }>();
  for (const d of r.diagnostics) {
    const g = diags.get(d.code) ?? { n: 0, first: d.entry === undefined ? d.message : `${d.entry}: ${d.message}` };
    g.n++;
    diags.set(d.code, g);
  }
  for (const [code, g] of diags) out.push(notification('warning', code, t.diagnostics(code, g.n, g.first), artifact));
  for (const s of r.suppressions ?? []) {
    if (s.state === 'expired') out.push(notification('warning', 'suppression-expired', t.expired(s.check, s.expires ?? '', s.matched), artifact));
    else if (s.matched === 0) out.push(notification('note', 'suppression-unused', t.unused(s.check), artifact));
  }
  return out;
}

/** A folder as an absolute file: URI ending in `/`, as originalUriBaseIds requires. */
function rootUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}

export function renderSarif(records: readonly AuditRecord[], o: SarifOptions): string {
  const index = checkIndex(o.clauses);
  const ruleIds = [...index.keys()];
  for (const r of records) {
    if (r.status !== 'ok') continue;
    for (const c of r.clauses) for (const f of c.findings) if (!ruleIds.includes(f.check)) ruleIds.push(f.check);
  }
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  // One source root per run: reports of other roots (library use) give their files as file: URIs.
  const roots = [...new Set(records.flatMap((r) => (r.status === 'ok' && r.sourceRoot !== undefined ? [r.sourceRoot] : [])))];
  const artifacts: Json[] = [];
  const results: Json[] = [];
  const notifications: Json[] = [];
  let successful = true;
  for (const r of records) {
    const uri = artifactUri(r.target.path, o.cwd);
    const artifact: Json = { uri, index: artifacts.length };
    if (r.status === 'ok') {
      artifacts.push({ location: { uri }, length: r.target.size, hashes: { 'sha-256': r.target.sha256 }, ...(r.target.kind === 'apk' ? { mimeType: 'application/vnd.android.package-archive' } : {}) });
      const otherRoot = r.sourceRoot !== undefined && r.sourceRoot !== roots[0] ? r.sourceRoot : undefined;
      for (const c of r.clauses) for (const f of c.findings) results.push(result(f, r, artifact, ruleIndex.get(f.check) ?? 0, o, otherRoot));
      notifications.push(...reportNotifications(r, artifact, o.lang));
      if (r.clauses.some((c) => c.errors !== undefined)) successful = false;
    } else {
      artifacts.push({ location: { uri } });
      const where = r.error.entry === undefined ? '' : ` ${r.error.entry}${r.error.offset === undefined ? '' : `@0x${r.error.offset.toString(16)}`}`;
      notifications.push(notification('error', r.error.code, `${r.error.code}${where}: ${r.error.message}`, artifact));
      successful = false;
    }
  }
  const tool = records[0]?.tool ?? { name: 'pledge-audit', version: '0.0.0' };
  const driver: Json = { name: tool.name, version: tool.version, semanticVersion: tool.version, rules: ruleIds.map((id) => rule(id, index.get(id), o)) };
  if (o.docsBaseUrl !== undefined) driver.informationUri = o.docsBaseUrl;
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver },
        automationDetails: { id: `${o.category ?? DEFAULT_CATEGORY}/` },
        ...(roots[0] === undefined ? {} : { originalUriBaseIds: { [SRCROOT]: { uri: rootUri(roots[0]) } } }),
        invocations: [{ executionSuccessful: successful, toolExecutionNotifications: notifications }],
        artifacts,
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
