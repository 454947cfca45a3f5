import { Chalk } from 'chalk';
import { LISTS } from '../i18n/catalog.js';
import type { Lang } from '../model/index.js';
import type { PiListRow, PiLists, ShareListRow } from './lists-model.js';
import { methodLabel, rootLabel, sdkCategoryLabel } from './messages.js';
import { escapeHtml, escapeMarkdown, sanitizeForTerminal } from './sanitize.js';

export const LISTS_FORMATS = ['text', 'json', 'markdown', 'csv', 'html'] as const;
export type ListsFormat = (typeof LISTS_FORMATS)[number];

/** One cell per column, as plain text (each format escapes it its own way). */
interface Table {
  title: string;
  cols: readonly string[];
  rows: string[][];
  empty: string;
}

function sep(lang: Lang): string {
  return lang === 'zh' ? '、' : ', ';
}

function paren(s: string, lang: Lang): string {
  return lang === 'zh' ? `（${s}）` : ` (${s})`;
}

function permissionsCell(ps: readonly { name: string; declared: boolean }[], lang: Lang): string {
  const t = LISTS[lang];
  if (ps.length === 0) return t.noPermission;
  return ps.map((p) => `${p.name.replace(/^android\.permission\./, '')}${p.declared ? '' : t.undeclared}`).join(sep(lang));
}

function collectionRow(r: PiListRow, lang: Lang): string[] {
  const t = LISTS[lang];
  const roots = r.roots.map((x) => `${rootLabel(x.kind, lang)} ${x.component}`).join(sep(lang));
  const evidence = r.evidence.map((e) => `${methodLabel(e.api)} · ${methodLabel(e.method)} [${e.entry}]`).join('; ');
  return [
    r.label[lang],
    r.collectorName[lang],
    roots === '' ? t.where[r.where] : `${t.where[r.where]}${paren(roots, lang)}`,
    t.consent[r.consent],
    permissionsCell(r.permissions, lang),
    t.purposeEmpty,
    r.sites > r.evidence.length ? `${evidence}; … ${t.sites(r.sites)}` : evidence,
  ];
}

function name(n: { en: string; zh?: string }, lang: Lang): string {
  if (lang === 'zh') return n.zh !== undefined && n.zh !== n.en ? `${n.zh}（${n.en}）` : n.en;
  return n.zh !== undefined && n.zh !== n.en ? `${n.en} (${n.zh})` : n.en;
}

function sharingRow(r: ShareListRow, lang: Lang): string[] {
  const t = LISTS[lang];
  const via = r.startVia.map((v) => `${rootLabel(v.kind, lang)} ${v.component}${v.api === undefined ? '' : ` → ${methodLabel(v.api)}`}`).join(sep(lang));
  return [
    name(r.name, lang),
    lang === 'zh' ? (r.vendor.zh ?? r.vendor.en) : r.vendor.en,
    sdkCategoryLabel(r.category, lang),
    r.piKinds.length === 0 ? t.none : r.piKinds.map((k) => k.label[lang]).join(sep(lang)),
    permissionsCell(r.permissions, lang),
    via === '' ? t.start[r.start] : `${t.start[r.start]}${paren(`${t.via} ${via}`, lang)}`,
    r.privacyPolicyUrl ?? t.noPolicy,
    t.purposeEmpty,
  ];
}

function tables(lists: PiLists, lang: Lang): [Table, Table] {
  const t = LISTS[lang];
  return [
    { title: t.collectionTitle, cols: t.collectionCols, rows: lists.collection.map((r) => collectionRow(r, lang)), empty: t.empty },
    { title: t.sharingTitle, cols: t.sharingCols, rows: lists.sharing.map((r) => sharingRow(r, lang)), empty: t.noSdks },
  ];
}

function heading(lists: PiLists, lang: Lang): string {
  const version = lists.target.versionName ?? lists.target.versionCode ?? '';
  return LISTS[lang].app(lists.target.label ?? lists.target.file, lists.target.package, version);
}

function notes(lists: PiLists, lang: Lang): string[] {
  return [LISTS[lang].draft, ...lists.limits.map((l) => LISTS[lang].limits[l])];
}

function renderText(lists: PiLists, lang: Lang, color: boolean): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const s = (x: string): string => sanitizeForTerminal(x, 2000);
  const colon = lang === 'zh' ? '：' : ': ';
  const out = [c.bold(s(heading(lists, lang))), ...notes(lists, lang).map((n) => c.dim(n)), ''];
  for (const tb of tables(lists, lang)) {
    out.push(c.bold(tb.title));
    if (tb.rows.length === 0) out.push(`  ${tb.empty}`);
    tb.rows.forEach((row, i) => {
      out.push(`  ${i + 1}. ${c.bold(s(row[0] ?? ''))}`);
      for (let k = 1; k < tb.cols.length; k++) out.push(`     ${c.dim(`${tb.cols[k]}${colon}`)}${s(row[k] ?? '')}`);
    });
    out.push('');
  }
  return out.join('\n');
}

function renderMarkdown(lists: PiLists, lang: Lang): string {
  const cell = (x: string): string => escapeMarkdown(x).replace(/\r?\n/g, ' ');
  const out = [`# ${cell(heading(lists, lang))}`, '', ...notes(lists, lang).map((n) => `> ${cell(n)}`), ''];
  for (const tb of tables(lists, lang)) {
    out.push(`## ${tb.title}`, '');
    if (tb.rows.length === 0) {
      out.push(tb.empty, '');
      continue;
    }
    out.push(`| ${tb.cols.join(' | ')} |`, `|${tb.cols.map(() => ' --- ').join('|')}|`);
    for (const row of tb.rows) out.push(`| ${row.map(cell).join(' | ')} |`);
    out.push('');
  }
  return out.join('\n');
}

/** RFC 4180 field; a leading = + - @ is neutralised so that a spreadsheet never runs app text as a formula. */
function csvField(x: string): string {
  const safe = /^[=+\-@\t\r]/.test(x) ? `'${x}` : x;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV for spreadsheets: UTF-8 with a BOM (Excel needs it to read Chinese), CRLF, both lists one after the other. */
function renderCsv(lists: PiLists, lang: Lang): string {
  const t = LISTS[lang];
  const lines: string[] = [];
  for (const tb of tables(lists, lang)) {
    lines.push([t.csvList, ...tb.cols].map(csvField).join(','));
    for (const row of tb.rows) lines.push([tb.title, ...row].map(csvField).join(','));
    lines.push('');
  }
  return `\ufeff${lines.join('\r\n')}`;
}

function renderHtml(lists: PiLists, lang: Lang): string {
  const e = escapeHtml;
  const parts = [
    '<!DOCTYPE html>',
    `<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${e(heading(lists, lang))}</title>`,
    '<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin-bottom:2em;width:100%}th,td{border:1px solid #bbb;padding:.4em;vertical-align:top;text-align:left;font-size:.9em}th{background:#f0f0f0}td.empty{color:#888;font-style:italic}.note{color:#555}</style>',
    '</head><body>',
    `<h1>${e(heading(lists, lang))}</h1>`,
    ...notes(lists, lang).map((n) => `<p class="note">${e(n)}</p>`),
  ];
  const t = LISTS[lang];
  for (const tb of tables(lists, lang)) {
    parts.push(`<h2>${e(tb.title)}</h2>`);
    if (tb.rows.length === 0) {
      parts.push(`<p>${e(tb.empty)}</p>`);
      continue;
    }
    parts.push(`<table><thead><tr>${tb.cols.map((c) => `<th>${e(c)}</th>`).join('')}</tr></thead><tbody>`);
    for (const row of tb.rows) parts.push(`<tr>${row.map((c) => `<td${c === t.purposeEmpty ? ' class="empty"' : ''}>${e(c)}</td>`).join('')}</tr>`);
    parts.push('</tbody></table>');
  }
  parts.push('</body></html>', '');
  return parts.join('\n');
}

export function renderLists(lists: PiLists, format: ListsFormat, opts: { lang: Lang; color: boolean }): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(lists, null, 2)}\n`;
    case 'markdown':
      return renderMarkdown(lists, opts.lang);
    case 'csv':
      return renderCsv(lists, opts.lang);
    case 'html':
      return renderHtml(lists, opts.lang);
    case 'text':
      return renderText(lists, opts.lang, opts.color);
  }
}
