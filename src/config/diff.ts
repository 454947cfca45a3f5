import { counts, ownerKey, VERDICT_RANK, worst, type Verdict } from '../model/index.js';
import { DIFF_VERSION, type DiffConsentPath, type DiffPi, type DiffSdk, type DiffSide, type ReportDiff } from '../report/diff-model.js';
import type { AuditReport, ReportFinding, ToolInfo } from '../report/model.js';
import { baselineEntry, matchFindings, type BaselineEntry } from './baseline.js';

/** The checks whose evidence is a call path from a startup root taken before the user can agree. */
export const BEFORE_CONSENT_CHECKS: readonly string[] = ['c02/collect-before-consent', 'c09/sdk-init-before-consent', 'c09/sdk-code-before-consent'];

export interface DiffInput {
  report: AuditReport;
  path: string;
  source: DiffSide['source'];
}

function side(i: DiffInput): DiffSide {
  const t = i.report.target;
  return { path: i.path, source: i.source, package: t.package, versionCode: t.versionCode, versionName: t.versionName, label: t.label, sha256: t.sha256 };
}

/** Items of `b` whose key is not among those of `a`, in `b`'s order. */
function minus<T>(b: readonly T[], a: readonly T[], key: (x: T) => string): T[] {
  const have = new Set(a.map(key));
  return b.filter((x) => !have.has(key(x)));
}

function sdks(r: AuditReport): DiffSdk[] {
  return r.sdks.map((s) => ({ id: s.id, name: s.name, vendor: s.vendor, category: s.category, level: s.level }));
}

function pi(r: AuditReport): DiffPi[] {
  return r.personalInformation.map((p) => ({ kind: p.kind, label: p.label, owner: p.owner, sites: p.sites }));
}

const piKey = (p: DiffPi): string => `${ownerKey(p.owner)}\n${p.kind}`;

function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** Every before-consent call path of a report, one per path and API, with the worst verdict that names it. */
export function consentPaths(r: AuditReport): DiffConsentPath[] {
  const byKey = new Map<string, DiffConsentPath>();
  for (const c of r.clauses) {
    for (const f of c.findings) {
      if (!BEFORE_CONSENT_CHECKS.includes(f.check)) continue;
      const sdk = strings(f.data.sdk)[0];
      for (const e of f.evidence) {
        if (e.path === undefined || e.path.length === 0) continue;
        const who = sdk !== undefined ? `sdk:${sdk}` : (strings(f.data.owner)[0] ?? ownerKey(e.owner));
        const p: DiffConsentPath = { check: f.check, verdict: f.verdict, who, kinds: strings(f.data.kinds), ...(e.detail === undefined ? {} : { api: e.detail }), path: [...e.path] };
        const k = consentKey(p);
        const had = byKey.get(k);
        if (had === undefined) byKey.set(k, p);
        else had.verdict = worst(had.verdict, p.verdict) as DiffConsentPath['verdict'];
      }
    }
  }
  return [...byKey.values()];
}

/** What makes a path the same across releases: the check, who, the methods and the API (never a pc or DEX file). */
function consentKey(p: DiffConsentPath): string {
  return `${p.check}\n${p.who}\n${p.path.join('\u0000')}\n${p.api ?? ''}`;
}

/**
 * What changed from `oldIn` to `newIn`. Findings are matched with the baseline's identity: the
 * old app's findings become baseline entries (as --write-baseline would write them, suppressed
 * ones included, since a suppression is no fix), and the new app's findings are matched against
 * them as --baseline matches (matchFindings). Apps with different package names are compared as
 * given: the caller says so.
 */
export function buildDiff(oldIn: DiffInput, newIn: DiffInput, tool: ToolInfo): ReportDiff {
  const o = oldIn.report;
  const n = newIn.report;
  const oldFindings = o.clauses.flatMap((c) => c.findings);
  const newFindings = n.clauses.flatMap((c) => c.findings);
  const source = new Map<BaselineEntry, ReportFinding>();
  const entries = oldFindings.map((f) => {
    const e = baselineEntry(n.target.package, f);
    source.set(e, f);
    return e;
  });
  const used = new Set<BaselineEntry>();
  const marks = matchFindings(newFindings, entries, used);
  const fresh = newFindings.filter((f) => !marks.has(f));
  const fixed = entries.filter((e) => !used.has(e)).map((e) => source.get(e) as ReportFinding);
  const byRank = (a: ReportFinding, b: ReportFinding): number => VERDICT_RANK[b.verdict] - VERDICT_RANK[a.verdict] || a.clause - b.clause || (a.check < b.check ? -1 : a.check > b.check ? 1 : 0);

  const oldSdks = sdks(o);
  const newSdks = sdks(n);
  const oldPi = pi(o);
  const newPi = pi(n);
  const oldPaths = consentPaths(o);
  const newPaths = consentPaths(n);
  const oldVerdicts = new Map(o.clauses.map((c) => [c.clause, c.verdict] as const));
  const clauses = n.clauses
    .filter((c) => oldVerdicts.has(c.clause) && oldVerdicts.get(c.clause) !== c.verdict)
    .map((c) => ({ clause: c.clause, title: c.title, before: oldVerdicts.get(c.clause) as Verdict, after: c.verdict }));

  const diff: ReportDiff = {
    diffVersion: DIFF_VERSION,
    tool,
    old: side(oldIn),
    new: side(newIn),
    changed: false,
    sdks: { added: minus(newSdks, oldSdks, (s) => s.id), removed: minus(oldSdks, newSdks, (s) => s.id) },
    permissions: { added: minus(n.permissions, o.permissions, (p) => p), removed: minus(o.permissions, n.permissions, (p) => p) },
    personalInformation: { added: minus(newPi, oldPi, piKey), removed: minus(oldPi, newPi, piKey) },
    beforeConsent: { added: minus(newPaths, oldPaths, consentKey), removed: minus(oldPaths, newPaths, consentKey) },
    clauses,
    findings: { new: fresh.sort(byRank), fixed: fixed.sort(byRank), unchanged: marks.size },
  };
  diff.changed =
    diff.sdks.added.length + diff.sdks.removed.length + diff.permissions.added.length + diff.permissions.removed.length + diff.personalInformation.added.length + diff.personalInformation.removed.length + diff.beforeConsent.added.length + diff.beforeConsent.removed.length + diff.clauses.length + diff.findings.new.length + diff.findings.fixed.length >
    0;
  return diff;
}

/** New findings that count (not suppressed, not baselined) at or above `failOn`: the same test audit applies to clauses. */
export function failingNewFindings(diff: ReportDiff, failOn: Verdict | 'never'): ReportFinding[] {
  if (failOn === 'never') return [];
  const threshold = VERDICT_RANK[failOn];
  return diff.findings.new.filter((f) => counts(f) && VERDICT_RANK[f.verdict] >= threshold);
}
