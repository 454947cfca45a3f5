import { Chalk } from 'chalk';
import type { ClauseDefinition as ClauseModule } from '../engine/check.js';
import { DIFF } from '../i18n/catalog.js';
import { counts, ownerKey, type Lang, type Verdict } from '../model/index.js';
import { verdictLabel } from './checks.js';
import type { DiffSide, ReportDiff } from './diff-model.js';
import { formatLocation, shortPath } from './location.js';
import { listSeparator, methodLabel, ownerLabel, piLabel, sdkCategoryLabel } from './messages.js';
import type { AuditReport, ReportFinding } from './model.js';
import { ICON, ident, md } from './markdown.js';
import { escapeJsonInvisible } from './render.js';
import { paint } from './terminal.js';
import { sanitizeForTerminal } from './sanitize.js';
import { renderSarif } from './sarif.js';

export const DIFF_FORMATS = ['text', 'json', 'markdown', 'sarif'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export interface DiffRenderOptions {
  lang: Lang;
  /** Terminal colour (text only). */
  color: boolean;
  /** SARIF: the new app's report (its findings not in diff.findings.new are left out), the clause modules, cwd, docs URL and category. */
  newReport: AuditReport;
  clauses: readonly ClauseModule[];
  cwd?: string;
  docsBaseUrl?: string;
  sarifCategory?: string;
}

/**
 * One row of a section, before any format escapes it: `text` and `detail` may hold app text
 * (class names, package names); `ident` is ours (a check id).
 */
interface Row {
  sign: '+' | '-' | '~';
  verdict?: Verdict;
  ident?: string;
  text: string;
  detail?: string;
  /** Shown but not counted (suppressed or baselined in a report given as input). */
  quiet?: boolean;
}

interface Section {
  title: string;
  summary: string;
  rows: Row[];
}

function sdkName(n: { en: string; zh?: string }, lang: Lang): string {
  return lang === 'zh' ? (n.zh ?? n.en) : n.en;
}

function findingRow(f: ReportFinding, sign: Row['sign'], lang: Lang): Row {
  const first = f.evidence[0];
  const where = first === undefined || first.location.kind === 'app' ? undefined : formatLocation(first.location, lang) + (first.owner?.kind === 'sdk' ? ` [${first.owner.name}]` : '');
  return { sign, verdict: f.verdict, ident: f.check, text: f.message[lang], ...(where === undefined ? {} : { detail: where }), ...(counts(f) ? {} : { quiet: true }) };
}

function sections(d: ReportDiff, lang: Lang): Section[] {
  const t = DIFF[lang];
  const sep = listSeparator(lang);
  const out: Section[] = [];
  const sdkRows = (sign: Row['sign'], list: ReportDiff['sdks']['added']): Row[] =>
    list.map((s) => ({ sign, text: `${sdkName(s.name, lang)} (${s.id})`, detail: `${sdkName(s.vendor, lang)} · ${sdkCategoryLabel(s.category, lang)}` }));
  out.push({ title: t.sdks, summary: t.counts(d.sdks.added.length, d.sdks.removed.length), rows: [...sdkRows('+', d.sdks.added), ...sdkRows('-', d.sdks.removed)] });
  out.push({ title: t.permissions, summary: t.counts(d.permissions.added.length, d.permissions.removed.length), rows: [...d.permissions.added.map((p): Row => ({ sign: '+', text: p })), ...d.permissions.removed.map((p): Row => ({ sign: '-', text: p }))] });
  const piRows = (sign: Row['sign'], list: ReportDiff['personalInformation']['added']): Row[] =>
    list.map((p) => ({ sign, text: `${p.label[lang]} — ${ownerLabel(ownerKey(p.owner), lang)}`, detail: t.sites(p.sites) }));
  out.push({ title: t.pi, summary: t.counts(d.personalInformation.added.length, d.personalInformation.removed.length), rows: [...piRows('+', d.personalInformation.added), ...piRows('-', d.personalInformation.removed)] });
  const pathRows = (sign: Row['sign'], list: ReportDiff['beforeConsent']['added']): Row[] =>
    list.map((p) => {
      const what = p.api === undefined ? '' : `${lang === 'zh' ? '' : ' '}${p.check.startsWith('c02/') ? t.reads : t.calls} ${methodLabel(p.api)}`;
      // The finding's kinds say what a path reads only when the evidence does not name the API.
      const kinds = p.kinds.length === 0 || p.api !== undefined ? '' : ` (${p.kinds.map((k) => piLabel(k, lang)).join(sep)})`;
      return { sign, verdict: p.verdict, ident: p.check, text: `${ownerLabel(p.who, lang)}${what}${kinds}`, detail: shortPath(p.path) };
    });
  out.push({ title: t.beforeConsent, summary: t.counts(d.beforeConsent.added.length, d.beforeConsent.removed.length), rows: [...pathRows('+', d.beforeConsent.added), ...pathRows('-', d.beforeConsent.removed)] });
  out.push({
    title: t.clauses,
    summary: String(d.clauses.length),
    rows: d.clauses.map((c) => ({ sign: '~', verdict: c.after, text: `${c.clause}. ${c.title[lang]}: ${verdictLabel(c.before, lang)} → ${verdictLabel(c.after, lang)}` })),
  });
  out.push({ title: t.newFindings, summary: String(d.findings.new.length), rows: d.findings.new.map((f) => findingRow(f, '+', lang)) });
  out.push({ title: t.fixedFindings, summary: String(d.findings.fixed.length), rows: d.findings.fixed.map((f) => findingRow(f, '-', lang)) });
  return out;
}

function sideLine(s: DiffSide, lang: Lang): string {
  const label = s.label !== null && s.label !== '' ? `${s.label} · ` : '';
  return `${label}${s.package} ${s.versionName ?? ''} (versionCode ${s.versionCode ?? '-'}) — ${DIFF[lang].side[s.source]} ${s.path}`;
}

// ---- text ----

function renderText(d: ReportDiff, lang: Lang, color: boolean): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const t = DIFF[lang];
  const s = (x: string): string => sanitizeForTerminal(x);
  const colon = lang === 'zh' ? '：' : ': ';
  const lines = [c.bold(t.title), `  ${t.old}${colon}${s(sideLine(d.old, lang))}`, `  ${t.new}${colon}${s(sideLine(d.new, lang))}`];
  if (d.old.package !== d.new.package) lines.push(c.yellow(`  ${s(t.packagesDiffer(d.old.package, d.new.package))}`));
  lines.push('');
  if (!d.changed) return `${[...lines, t.noChanges].join('\n')}\n`;
  for (const sec of sections(d, lang)) {
    const summary = sec.title === t.newFindings ? t.findingCounts(d.findings.new.length, d.findings.fixed.length, d.findings.unchanged) : sec.summary;
    if (sec.rows.length === 0) continue;
    lines.push(`${c.bold(sec.title)}  ${c.dim(summary)}`);
    for (const r of sec.rows) {
      const sign = r.sign === '+' ? c.green('+') : r.sign === '-' ? c.red('-') : c.yellow('~');
      const verdict = r.verdict === undefined || r.sign === '~' ? '' : `${paint(c, r.verdict, verdictLabel(r.verdict, lang))} `;
      const ident = r.ident === undefined ? '' : `${c.dim(r.ident)}  `;
      const quiet = r.quiet === true ? c.dim(` (${t.notCounted})`) : '';
      lines.push(`  ${sign} ${verdict}${ident}${s(r.text)}${quiet}`);
      if (r.detail !== undefined) lines.push(`      ${c.dim(s(r.detail))}`);
    }
    lines.push('');
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

// ---- Markdown ----

/** Longer sections than this are collapsed in <details> (a PR comment stays short). */
const OPEN_ROWS = 5;
/** Rows listed per section at most (GitHub's comment limit is 65,536 characters). */
const MAX_ROWS = 100;
function renderMarkdown(d: ReportDiff, lang: Lang): string {
  const t = DIFF[lang];
  const out = [`### ${t.title}${lang === 'zh' ? '：' : ': '}${md(d.old.label ?? d.old.package, 80)} ${md(d.old.versionName ?? '', 40)} → ${md(d.new.versionName ?? '', 40)}`, '', `- ${t.old}${lang === 'zh' ? '：' : ': '}${md(sideLine(d.old, lang), 400)}`, `- ${t.new}${lang === 'zh' ? '：' : ': '}${md(sideLine(d.new, lang), 400)}`, ''];
  if (d.old.package !== d.new.package) out.push(`⚠️ ${md(t.packagesDiffer(d.old.package, d.new.package), 500)}`, '');
  if (!d.changed) return `${[...out, t.noChanges].join('\n')}\n`;
  out.push(`**${t.newFindings}**${lang === 'zh' ? '：' : ': '}${t.findingCounts(d.findings.new.length, d.findings.fixed.length, d.findings.unchanged)}`, '');
  for (const sec of sections(d, lang)) {
    if (sec.rows.length === 0) continue;
    const items = sec.rows.slice(0, MAX_ROWS).map((r) => {
      const sign = r.sign === '+' ? '➕' : r.sign === '-' ? '➖' : '🔁';
      const verdict = r.verdict === undefined || r.sign === '~' ? '' : `${ICON[r.verdict]} **${verdictLabel(r.verdict, lang)}** · `;
      const id = r.ident === undefined ? '' : `${ident(r.ident)} — `;
      const quiet = r.quiet === true ? ` (${t.notCounted})` : '';
      const detail = r.detail === undefined ? '' : `<br>↳ ${md(r.detail, 200)}`;
      return `- ${sign} ${verdict}${id}${md(r.text, 400)}${quiet}${detail}`;
    });
    if (sec.rows.length > MAX_ROWS) items.push(`- ${t.more(sec.rows.length - MAX_ROWS)}`);
    const heading = lang === 'zh' ? `${sec.title}（${sec.summary}）` : `${sec.title} (${sec.summary})`;
    if (sec.rows.length <= OPEN_ROWS) out.push(`#### ${heading}`, '', ...items, '');
    else out.push(`<details><summary><b>${heading}</b> — ${t.show(sec.rows.length)}</summary>`, '', ...items, '', '</details>', '');
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

// ---- SARIF ----

/** The new app's report with only the new findings (the SARIF reporter's baselineState says "new"). */
function newFindingsReport(d: ReportDiff, r: AuditReport): AuditReport {
  const fresh = new Set(d.findings.new);
  return {
    ...r,
    clauses: r.clauses.map((c) => ({ ...c, findings: c.findings.filter((f) => fresh.has(f)) })),
    baseline: { baselined: d.findings.unchanged, new: d.findings.new.length, absent: d.findings.fixed.length },
  };
}

/** Every format of `pledge-audit diff` behind one call. */
export function renderDiff(d: ReportDiff, format: DiffFormat, o: DiffRenderOptions): string {
  switch (format) {
    case 'text':
      return renderText(d, o.lang, o.color);
    case 'json':
      return escapeJsonInvisible(`${JSON.stringify(d, null, 2)}\n`);
    case 'markdown':
      return renderMarkdown(d, o.lang);
    case 'sarif':
      return renderSarif([newFindingsReport(d, o.newReport)], {
        lang: o.lang,
        clauses: o.clauses,
        ...(o.cwd === undefined ? {} : { cwd: o.cwd }),
        ...(o.docsBaseUrl === undefined ? {} : { docsBaseUrl: o.docsBaseUrl }),
        ...(o.sarifCategory === undefined ? {} : { category: o.sarifCategory }),
      });
  }
}
