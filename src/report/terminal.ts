import { Chalk, type ChalkInstance } from 'chalk';
import type { Lang, Verdict } from '../model/index.js';
import { evidenceText, formatLocation, shortPath } from './location.js';
import type { AuditError, AuditRecord, AuditReport, ReportFinding as Finding, ClauseReport } from './model.js';
import { sanitizeForTerminal } from './sanitize.js';

export interface TerminalOptions {
  lang: Lang;
  color: boolean;
  /** Findings shown per clause before "+N more". */
  maxFindings?: number;
  /** Show every finding and its full evidence. */
  verbose?: boolean;
}

const LABEL: Record<Verdict, string> = { fail: 'FAIL', warn: 'WARN', review: 'REVIEW', pass: 'PASS' };

function paint(c: ChalkInstance, v: Verdict, text: string): string {
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

const T = {
  en: {
    evidence: 'evidence',
    more: (n: number) => `+${n} more finding${n === 1 ? '' : 's'} (--verbose or --format json shows all)`,
    notAnalysed: 'not analysed',
    manual: 'check by hand',
    summary: 'Summary',
    notes: 'Notes',
    via: 'via',
    diagnostics: (n: number) => `${n} parser note${n === 1 ? '' : 's'} (anomalies Android tolerates; often evidence of packing or tampering)`,
    error: 'could not be analysed',
    ruleError: 'check error',
  },
  zh: {
    evidence: '证据',
    more: (n: number) => `另有 ${n} 项发现（使用 --verbose 或 --format json 查看全部）`,
    notAnalysed: '未分析',
    manual: '人工核查',
    summary: '汇总',
    notes: '说明',
    via: '路径',
    diagnostics: (n: number) => `${n} 条解析提示（Android 可容忍的异常，常见于加固或篡改）`,
    error: '无法分析',
    ruleError: '检查出错',
  },
} as const;

function s(text: string): string {
  return sanitizeForTerminal(text);
}

function findingLines(c: ChalkInstance, f: Finding, lang: Lang, verbose: boolean): string[] {
  const lines = [`       ${paint(c, f.verdict, f.verdict === 'fail' ? '✖' : f.verdict === 'warn' ? '▲' : '?')} ${c.dim(f.check)}  ${s(f.message[lang])}`];
  const shown = verbose ? f.evidence : f.evidence.slice(0, 1);
  for (const e of shown) {
    const owner = e.owner?.kind === 'sdk' || e.owner?.kind === 'library' ? c.magenta(` [${s(e.owner.name)}]`) : '';
    const text = evidenceText(e, lang);
    const detail = text !== undefined && verbose ? c.dim(` — ${s(text)}`) : '';
    lines.push(`         ${c.dim(s(formatLocation(e.location)))}${owner}${detail}`);
    // The call chain from a startup entry point is the evidence a reviewer checks first.
    if (!verbose && e.path !== undefined && e.path.length > 1) lines.push(`         ${c.dim(`${T[lang].via} ${s(shortPath(e.path))}`)}`);
  }
  if (!verbose && f.evidence.length > 1) lines.push(c.dim(`         … ${f.evidence.length - 1} more`));
  return lines;
}

function clauseLines(c: ChalkInstance, r: ClauseReport, o: TerminalOptions): string[] {
  const lang = o.lang;
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  const num = String(r.clause).padStart(2);
  const label = paint(c, r.verdict, LABEL[r.verdict].padEnd(6));
  const lines = [`  ${num}  ${label}  ${c.bold(r.title[lang])}`, `            ${c.dim(r.title[other])}`];
  const max = o.verbose === true ? Infinity : (o.maxFindings ?? 3);
  const active = r.findings.filter((f) => f.suppressed === undefined && f.baselined !== true);
  for (const f of active.slice(0, max)) lines.push(...findingLines(c, f, lang, o.verbose === true));
  if (active.length > max) lines.push(c.dim(`       ${T[lang].more(active.length - max)}`));
  if (r.coverage.length > 0) lines.push(`       ${c.cyan('○')} ${c.dim(`${T[lang].notAnalysed}: ${r.coverage.map((n) => n.message[lang]).join('; ')}`)}`);
  for (const e of r.errors ?? []) lines.push(`       ${c.yellow('!')} ${T[lang].ruleError} ${e.code} ${e.check}: ${s(e.message)}`);
  if (r.verdict === 'review') for (const m of r.manualChecks) lines.push(`       ${c.cyan('→')} ${c.dim(`${T[lang].manual}: ${m[lang]}`)}`);
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
    `  ${c.bold(T[lang].summary)}: ${paint(c, 'fail', `${sm.fail} fail`)} · ${paint(c, 'warn', `${sm.warn} warn`)} · ${paint(c, 'review', `${sm.review} review`)} · ${paint(c, 'pass', `${sm.pass} pass`)}`,
  );
  if (r.sdks.length > 0) {
    const lvl = { present: '', used: '·used', pi: '·PI' } as const;
    const names = r.sdks.map((x) => `${s(lang === 'zh' ? (x.name.zh ?? x.name.en) : x.name.en)}${c.dim(`[${x.category}${lvl[x.level]}]`)}`);
    lines.push(`  ${c.bold('SDKs')} (${r.sdks.length}): ${names.join(', ')}`);
  }
  if (r.personalInformation.length > 0) {
    const kinds = [...new Set(r.personalInformation.map((p) => p.label[lang]))];
    lines.push(`  ${c.bold(lang === 'zh' ? '个人信息 API' : 'PI APIs')}: ${kinds.join(lang === 'zh' ? '、' : ', ')}`);
  }
  const notes: string[] = [];
  for (const n of r.coverage.notes) notes.push(n.message[lang]);
  if (r.diagnostics.length > 0) {
    const codes = [...new Set(r.diagnostics.map((d) => d.code))].join(', ');
    notes.push(`${T[lang].diagnostics(r.diagnostics.length)}: ${codes}`);
  }
  if (notes.length > 0) {
    lines.push(`  ${c.bold(T[lang].notes)}:`);
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
