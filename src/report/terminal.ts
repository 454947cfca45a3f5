import { Chalk, type ChalkInstance } from 'chalk';
import type { Lang, Verdict } from '../model/index.js';
import { ownerKey } from '../model/index.js';
import { VERDICT_LABEL } from './checks.js';
import { evidenceText, formatLocation, shortPath } from './location.js';
import { listSeparator, ownerLabel, sdkCategoryLabel } from './messages.js';
import { padEndWidth } from './width.js';
import type { AuditError, AuditRecord, AuditReport, ReportFinding as Finding, ClauseReport } from './model.js';
import { sanitizeForTerminal } from './sanitize.js';
import { TERMINAL as T } from '../i18n/catalog.js';

export interface TerminalOptions {
  lang: Lang;
  color: boolean;
  /** Findings shown per clause before "+N more". */
  maxFindings?: number;
  /** Show every finding and its full evidence. */
  verbose?: boolean;
}

const LABEL: Record<Lang, Record<Verdict, string>> = {
  en: { fail: 'FAIL', warn: 'WARN', review: 'REVIEW', pass: 'PASS' },
  zh: { fail: '不通过', warn: '警告', review: '待复核', pass: '通过' },
};
const LABEL_WIDTH = 6;

/** A verdict's colour in the terminal (the audit report and `diff` use the same). */
export function paint(c: ChalkInstance, v: Verdict, text: string): string {
  switch (v) {
    case 'fail':
      return c.red.bold(text);
    case 'warn':
      return c.yellow.bold(text);
    case 'review':
      return c.cyan(text);
    case 'pass':
      return c.green(text);
  }
}


/** `：` after a Chinese label, `: ` after an English one. */
function colon(lang: Lang): string {
  return lang === 'zh' ? '：' : ': ';
}

function s(text: string): string {
  return sanitizeForTerminal(text);
}

function findingLines(c: ChalkInstance, f: Finding, lang: Lang, verbose: boolean): string[] {
  const lines = [`       ${paint(c, f.verdict, f.verdict === 'fail' ? '✖' : f.verdict === 'warn' ? '▲' : '?')} ${c.dim(f.check)}  ${s(f.message[lang])}`];
  const shown = verbose ? f.evidence : f.evidence.slice(0, 1);
  for (const e of shown) {
    const owner = e.owner?.kind === 'sdk' || e.owner?.kind === 'library' ? c.magenta(` [${s(ownerLabel(ownerKey(e.owner), lang))}]`) : '';
    const text = evidenceText(e, lang);
    const detail = text !== undefined && verbose ? c.dim(` — ${s(text)}`) : '';
    lines.push(`         ${c.dim(s(formatLocation(e.location, lang)))}${owner}${detail}`);
    // The call chain from a startup entry point is the evidence a reviewer checks first.
    if (!verbose && e.path !== undefined && e.path.length > 1) lines.push(`         ${c.dim(`${T[lang].via} ${s(shortPath(e.path))}`)}`);
  }
  if (!verbose && f.evidence.length > 1) lines.push(c.dim(`         ${T[lang].moreEvidence(f.evidence.length - 1)}`));
  return lines;
}

function clauseLines(c: ChalkInstance, r: ClauseReport, o: TerminalOptions): string[] {
  const lang = o.lang;
  const num = String(r.clause).padStart(2);
  const label = paint(c, r.verdict, padEndWidth(LABEL[lang][r.verdict], LABEL_WIDTH));
  // English readers also see the pledge's own (Chinese) words; Chinese readers see them once.
  const lines = [`  ${num}  ${label}  ${c.bold(r.title[lang])}`, ...(lang === 'en' ? [`            ${c.dim(r.title.zh)}`] : [])];
  const max = o.verbose === true ? Infinity : (o.maxFindings ?? 3);
  const active = r.findings.filter((f) => f.suppressed === undefined && f.baselined !== true);
  for (const f of active.slice(0, max)) lines.push(...findingLines(c, f, lang, o.verbose === true));
  if (active.length > max) lines.push(c.dim(`       ${T[lang].more(active.length - max)}`));
  if (r.coverage.length > 0) lines.push(`       ${c.cyan('○')} ${c.dim(`${T[lang].notAnalysed}${colon(lang)}${r.coverage.map((n) => n.message[lang]).join(lang === 'zh' ? '；' : '; ')}`)}`);
  for (const e of r.errors ?? []) lines.push(`       ${c.yellow('!')} ${T[lang].ruleError} ${e.code} ${e.check}: ${s(e.message)}`);
  if (r.verdict === 'review') for (const m of r.manualChecks) lines.push(`       ${c.cyan('→')} ${c.dim(`${T[lang].manual}${colon(lang)}${m[lang]}`)}`);
  return lines;
}

function reportLines(c: ChalkInstance, r: AuditReport, o: TerminalOptions): string[] {
  const lang = o.lang;
  const t = r.target;
  const version = t.versionName !== null ? `${s(t.versionName)} ` : '';
  const lines = [
    `${c.bold(s(t.file))}  ${t.label !== null && t.label !== '' ? `${c.bold(s(t.label))} · ` : ''}${s(t.package)} ${version}(versionCode ${t.versionCode ?? '-'}) · minSdk ${t.minSdk} · targetSdk ${t.targetSdk}`,
    c.dim(`  sha256 ${t.sha256}`),
    '',
  ];
  for (const cl of r.clauses) lines.push(...clauseLines(c, cl, o));
  lines.push('');
  const sm = r.summary;
  lines.push(
    `  ${c.bold(T[lang].summary)}${colon(lang)}${(['fail', 'warn', 'review', 'pass'] as const).map((v) => paint(c, v, T[lang].count(sm[v], VERDICT_LABEL[v][lang]))).join(' · ')}`,
  );
  if (r.sdks.length > 0) {
    const names = r.sdks.map((x) => `${s(lang === 'zh' ? (x.name.zh ?? x.name.en) : x.name.en)}${c.dim(`[${sdkCategoryLabel(x.category, lang)}${x.level === 'present' ? '' : `·${T[lang].level[x.level]}`}]`)}`);
    lines.push(`  ${c.bold(T[lang].sdks(r.sdks.length))}${colon(lang)}${names.join(listSeparator(lang))}`);
  }
  if (r.personalInformation.length > 0) {
    const kinds = [...new Set(r.personalInformation.map((p) => p.label[lang]))];
    lines.push(`  ${c.bold(T[lang].pi)}${colon(lang)}${kinds.join(listSeparator(lang))}`);
  }
  const notes: string[] = [];
  for (const n of r.coverage.notes) notes.push(n.message[lang]);
  if (r.diagnostics.length > 0) {
    const codes = [...new Set(r.diagnostics.map((d) => d.code))].join(listSeparator(lang));
    notes.push(`${T[lang].diagnostics(r.diagnostics.length)}${colon(lang)}${codes}`);
  }
  if (notes.length > 0) {
    lines.push(`  ${c.bold(T[lang].notes)}${colon(lang).trim()}`);
    for (const n of notes) lines.push(`   - ${s(n)}`);
  }
  return lines;
}

function errorLines(c: ChalkInstance, e: AuditError, lang: Lang): string[] {
  const where = e.error.entry !== undefined ? ` ${s(e.error.entry)}${e.error.offset !== undefined ? `@0x${e.error.offset.toString(16)}` : ''}` : '';
  const lines = [`${c.bold(s(e.target.file))}  ${c.red(T[lang].error)}: ${e.error.code}${where}: ${s(e.error.message)}`];
  if (e.error.hint !== undefined) lines.push(c.dim(`  ${s(e.error.hint)}`));
  return lines;
}

/** The human report: a per-clause table with the strongest evidence under each clause. */
export function renderTerminal(records: readonly AuditRecord[], o: TerminalOptions): string {
  const c = new Chalk({ level: o.color ? 1 : 0 });
  const blocks = records.map((r) => (r.status === 'ok' ? reportLines(c, r, o) : errorLines(c, r, o.lang)).join('\n'));
  return `${blocks.join('\n\n')}\n`;
}
