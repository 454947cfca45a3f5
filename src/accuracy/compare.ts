import { locationIdentity } from '../engine/fingerprint.js';
import { ownerKey } from '../model/index.js';
import type { AuditReport, ReportFinding } from '../report/model.js';

/**
 * A hand-verified truth set for one app (test/accuracy/labels/<app>.json) against a report: which
 * labelled findings are still reported, which startup facts found by hand are covered, which
 * fail/warn findings have no label yet. `npm run accuracy` and test/accuracy run this.
 */

/** What identifies a finding across builds: its check, primary place and owner, and what tells it from its siblings there. */
export interface FindingIdentity {
  check: string;
  at: string;
  owner: string;
  /** Data values (or `messageId`) that must be equal, when several findings share check, place and owner. */
  match?: Record<string, unknown>;
}

export interface FindingLabel {
  id: FindingIdentity;
  /** The message when it was labelled, for the reader of the file. */
  message?: string;
  verdict?: string;
  /** true: the finding is true as worded; false: it is not; undecidable: the bytes cannot tell. */
  label: boolean | 'undecidable' | null;
  /** Whether the finding names the right owner (first party, the SDK, the library). */
  ownerCorrect: boolean | null;
  reason: string;
}

/** Something that runs from a startup root, found by walking the smali by hand (up to 7 hops). */
export interface StartupFact {
  kind: 'pi' | 'sdk-start';
  /** PI kind id (pi) or SDK catalogue id (sdk-start). */
  pi?: string;
  sdk?: string;
  /** The API read, or the SDK method called. */
  api: string;
  /** Method key of the method holding the call. */
  at: string;
  owner: string;
  root: string;
  path: string[];
  hops?: string[];
  /** A consent check precedes the call: no before-consent finding may name it. */
  gated: boolean;
  note?: string;
}

export interface LabelFile {
  file: string;
  sha256: string | null;
  package: string;
  verifiedWith: string[];
  startup: StartupFact[];
  findings: FindingLabel[];
}

export interface AppComparison {
  file: string;
  /** Per labelled finding: what happened to it in this report, and its message now (when found). */
  labelled: { label: FindingLabel; found: boolean; message?: string }[];
  /** fail/warn findings of the report no label matches. */
  unlabelled: { check: string; id: FindingIdentity; message: string }[];
  /** Ungated startup facts no before-consent finding covers. */
  missed: StartupFact[];
  covered: StartupFact[];
  /** Gated startup facts that a before-consent finding reports anyway. */
  gatedReported: StartupFact[];
}

const BEFORE_CONSENT = { pi: ['c02/collect-before-consent', 'c02/immutable-identifiers'], 'sdk-start': ['c09/sdk-init-before-consent', 'c09/sdk-code-before-consent', 'c09/auto-init-provider'] } as const;

function primaryAt(f: ReportFinding): string {
  const l = f.evidence[0]?.location;
  return l === undefined ? 'app' : locationIdentity(l);
}

function ownerOf(f: ReportFinding): string {
  return ownerKey(f.evidence[0]?.owner);
}

/** The identity of a finding among the report's findings of its clause. */
export function identityOf(f: ReportFinding, siblings: readonly ReportFinding[]): FindingIdentity {
  const id: FindingIdentity = { check: f.check, at: primaryAt(f), owner: ownerOf(f) };
  const twins = siblings.filter((g) => g !== f && g.check === f.check && primaryAt(g) === id.at && ownerOf(g) === id.owner);
  if (twins.length === 0) return id;
  const match: Record<string, unknown> = {};
  if (twins.some((g) => g.messageId !== f.messageId)) match.messageId = f.messageId;
  for (const [k, v] of Object.entries(f.data)) if (twins.some((g) => JSON.stringify(g.data[k]) !== JSON.stringify(v))) match[k] = v;
  if (Object.keys(match).length === 0) match.messageId = f.messageId;
  id.match = match;
  return id;
}

export function matches(id: FindingIdentity, f: ReportFinding): boolean {
  if (f.check !== id.check || primaryAt(f) !== id.at || ownerOf(f) !== id.owner) return false;
  for (const [k, v] of Object.entries(id.match ?? {})) {
    const actual = k === 'messageId' ? f.messageId : f.data[k];
    if (JSON.stringify(actual) !== JSON.stringify(v)) return false;
  }
  return true;
}

/** Whether a finding places the startup fact: at its call, or on its path. */
function covers(f: ReportFinding, s: StartupFact): boolean {
  if (!(BEFORE_CONSENT[s.kind] as readonly string[]).includes(f.check)) return false;
  // An SDK start is covered by a finding about that SDK, not by another SDK's start in the same
  // method. The fact is "X's code runs before consent from root R": a finding for X and R covers
  // every call into X from R (findings are one per SDK and root).
  if (s.kind === 'sdk-start' && s.sdk !== undefined) {
    if (f.data.sdk !== s.sdk) return false;
    // An SDK's own provider starting it is c09/auto-init-provider's finding, named by the provider.
    if (f.check === 'c09/auto-init-provider') return typeof f.data.name === 'string' && s.root.startsWith(`L${f.data.name.replace(/\./g, '/')};->`);
    const root = typeof f.data.root === 'string' ? f.data.root : undefined;
    if (root !== undefined && s.root.startsWith(`${root}(`)) return true;
  }
  if (s.kind === 'pi' && s.pi !== undefined && Array.isArray(f.data.kinds) && !f.data.kinds.includes(s.pi)) return false;
  return f.evidence.some((e) => (e.location.kind === 'dex' && e.location.method === s.at) || (e.path !== undefined && e.path.includes(s.at) && (s.kind === 'sdk-start' || e.path[e.path.length - 1] === s.at)));
}

export function compare(labels: LabelFile, report: AuditReport): AppComparison {
  const all = report.clauses.flatMap((c) => c.findings);
  const judged = all.filter((f) => f.verdict === 'fail' || f.verdict === 'warn');
  const used = new Set<ReportFinding>();
  // Precision is about fail/warn: a labelled finding now given as review is no longer a claim.
  const labelled = labels.findings.map((label) => {
    const hit = judged.filter((f) => matches(label.id, f));
    for (const h of hit) used.add(h);
    return hit[0] === undefined ? { label, found: false } : { label, found: true, message: hit[0].message.en };
  });
  const unlabelled = judged.filter((f) => !used.has(f)).map((f) => ({ check: f.check, id: identityOf(f, all), message: f.message.en }));
  const missed: StartupFact[] = [];
  const covered: StartupFact[] = [];
  const gatedReported: StartupFact[] = [];
  for (const s of labels.startup) {
    const reported = all.some((f) => covers(f, s));
    if (s.gated) {
      if (reported) gatedReported.push(s);
    } else if (reported) covered.push(s);
    else missed.push(s);
  }
  return { file: labels.file, labelled, unlabelled, missed, covered, gatedReported };
}

export interface CheckScore {
  check: string;
  /** Labelled findings the report still gives. */
  reported: number;
  truePositives: number;
  ownerCorrect: number;
  falsePositives: number;
  undecidable: number;
  /** Labelled true findings that disappeared, and startup facts missed (counted against this check). */
  missed: number;
  precision: number | null;
  ownerPrecision: number | null;
  recall: number | null;
}

export interface AccuracySummary {
  apps: number;
  checks: CheckScore[];
  overall: CheckScore;
  unlabelled: number;
  startup: { facts: number; covered: number; missed: number; gatedReported: number };
}

function score(check: string, reported: number, tp: number, owner: number, fp: number, und: number, missed: number): CheckScore {
  const judged = tp + fp;
  return {
    check,
    reported,
    truePositives: tp,
    ownerCorrect: owner,
    falsePositives: fp,
    undecidable: und,
    missed,
    precision: judged === 0 ? null : tp / judged,
    ownerPrecision: judged === 0 ? null : owner / judged,
    recall: tp + missed === 0 ? null : tp / (tp + missed),
  };
}

export function summarize(results: readonly AppComparison[]): AccuracySummary {
  const by = new Map<string, { reported: number; tp: number; owner: number; fp: number; und: number; missed: number }>();
  const get = (c: string) => {
    let s = by.get(c);
    if (s === undefined) by.set(c, (s = { reported: 0, tp: 0, owner: 0, fp: 0, und: 0, missed: 0 }));
    return s;
  };
  for (const r of results) {
    for (const { label, found } of r.labelled) {
      const s = get(label.id.check);
      if (!found) {
        if (label.label === true) s.missed++;
        continue;
      }
      s.reported++;
      if (label.label === true) {
        s.tp++;
        if (label.ownerCorrect !== false) s.owner++;
      } else if (label.label === false) s.fp++;
      else s.und++;
    }
    for (const m of r.missed) get(BEFORE_CONSENT[m.kind][0]).missed++;
  }
  const checks = [...by.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([c, s]) => score(c, s.reported, s.tp, s.owner, s.fp, s.und, s.missed));
  const t = [...by.values()].reduce((a, s) => ({ reported: a.reported + s.reported, tp: a.tp + s.tp, owner: a.owner + s.owner, fp: a.fp + s.fp, und: a.und + s.und, missed: a.missed + s.missed }), { reported: 0, tp: 0, owner: 0, fp: 0, und: 0, missed: 0 });
  const facts = results.flatMap((r) => [...r.covered, ...r.missed]);
  return {
    apps: results.length,
    checks,
    overall: score('overall', t.reported, t.tp, t.owner, t.fp, t.und, t.missed),
    unlabelled: results.reduce((n, r) => n + r.unlabelled.length, 0),
    startup: { facts: facts.length, covered: results.reduce((n, r) => n + r.covered.length, 0), missed: results.reduce((n, r) => n + r.missed.length, 0), gatedReported: results.reduce((n, r) => n + r.gatedReported.length, 0) },
  };
}

const pct = (x: number | null): string => (x === null ? '-' : `${(100 * x).toFixed(1)}%`);

export function renderSummary(s: AccuracySummary): string {
  const rows = [...s.checks, s.overall].map((c) => [c.check, String(c.reported), String(c.truePositives), String(c.falsePositives), String(c.undecidable), String(c.missed), pct(c.precision), pct(c.ownerPrecision), pct(c.recall)]);
  const head = ['check', 'reported', 'true', 'false', 'undecidable', 'missed', 'precision', 'owner-correct', 'recall'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [
    `truth set: ${s.apps} apps; startup facts found by hand: ${s.startup.facts} (${s.startup.covered} reported, ${s.startup.missed} missed), gated ones reported anyway: ${s.startup.gatedReported}; fail/warn findings without a label: ${s.unlabelled}`,
    '',
    line(head),
    ...rows.map(line),
    '',
  ].join('\n');
}

/**
 * What stands between this build and the truth set, one stable key per problem: a labelled false
 * finding still reported, a true finding with the wrong owner, a true finding lost, a startup fact
 * missed or a gated one reported, a fail/warn finding nobody has labelled. test/accuracy keeps the
 * list of known ones (open.json) as a ratchet: a new key is a regression, a key gone must leave it.
 */
export function openProblems(r: AppComparison): string[] {
  const id = (i: FindingIdentity): string => `${i.check} ${i.at} [${i.owner}]${i.match === undefined ? '' : ` ${JSON.stringify(i.match)}`}`;
  const fact = (s: StartupFact): string => `${s.kind} ${s.pi ?? s.sdk ?? ''} ${s.api} at ${s.at} from ${s.root}`;
  const keys = [
    ...r.labelled.filter((l) => l.found && l.label.label === false).map((l) => `false ${id(l.label.id)}`),
    ...r.labelled.filter((l) => l.found && l.label.label === true && l.label.ownerCorrect === false).map((l) => `owner ${id(l.label.id)}`),
    ...r.labelled.filter((l) => !l.found && l.label.label === true).map((l) => `lost ${id(l.label.id)}`),
    ...r.missed.map((s) => `missed ${fact(s)}`),
    ...r.gatedReported.map((s) => `gated-reported ${fact(s)}`),
    ...r.unlabelled.map((u) => `unlabelled ${id(u.id)}`),
  ];
  return [...new Set(keys)].sort();
}
