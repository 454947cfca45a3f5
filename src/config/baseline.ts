import { locationIdentity } from '../engine/fingerprint.js';
import type { ReportFinding as Finding } from '../report/model.js';
import { formatLocation } from '../report/location.js';
import type { AuditRecord, AuditReport, ToolInfo } from '../report/model.js';
import { ConfigError, readJsonFile, parseJsonFile } from './config.js';
import { recomputeVerdicts } from './verdicts.js';
import type { ClauseDefinition } from '../engine/check.js';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  /** Finding fingerprint (src/engine/fingerprint.ts): check + primary location identity + messageId. */
  fingerprint: string;
  /** App package: a baseline can cover several apps, and one app's findings never excuse another's. */
  package: string;
  check: string;
  messageId: string;
  /** locationIdentity() of the primary evidence: the fallback match when evidence was reordered. */
  identity: string;
  /** For people reading the file in a review; matching ignores them. */
  message: string;
  location: string;
}

export interface Baseline {
  baselineVersion: typeof BASELINE_VERSION;
  /** The version that wrote the file, for people; matching ignores it. */
  tool: ToolInfo;
  findings: BaselineEntry[];
}

/**
 * Today's findings as a baseline. Suppressed findings are left out: when their suppression
 * expires they must count again, not hide behind the baseline. No timestamp, sorted: writing a
 * baseline for an unchanged app gives the same bytes.
 */
export function buildBaseline(records: readonly AuditRecord[]): Baseline {
  const findings: BaselineEntry[] = [];
  let tool: ToolInfo | undefined;
  for (const r of records) {
    tool ??= r.tool;
    if (r.status !== 'ok') continue;
    for (const c of r.clauses) for (const f of c.findings) if (f.suppressed === undefined) findings.push(baselineEntry(r.target.package, f));
  }
  findings.sort((a, b) => (a.package !== b.package ? (a.package < b.package ? -1 : 1) : a.check !== b.check ? (a.check < b.check ? -1 : 1) : a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
  return { baselineVersion: BASELINE_VERSION, tool: tool ?? { name: 'pledge-audit', version: '0.0.0' }, findings };
}

/** One finding of app `pkg` as a baseline entry (also what `diff` matches the old app's findings as). */
export function baselineEntry(pkg: string, f: Finding): BaselineEntry {
  const first = f.evidence[0];
  return {
    fingerprint: f.fingerprint,
    package: pkg,
    check: f.check,
    messageId: f.messageId,
    identity: locationIdentity(first?.location ?? { kind: 'app' }),
    message: f.message.en,
    location: first === undefined ? '' : formatLocation(first.location),
  };
}

/** The text of the baseline file for `records` (the CLI writes it with writeOutput). */
export function writeBaseline(records: readonly AuditRecord[]): string {
  return `${JSON.stringify(buildBaseline(records), null, 2)}\n`;
}

export function parseBaseline(value: unknown, file: string): Baseline {
  const fail = (path: string, problem: string): never => {
    throw new ConfigError(file, path, problem, 'write a fresh baseline with --write-baseline');
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('$', 'a baseline must be a JSON object');
  const o = value as Record<string, unknown>;
  if (o.baselineVersion !== BASELINE_VERSION) fail('$.baselineVersion', `unsupported baseline version ${JSON.stringify(o.baselineVersion)} (this pledge-audit reads ${BASELINE_VERSION})`);
  const tool = o.tool as Record<string, unknown> | undefined;
  if (typeof tool !== 'object' || tool === null || typeof tool.version !== 'string') fail('$.tool', 'must be {"name": "pledge-audit", "version": …}');
  if (!Array.isArray(o.findings)) return fail('$.findings', 'must be an array');
  const findings = o.findings.map((e: unknown, i): BaselineEntry => {
    const path = `$.findings[${i}]`;
    if (typeof e !== 'object' || e === null) return fail(path, 'must be an object');
    const x = e as Record<string, unknown>;
    if (typeof x.fingerprint !== 'string' || !/^[0-9a-f]{32}$/.test(x.fingerprint)) fail(`${path}.fingerprint`, 'must be 32 lowercase hex digits');
    if (typeof x.package !== 'string') fail(`${path}.package`, 'must be a string');
    for (const k of ['check', 'messageId', 'identity'] as const) if (typeof x[k] !== 'string') fail(`${path}.${k}`, 'must be a string');
    return {
      fingerprint: x.fingerprint as string,
      package: x.package as string,
      check: x.check as string,
      messageId: x.messageId as string,
      identity: x.identity as string,
      message: typeof x.message === 'string' ? x.message : '',
      location: typeof x.location === 'string' ? x.location : '',
    };
  });
  return { baselineVersion: BASELINE_VERSION, tool: { name: 'pledge-audit', version: String((tool as Record<string, unknown>).version) }, findings };
}

export function parseBaselineText(text: string, file: string): Baseline {
  return parseBaseline(parseJsonFile(text, file), file);
}

export function readBaseline(path: string): Baseline {
  return parseBaseline(readJsonFile(path), path);
}

function push(m: Map<string, BaselineEntry[]>, k: string, e: BaselineEntry): void {
  const list = m.get(k);
  if (list === undefined) m.set(k, [e]);
  else list.push(e);
}

function take(list: BaselineEntry[] | undefined, used: Set<BaselineEntry>, ok: (e: BaselineEntry) => boolean = () => true): BaselineEntry | undefined {
  const e = list?.find((x) => !used.has(x) && ok(x));
  if (e !== undefined) used.add(e);
  return e;
}

/**
 * The baseline identity of findings: which of `findings` (one app's) are the same finding as
 * which of `entries` (that app's baseline entries). Entries already in `used` are skipped, and
 * entries matched here are added to it. Matching is by fingerprint, as a multiset (two identical
 * findings need two entries). Findings that gather several places (an app-wide summary, the
 * first site of each kind) list them in DEX scan order, so a rebuild that moves classes between
 * DEX files can put another place first, or pick another first site, and change the fingerprint
 * of the same finding. Second pass: same check and message, and the baselined primary place is
 * still among its evidence. Third pass: the one remaining finding of that check and message
 * against the one remaining entry. Findings with a single place never get there: for them a new
 * fingerprint is a new place. `pledge-audit diff` matches an old release's findings the same way.
 */
export function matchFindings(findings: readonly Finding[], entries: readonly BaselineEntry[], used: Set<BaselineEntry> = new Set()): Map<Finding, BaselineEntry> {
  const exact = new Map<string, BaselineEntry[]>();
  const byCheck = new Map<string, BaselineEntry[]>();
  for (const e of entries) {
    push(exact, e.fingerprint, e);
    push(byCheck, e.check, e);
  }
  const marks = new Map<Finding, BaselineEntry>();
  const mark = (f: Finding, e: BaselineEntry | undefined): void => {
    if (e !== undefined) marks.set(f, e);
  };
  for (const f of findings) mark(f, take(exact.get(f.fingerprint), used));
  const multi = findings.filter((f) => f.evidence.length > 1);
  for (const f of multi) {
    if (marks.has(f)) continue;
    const places = new Set(f.evidence.map((e) => locationIdentity(e.location)));
    mark(f, take(byCheck.get(f.check), used, (e) => e.messageId === f.messageId && places.has(e.identity)));
  }
  for (const f of multi) {
    if (marks.has(f)) continue;
    const rivals = multi.filter((g) => !marks.has(g) && g.check === f.check && g.messageId === f.messageId);
    const left = (byCheck.get(f.check) ?? []).filter((e) => !used.has(e) && e.messageId === f.messageId);
    if (rivals.length === 1 && left.length === 1) mark(f, take(left, used));
  }
  return marks;
}

function applyToReport(r: AuditReport, entries: readonly BaselineEntry[], used: Set<BaselineEntry>, defs: readonly ClauseDefinition[]): AuditReport {
  // A suppressed finding needs no baseline entry, and must not use up one meant for another.
  const open = r.clauses.flatMap((c) => c.findings).filter((f) => f.suppressed === undefined);
  const marks = matchFindings(open, entries, used);
  let baselined = 0;
  let fresh = 0;
  const clauses = r.clauses.map((c) => ({
    ...c,
    findings: c.findings.map((f) => {
      const { baselined: _old, ...rest } = f;
      if (marks.has(f)) {
        baselined++;
        return { ...rest, baselined: true };
      }
      if (f.suppressed === undefined) fresh++;
      return rest;
    }),
  }));
  return recomputeVerdicts({ ...r, clauses, baseline: { baselined, new: fresh, absent: 0 } }, defs);
}

/**
 * Marks findings that are in the baseline as baselined (shown, not counted), so that --fail-on
 * sees only new ones. Matching is per app package, by fingerprint, as a multiset (two identical
 * findings need two entries); a finding with several places whose fingerprint changed because
 * its places were reordered matches on check and message (see matchFindings).
 * Entries no finding uses any more are counted as absent (fixed).
 */
export function applyBaseline(records: readonly AuditRecord[], baseline: Baseline, defs: readonly ClauseDefinition[]): AuditRecord[] {
  const byPackage = new Map<string, BaselineEntry[]>();
  for (const e of baseline.findings) push(byPackage, e.package, e);
  const used = new Set<BaselineEntry>();
  const out = records.map((r) => (r.status === 'ok' ? applyToReport(r, byPackage.get(r.target.package) ?? [], used, defs) : r));
  return out.map((r) => {
    if (r.status !== 'ok' || r.baseline === undefined) return r;
    const absent = baseline.findings.filter((e) => e.package === r.target.package && !used.has(e)).length;
    return { ...r, baseline: { ...r.baseline, absent } };
  });
}
