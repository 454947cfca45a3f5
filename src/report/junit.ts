import type { Lang } from '../model/index.js';
import { counts, verdictLabel } from './checks.js';
import { formatLocation } from './location.js';
import type { AuditError, AuditRecord, AuditReport, ReportFinding as Finding, ClauseReport } from './model.js';
import { cleanText, escapeXml, escapeXmlAttr } from './sanitize.js';
import { JUNIT as T } from '../i18n/catalog.js';

/**
 * JUnit XML in the shape of the Jenkins/Ant junit-10.xsd that CI servers (Jenkins, GitLab,
 * Azure DevOps, GitHub test-report actions) read: one <testsuite> per input, one <testcase> per
 * clause. The mapping, from the clause verdict:
 *
 *   fail, warn  → <failure type="fail"|"warn">: CI has no "warning" state, and a warn is a
 *                 finding the team must fix or suppress with a written reason
 *   review      → <skipped>: static analysis cannot decide; the message says what a person checks
 *   pass        → an empty <testcase>
 *   check crash → <error type="E_RULE_CRASHED">, the findings it has listed in its text
 *   input error → a testsuite with one <testcase name="input"> holding <error type="E_…">
 *
 * Suppressed and baselined findings do not fail a testcase; they are listed in its <system-out>.
 */
export interface JunitOptions {
  lang: Lang;
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

function testcase(r: AuditReport, c: ClauseReport, lang: Lang, indent: string): { xml: string; failed: boolean; errored: boolean; skipped: boolean } {
  const name = `c${String(c.clause).padStart(2, '0')} ${c.title[lang]}`;
  const open = `${indent}<testcase classname="${attr(r.target.package)}" name="${attr(name)}"`;
  const active = c.findings.filter(counts);
  const quiet = c.findings.filter((f) => !counts(f));
  const lines: string[] = [];
  const findingsText = active.slice(0, MAX_FINDINGS_IN_BODY).map((f) => findingLines(f, lang));
  if (active.length > MAX_FINDINGS_IN_BODY) findingsText.push(T[lang].more(active.length - MAX_FINDINGS_IN_BODY));
  const first = active[0];
  let failed = false;
  let errored = false;
  let skipped = false;
  const crashed = c.errors?.[0];
  if (crashed !== undefined) {
    errored = true;
    const messages = (c.errors ?? []).map((e) => `${e.check}: ${e.message}`);
    lines.push(`${indent}  <error type="${attr(crashed.code)}" message="${attr(messages.join('; '))}">${body([...messages, ...findingsText].join('\n'))}</error>`);
  } else if (c.verdict === 'fail' || c.verdict === 'warn') {
    failed = true;
    const n = { fail: active.filter((f) => f.verdict === 'fail').length, warn: active.filter((f) => f.verdict === 'warn').length };
    const summary = `${verdictLabel(c.verdict, lang)}: ${[n.fail > 0 ? `${n.fail} fail` : '', n.warn > 0 ? `${n.warn} warn` : ''].filter((x) => x !== '').join(', ')}${first === undefined ? '' : ` — ${first.message[lang]}`}`;
    lines.push(`${indent}  <failure type="${c.verdict}" message="${attr(summary)}">${body(findingsText.join('\n'))}</failure>`);
  } else if (c.verdict === 'review') {
    skipped = true;
    const manual = c.manualChecks.map((m) => m[lang]);
    const why = c.coverage.map((n) => n.message[lang]);
    const message = `${verdictLabel('review', lang)}: ${manual[0] ?? why[0] ?? first?.message[lang] ?? ''}`;
    const text = [...findingsText, ...why.map((w) => `${T[lang].notAnalysed}: ${w}`), ...manual.map((m) => `${T[lang].manual}: ${m}`)].join('\n');
    lines.push(`${indent}  <skipped message="${attr(message)}">${body(text)}</skipped>`);
  }
  const out: string[] = [];
  for (const f of quiet) out.push(`${f.suppressed !== undefined ? `${T[lang].suppressed} (${cleanText(f.suppressed.reason, { max: 300 })})` : T[lang].baselined}: ${findingLines(f, lang)}`);
  if (c.verdict !== 'review') for (const n of c.coverage) out.push(`${T[lang].notAnalysed}: ${n.message[lang]}`);
  if (out.length > 0) lines.push(`${indent}  <system-out>${body(out.join('\n'))}</system-out>`);
  const xml = lines.length === 0 ? `${open}/>` : `${open}>\n${lines.join('\n')}\n${indent}</testcase>`;
  return { xml, failed, errored, skipped };
}

function property(name: string, value: string | number | null, indent: string): string {
  return `${indent}<property name="${attr(name)}" value="${attr(value === null ? '' : String(value))}"/>`;
}

function reportSuite(r: AuditReport, lang: Lang): { xml: string; tests: number; failures: number; errors: number } {
  const t = r.target;
  const cases = r.clauses.map((c) => testcase(r, c, lang, '    '));
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
  const suites = records.map((r) => (r.status === 'ok' ? reportSuite(r, o.lang) : errorSuite(r)));
  const sum = (k: 'tests' | 'failures' | 'errors') => suites.reduce((n, s) => n + s[k], 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="pledge-audit" tests="${sum('tests')}" failures="${sum('failures')}" errors="${sum('errors')}">`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}
