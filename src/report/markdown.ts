import type { Lang, Verdict } from '../model/index.js';
import { VERDICT_RANK } from '../model/index.js';
import { counts, verdictLabel } from './checks.js';
import { formatLocation } from './location.js';
import type { AuditError, AuditRecord, AuditReport, ReportFinding as Finding, ClauseReport } from './model.js';
import { cleanText, escapeMarkdown } from './sanitize.js';
import { MARKDOWN as T } from '../i18n/catalog.js';

/**
 * GitHub-flavoured Markdown for a pull-request comment or $GITHUB_STEP_SUMMARY: a per-clause
 * table and the top findings, well under GitHub's 65 536-character comment limit for one app.
 * App-controlled text is cleaned and escaped (no code spans around it: a backtick in a label
 * would close them); check ids and other text of ours go in code spans.
 */
export interface MarkdownOptions {
  lang: Lang;
  /** Findings listed under "Top findings" per app (default 10). */
  maxFindings?: number;
}

export const ICON: Record<Verdict, string> = { fail: '❌', warn: '⚠️', review: '🔎', pass: '✅' };


/** App text, one line, bounded, inert as Markdown. */
export function md(s: string, max = 300): string {
  return escapeMarkdown(cleanText(s, { max }));
}

/** Identifiers of ours (check ids, error codes) for code spans: nothing that could close the span. */
export function ident(s: string): string {
  return `\`${s.replace(/[^\w/.:-]/g, '')}\``;
}

function badge(v: Verdict, lang: Lang): string {
  return `${ICON[v]} ${verdictLabel(v, lang)}`;
}

function findingCounts(c: ClauseReport, lang: Lang): string {
  const active = c.findings.filter(counts);
  const parts = (['fail', 'warn', 'review'] as const).map((v) => [v, active.filter((f) => f.verdict === v).length] as const).filter(([, n]) => n > 0);
  const quiet = c.findings.length - active.length;
  const text = parts.map(([v, n]) => `${n} ${verdictLabel(v, lang)}`).join(' · ');
  const extra = quiet > 0 ? ` (+${quiet} ${lang === 'zh' ? '不计入' : 'not counted'})` : '';
  return (text === '' ? '—' : text) + extra;
}

function findingItem(f: Finding, lang: Lang): string {
  const first = f.evidence[0];
  const where = first === undefined || first.location.kind === 'app' ? '' : `<br>↳ ${md(formatLocation(first.location), 200)}${first.owner?.kind === 'sdk' ? ` \\[${md(first.owner.name, 80)}\\]` : ''}`;
  return `${ICON[f.verdict]} **${verdictLabel(f.verdict, lang)}** · ${ident(f.check)} — ${md(f.message[lang], 400)}${where}`;
}

function reportSection(r: AuditReport, o: MarkdownOptions): string[] {
  const lang = o.lang;
  const t = T[lang];
  const tg = r.target;
  const name = tg.label !== null && tg.label !== '' ? `${md(tg.label, 80)} · ${md(tg.package, 200)}` : md(tg.package, 200);
  const version = tg.versionName !== null ? ` ${md(tg.versionName, 40)}` : '';
  const out: string[] = [
    `### pledge-audit: ${name}${version} (${md(tg.file, 120)})`,
    '',
    `**${badge(r.verdict, lang)}** — ${t.summary(r.summary)}`,
    '',
    `| # | ${t.clause} | ${t.verdict} | ${t.findings} |`,
    '|--:|---|---|---|',
  ];
  for (const c of r.clauses) out.push(`| ${c.clause} | ${md(c.title[lang], 120)} | ${badge(c.verdict, lang)}${c.errors !== undefined ? ' ⛔' : ''} | ${findingCounts(c, lang)} |`);
  out.push('');

  const active = r.clauses.flatMap((c) => c.findings.filter(counts)).sort((a, b) => VERDICT_RANK[b.verdict] - VERDICT_RANK[a.verdict] || a.clause - b.clause);
  const max = o.maxFindings ?? 10;
  if (active.length > 0) {
    out.push(`**${t.top}**`, '');
    active.slice(0, max).forEach((f, i) => out.push(`${i + 1}. ${findingItem(f, lang)}`));
    if (active.length > max) out.push('', t.more(active.length - max));
    out.push('');
  }

  if (r.baseline !== undefined) out.push(t.baseline(r.baseline), '');
  for (const s of r.suppressions ?? []) if (s.state === 'expired') out.push(`⏰ ${t.expired(ident(s.check), md(s.expires ?? '', 20), s.matched)}`, '');

  const quiet = r.clauses.flatMap((c) => c.findings.filter((f) => !counts(f)));
  if (quiet.length > 0) {
    const nSup = quiet.filter((f) => f.suppressed !== undefined).length;
    out.push(`<details><summary>${t.notCounted(nSup, quiet.length - nSup)}</summary>`, '');
    for (const f of quiet.slice(0, 50)) {
      const why = f.suppressed !== undefined ? `${t.suppressedBy}: ${md(f.suppressed.reason, 200)}` : t.baselined;
      out.push(`- ${ident(f.check)} — ${md(f.message[lang], 200)} (${why})`);
    }
    out.push('', '</details>', '');
  }

  const absent = (r.declaredSdks ?? []).filter((d) => !d.detected);
  if (absent.length > 0) out.push(`${t.declaredAbsent}: ${absent.map((d) => `${md(d.name, 80)} (${md(d.package, 120)})`).join(', ')}`, '');

  const notes: string[] = [];
  for (const n of r.coverage.notes) notes.push(`- ${t.notAnalysed}: ${md(n.message[lang], 400)}`);
  for (const c of r.clauses) {
    for (const e of c.errors ?? []) notes.push(`- ${c.clause}. ⛔ ${t.ruleError} ${ident(e.code)} ${ident(e.check)}: ${md(e.message, 300)}`);
    if (c.verdict !== 'review') continue;
    for (const m of c.manualChecks) notes.push(`- ${c.clause}. ${t.manual}: ${md(m[lang], 600)}`);
    for (const n of c.coverage) notes.push(`- ${c.clause}. ${t.notAnalysed}: ${md(n.message[lang], 300)}`);
  }
  if (notes.length > 0) out.push(`<details><summary>${t.notes} (${notes.length})</summary>`, '', ...notes, '', '</details>', '');
  return out;
}

function errorSection(e: AuditError, lang: Lang): string[] {
  const where = e.error.entry === undefined ? '' : ` ${md(e.error.entry, 200)}`;
  return [`### pledge-audit: ${md(e.target.file, 200)}`, '', `⛔ **${T[lang].error}**: ${ident(e.error.code)}${where}: ${md(e.error.message, 500)}`, ''];
}

export function renderMarkdown(records: readonly AuditRecord[], o: MarkdownOptions): string {
  const parts = records.map((r) => (r.status === 'ok' ? reportSection(r, o) : errorSection(r, o.lang)).join('\n'));
  return `${parts.join('\n').replace(/\n+$/, '')}\n`;
}
