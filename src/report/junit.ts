import type { ClauseDefinition as ClauseModule } from '../engine/check.js';
import { VERDICT_RANK, type FindingVerdict, type Lang, type Verdict } from '../model/index.js';
import { counts, verdictLabel, worstVerdict } from './checks.js';
import { formatLocation } from './location.js';
import type { AuditError, AuditRecord, AuditReport, ReportFinding as Finding, ClauseReport } from './model.js';
import { cleanText, escapeXml, escapeXmlAttr } from './sanitize.js';
import { JUNIT as T } from '../i18n/catalog.js';

/**
 * JUnit XML in the shape of the Jenkins/Ant junit-10.xsd that CI servers (Jenkins, GitLab,
 * Azure DevOps, GitHub test-report actions) read: one <testsuite> per input; in it, per clause,
 * one <testcase> named by the clause id (`c02`) and one per check of the clause named by the check
 * id (`c02/pi-before-consent`), classname `<package>.c02`. Names are ids, never translated text,
 * so test history survives a change of --lang. The gate is --fail-on, as for the exit status:
 *
 *   check testcase   <failure type="fail"|"warn"|"review"> when a counted finding of the check is at
 *                    or above --fail-on (the body lists those findings); else <skipped> when its
 *                    worst counted finding is a review (a person must decide); else it passes.
 *                    Findings below --fail-on, suppressed and baselined ones go to <system-out>.
 *   clause testcase  carries what the clause verdict says beyond its checks' findings (a clause
 *                    capped at review because evidence could not be analysed, a clause an APK can
 *                    never settle): <failure> at or above --fail-on, else <skipped> for a review;
 *                    coverage notes in <system-out> otherwise
 *   check crash      <error type="E_RULE_CRASHED"> on the check's testcase
 *   input error      a testsuite with one <testcase name="input"> holding <error type="E_…">
 *
 * So a run that exits 1 has at least one <failure>, and one that exits 0 has none.
 */
export interface JunitOptions {
  lang: Lang;
  /** The gate, as for the exit status (default fail; never: no testcase fails). */
  failOn?: Verdict | 'never';
  /** The clause modules that ran: every check gets a testcase, also when it found nothing. */
  clauses?: readonly ClauseModule[];
}

const MAX_ATTR = 500;
const MAX_BODY = 4000;
const MAX_FINDINGS_IN_BODY = 50;

function attr(s: string, max = MAX_ATTR): string {
  return escapeXmlAttr(cleanText(s, { max }));
}

function body(s: string): string {
  return escapeXml(cleanText(s, { max: MAX_BODY * 4, multiline: true }));
}

function findingLines(f: Finding, lang: Lang): string {
  const first = f.evidence[0];
  const where = first === undefined ? '' : `\n    at ${cleanText(formatLocation(first.location), { max: 500 })}`;
  const more = f.evidence.length > 1 ? ` (+${f.evidence.length - 1})` : '';
  return `[${f.verdict}] ${f.check}: ${cleanText(f.message[lang], { max: 1000 })}${where}${more}`;
}

function listed(fs: readonly Finding[], lang: Lang): string[] {
  const lines = fs.slice(0, MAX_FINDINGS_IN_BODY).map((f) => findingLines(f, lang));
  if (fs.length > MAX_FINDINGS_IN_BODY) lines.push(T[lang].more(fs.length - MAX_FINDINGS_IN_BODY));
  return lines;
}

function quietLine(f: Finding, lang: Lang): string {
  return `${f.suppressed !== undefined ? `${T[lang].suppressed} (${cleanText(f.suppressed.reason, { max: 300 })})` : T[lang].baselined}: ${findingLines(f, lang)}`;
}

function worstOf(fs: readonly Finding[]): FindingVerdict | undefined {
  return fs.length === 0 ? undefined : worstVerdict(fs.map((f) => f.verdict));
}

interface Case {
  xml: string;
  failed: boolean;
  errored: boolean;
  skipped: boolean;
}

function testcase(classname: string, name: string, children: string[], indent: string, state: Omit<Case, 'xml'>): Case {
  const open = `${indent}<testcase classname="${attr(classname)}" name="${attr(name)}"`;
  return { xml: children.length === 0 ? `${open}/>` : `${open}>\n${children.join('\n')}\n${indent}</testcase>`, ...state };
}

function systemOut(lines: readonly string[], indent: string): string[] {
  return lines.length === 0 ? [] : [`${indent}  <system-out>${body(lines.join('\n'))}</system-out>`];
}

function failureSummary(verdict: FindingVerdict, fs: readonly Finding[], lang: Lang): string {
  const first = fs[0];
  return `${verdictLabel(verdict, lang)} (${fs.length})${first === undefined ? '' : ` — ${first.message[lang]}`}`;
}

/** One check of a clause: fails for its counted findings at or above the gate. */
function checkCase(id: string, c: ClauseReport, classname: string, lang: Lang, threshold: number, indent: string): Case {
  const mine = c.findings.filter((f) => f.check === id);
  const active = mine.filter(counts);
  const above = active.filter((f) => VERDICT_RANK[f.verdict] >= threshold);
  const below = active.filter((f) => VERDICT_RANK[f.verdict] < threshold);
  const crashes = (c.errors ?? []).filter((e) => e.check === id);
  const children: string[] = [];
  const state = { failed: false, errored: false, skipped: false };
  const crash = crashes[0];
  if (crash !== undefined) {
    state.errored = true;
    const messages = crashes.map((e) => `${e.check}: ${e.message}`);
    children.push(`${indent}  <error type="${attr(crash.code)}" message="${attr(messages.join('; '))}">${body([...messages, ...listed(active, lang)].join('\n'))}</error>`);
  } else if (above.length > 0) {
    state.failed = true;
    const verdict = worstOf(above) as FindingVerdict;
    children.push(`${indent}  <failure type="${verdict}" message="${attr(failureSummary(verdict, above, lang))}">${body(listed(above, lang).join('\n'))}</failure>`);
  } else if (worstOf(active) === 'review') {
    state.skipped = true;
    children.push(`${indent}  <skipped message="${attr(`${verdictLabel('review', lang)} (${active.length}) — ${active[0]?.message[lang] ?? ''}`)}"/>`);
  }
  const out = [...(state.errored ? [] : listed(below, lang)), ...mine.filter((f) => !counts(f)).map((f) => quietLine(f, lang))];
  children.push(...systemOut(out, indent));
  return testcase(classname, id, children, indent, state);
}

/** The clause itself: what its verdict says beyond the findings of its checks. */
function clauseCase(c: ClauseReport, classname: string, lang: Lang, threshold: number, indent: string): Case {
  const name = `c${String(c.clause).padStart(2, '0')}`;
  const worst = worstOf(c.findings.filter(counts));
  const beyond = c.verdict !== 'pass' && (worst === undefined || VERDICT_RANK[c.verdict] > VERDICT_RANK[worst]);
  const manual = c.manualChecks.map((m) => m[lang]);
  const why = c.coverage.map((n) => n.message[lang]);
  const reasons = [...why.map((w) => `${T[lang].notAnalysed}: ${w}`), ...manual.map((m) => `${T[lang].manual}: ${m}`)];
  const message = `${verdictLabel(c.verdict, lang)}: ${why[0] ?? manual[0] ?? ''}`;
  const state = { failed: false, errored: false, skipped: false };
  const children: string[] = [];
  if (beyond && VERDICT_RANK[c.verdict] >= threshold) {
    state.failed = true;
    children.push(`${indent}  <failure type="${c.verdict}" message="${attr(message)}">${body(reasons.join('\n'))}</failure>`);
  } else if (beyond && c.verdict === 'review') {
    state.skipped = true;
    children.push(`${indent}  <skipped message="${attr(message)}">${body(reasons.join('\n'))}</skipped>`);
  } else children.push(...systemOut(reasons, indent));
  return testcase(classname, name, children, indent, state);
}

/** Check ids of a clause: those of its module, then any that only its findings or crashes name. */
function checkIds(c: ClauseReport, clauses: readonly ClauseModule[] | undefined): string[] {
  const ids = [...(clauses?.find((m) => m.clause === c.clause)?.checks.map((k) => k.meta.id) ?? [])];
  for (const id of [...c.findings.map((f) => f.check), ...(c.errors ?? []).map((e) => e.check)]) if (!ids.includes(id)) ids.push(id);
  return ids;
}

function clauseCases(r: AuditReport, c: ClauseReport, o: JunitOptions, indent: string): Case[] {
  const failOn = o.failOn ?? 'fail';
  const threshold = failOn === 'never' ? Number.POSITIVE_INFINITY : VERDICT_RANK[failOn];
  const classname = `${r.target.package}.c${String(c.clause).padStart(2, '0')}`;
  return [clauseCase(c, classname, o.lang, threshold, indent), ...checkIds(c, o.clauses).map((id) => checkCase(id, c, classname, o.lang, threshold, indent))];
}

function property(name: string, value: string | number | null, indent: string): string {
  return `${indent}<property name="${attr(name)}" value="${attr(value === null ? '' : String(value))}"/>`;
}

function reportSuite(r: AuditReport, o: JunitOptions): { xml: string; tests: number; failures: number; errors: number } {
  const lang = o.lang;
  const t = r.target;
  const cases = r.clauses.flatMap((c) => clauseCases(r, c, o, '    '));
  const failures = cases.filter((c) => c.failed).length;
  const errors = cases.filter((c) => c.errored).length;
  const skipped = cases.filter((c) => c.skipped).length;
  const props = [
    property('file', t.file, '      '),
    property('package', t.package, '      '),
    property('label', t.label, '      '),
    property('versionName', t.versionName, '      '),
    property('versionCode', t.versionCode, '      '),
    property('sha256', t.sha256, '      '),
    property('verdict', r.verdict, '      '),
    property('failOn', o.failOn ?? 'fail', '      '),
    property('tool', `${r.tool.name} ${r.tool.version}`, '      '),
  ];
  const tt = T[lang];
  const notes: string[] = [];
  for (const n of r.coverage.notes) notes.push(`${tt.notAnalysed}: ${n.message[lang]}`);
  const diagCodes = [...new Set(r.diagnostics.map((d) => d.code))];
  if (diagCodes.length > 0) notes.push(`${tt.parserNotes(r.diagnostics.length)}: ${diagCodes.join(', ')}`);
  for (const s of r.suppressions ?? []) if (s.state === 'expired') notes.push(tt.expired(s.check, s.expires ?? '', s.matched));
  for (const d of r.declaredSdks ?? []) if (!d.detected) notes.push(`${tt.declaredAbsent}: ${d.name} (${d.package})`);
  if (r.baseline !== undefined) notes.push(tt.baseline(r.baseline));
  const name = t.label !== null && t.label !== '' ? `${t.package} (${t.label})` : t.package;
  const lines = [
    `  <testsuite name="${attr(name)}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" package="${attr(t.package)}" file="${attr(t.path, 4096)}">`,
    '    <properties>',
    ...props,
    '    </properties>',
    ...cases.map((c) => c.xml),
    ...(notes.length > 0 ? [`    <system-out>${body(notes.join('\n'))}</system-out>`] : []),
    '  </testsuite>',
  ];
  return { xml: lines.join('\n'), tests: cases.length, failures, errors };
}

function errorSuite(e: AuditError): { xml: string; tests: number; failures: number; errors: number } {
  const where = e.error.entry === undefined ? '' : ` (${e.error.entry}${e.error.offset === undefined ? '' : `@0x${e.error.offset.toString(16)}`})`;
  const text = [`${e.error.code}${where}: ${e.error.message}`, ...(e.error.hint === undefined ? [] : [e.error.hint])].join('\n');
  const lines = [
    `  <testsuite name="${attr(e.target.file)}" tests="1" failures="0" errors="1" skipped="0" file="${attr(e.target.path, 4096)}">`,
    `    <testcase classname="${attr(e.target.file)}" name="input">`,
    `      <error type="${attr(e.error.code)}" message="${attr(e.error.message)}">${body(text)}</error>`,
    '    </testcase>',
    '  </testsuite>',
  ];
  return { xml: lines.join('\n'), tests: 1, failures: 0, errors: 1 };
}

export function renderJunit(records: readonly AuditRecord[], o: JunitOptions): string {
  const suites = records.map((r) => (r.status === 'ok' ? reportSuite(r, o) : errorSuite(r)));
  const sum = (k: 'tests' | 'failures' | 'errors') => suites.reduce((n, s) => n + s[k], 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="pledge-audit" tests="${sum('tests')}" failures="${sum('failures')}" errors="${sum('errors')}">`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}
