import type { Lang, Verdict } from '../model/index.js';
import { counts, docsPath, verdictLabel } from './checks.js';
import { evidenceText, formatLocation, methodToJava } from './location.js';
import { ownerLabel } from './messages.js';
import { ownerKey } from '../model/index.js';
import { errorMeaning } from '../i18n/errors.js';
import type { AuditError, AuditRecord, AuditReport, SdkEntry, ReportEvidence as Evidence, ReportFinding as Finding, ClauseReport } from './model.js';
import { cleanText, escapeHtml } from './sanitize.js';
import { HTML as T } from '../i18n/catalog.js';

/**
 * One self-contained HTML file for compliance reviewers: it opens offline, makes no request of
 * any kind (the CSP below forbids them, and nothing asks), carries no script, and shows every
 * string that came from the APK as text. Markup is built from our own constants; app text only
 * ever enters through h(), never into an attribute or a style.
 */
export interface HtmlOptions {
  lang: Lang;
}

export const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const COLOR: Record<Verdict, string> = { fail: '#c62828', warn: '#d97706', review: '#1d5fb4', pass: '#2e7d32' };


type Texts = (typeof T)[Lang];

/** The only way app text enters the page: cleaned, bounded, escaped. */
function h(s: string | null | undefined, max = 500): string {
  return s === null || s === undefined ? '' : escapeHtml(cleanText(s, { max }));
}

function badge(v: Verdict, lang: Lang): string {
  return `<span class="badge v-${v}">${verdictLabel(v, lang)}</span>`;
}

const STYLE = `
:root{--fail:${COLOR.fail};--warn:${COLOR.warn};--review:${COLOR.review};--pass:${COLOR.pass};--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--card:#f6f8fa}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--bg:#0d1117;--card:#151b23}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);overflow-wrap:anywhere;font:15px/1.55 system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:1.5em;margin:0 0 4px}h2{font-size:1.3em;margin:32px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:1.1em;margin:24px 0 8px}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;overflow-wrap:anywhere}
.muted{color:var(--muted)}
.badge{display:inline-block;min-width:4.5em;text-align:center;border-radius:4px;padding:0 6px;color:#fff;font-size:.85em;font-weight:600}
.v-fail.badge{background:var(--fail)}.v-warn.badge{background:var(--warn)}.v-review.badge{background:var(--review)}.v-pass.badge{background:var(--pass)}
.overview{display:flex;gap:24px;align-items:center;flex-wrap:wrap}
.ring{width:180px;height:180px;flex:none}
.tiles{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:8px;flex:1}
.tiles a{display:block;height:100%;border-left:6px solid;border-radius:4px;background:var(--card);padding:6px 10px;color:inherit;text-decoration:none}
.tiles .v-fail a{border-color:var(--fail)}.tiles .v-warn a{border-color:var(--warn)}.tiles .v-review a{border-color:var(--review)}.tiles .v-pass a{border-color:var(--pass)}
.tiles .num{font-weight:700;margin-right:6px}.tiles .t{display:block;font-size:.85em;color:var(--muted)}
table{border-collapse:collapse;width:100%;margin:8px 0;font-size:.9em}th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}th{background:var(--card)}
dl.target{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:8px 0}dl.target dt{color:var(--muted)}dl.target dd{margin:0;overflow-wrap:anywhere}
.clause{border:1px solid var(--line);border-left:6px solid;border-radius:6px;padding:8px 16px;margin:16px 0}
.clause.v-fail{border-left-color:var(--fail)}.clause.v-warn{border-left-color:var(--warn)}.clause.v-review{border-left-color:var(--review)}.clause.v-pass{border-left-color:var(--pass)}
.clause h3{margin:8px 0}.pledge{margin:4px 0 8px;color:var(--muted)}
.finding{background:var(--card);border-radius:4px;padding:8px 12px;margin:8px 0}
.finding p{margin:4px 0}.evidence{margin:4px 0;padding-left:20px}.evidence li{margin:2px 0}
.path{margin:4px 0;padding-left:24px;font-size:.9em}
.quiet{opacity:.75}
.manual li,.notes li{margin:4px 0}
footer{max-width:1100px;margin:0 auto;padding:16px 24px 48px;color:var(--muted);font-size:.85em}
@media print{.clause,.finding{break-inside:avoid}a{color:inherit;text-decoration:none}}
`;

/** Ten arcs, one per clause, coloured by verdict, each a link to its clause. */
function ring(r: AuditReport, id: string, lang: Lang): string {
  const cx = 90;
  const cy = 90;
  const outer = 84;
  const inner = 56;
  const pt = (rad: number, deg: number) => {
    const a = ((deg - 90) * Math.PI) / 180;
    return `${(cx + rad * Math.cos(a)).toFixed(2)} ${(cy + rad * Math.sin(a)).toFixed(2)}`;
  };
  const n = Math.max(r.clauses.length, 1);
  const step = 360 / n;
  const arcs = r.clauses.map((c, i) => {
    const a0 = i * step + 1.5;
    const a1 = (i + 1) * step - 1.5;
    const d = `M${pt(outer, a0)} A${outer} ${outer} 0 0 1 ${pt(outer, a1)} L${pt(inner, a1)} A${inner} ${inner} 0 0 0 ${pt(inner, a0)} Z`;
    const mid = pt((outer + inner) / 2, (a0 + a1) / 2).split(' ');
    return `<a href="#${id}-c${c.clause}"><path d="${d}" fill="${COLOR[c.verdict]}"><title>${c.clause}. ${h(c.title[lang], 200)}: ${verdictLabel(c.verdict, lang)}</title></path><text x="${mid[0]}" y="${mid[1]}" dy="0.35em" text-anchor="middle" font-size="12" font-weight="700" fill="#fff">${c.clause}</text></a>`;
  });
  return `<svg class="ring" viewBox="0 0 180 180" role="img" aria-label="${T[lang].overview}">${arcs.join('')}<text x="90" y="84" text-anchor="middle" font-size="14" fill="currentColor">${verdictLabel(r.verdict, lang)}</text><text x="90" y="104" text-anchor="middle" font-size="11" fill="currentColor">${r.summary.fail}/${r.summary.warn}/${r.summary.review}/${r.summary.pass}</text></svg>`;
}

function ownerText(e: Evidence, t: Texts, lang: Lang): string {
  const o = e.owner;
  if (o === undefined) return '';
  if (o.kind === 'sdk' || o.kind === 'library') return ` <span class="muted">[${h(ownerLabel(ownerKey(o), lang), 120)}]</span>`;
  return ` <span class="muted">[${o.kind === 'app' ? t.owner.app : t.owner.unknown}]</span>`;
}

function evidenceItem(e: Evidence, t: Texts, lang: Lang): string {
  const text = evidenceText(e, lang);
  const detail = text === undefined ? '' : ` — ${h(text, 500)}`;
  const path =
    e.path !== undefined && e.path.length > 1
      ? `<div class="muted">${t.path}:</div><ol class="path mono">${e.path.map((m) => `<li>${h(methodToJava(m), 300)}</li>`).join('')}</ol>`
      : '';
  return `<li><code>${h(formatLocation(e.location, lang), 600)}</code>${ownerText(e, t, lang)}${detail}${path}</li>`;
}

function findingBlock(f: Finding, lang: Lang, t: Texts, quiet: boolean): string {
  const shown = f.evidence.slice(0, 3).map((e) => evidenceItem(e, t, lang));
  const rest = f.evidence.slice(3).map((e) => evidenceItem(e, t, lang));
  const more = rest.length > 0 ? `<details><summary>${t.moreEvidence(rest.length)}</summary><ul class="evidence">${rest.join('')}</ul></details>` : '';
  const why = f.suppressed !== undefined ? `<p class="muted">${t.suppressed}: ${h(f.suppressed.reason, 500)}</p>` : f.baselined === true ? `<p class="muted">${t.baselined}</p>` : '';
  return `<article class="finding${quiet ? ' quiet' : ''}"><p>${badge(f.verdict, lang)} <code>${h(f.check, 80)}</code> <span class="muted">${t.docs}: ${h(docsPath(f.check), 120)}</span></p><p>${h(f.message[lang], 2000)}</p>${why}${shown.length > 0 ? `<ul class="evidence">${shown.join('')}</ul>` : ''}${more}</article>`;
}

function clauseSection(c: ClauseReport, id: string, lang: Lang, t: Texts): string {
  const active = c.findings.filter(counts);
  const quiet = c.findings.filter((f) => !counts(f));
  const parts = [
    `<section class="clause v-${c.verdict}" id="${id}-c${c.clause}">`,
    `<h3>${c.clause}. ${h(c.title[lang], 300)} ${badge(c.verdict, lang)}</h3>`,
    `<p class="pledge">${lang === 'en' ? `<span class="muted">${h(c.title.zh, 300)}</span><br>` : ''}${t.pledge}${lang === 'zh' ? '：' : ': '}${h(c.pledge, 500)}</p>`,
    ...active.map((f) => findingBlock(f, lang, t, false)),
  ];
  for (const e of c.errors ?? []) parts.push(`<p><strong>${t.ruleError}</strong> <code>${h(e.code, 60)}</code> <code>${h(e.check, 80)}</code>: ${h(e.message, 1000)}</p>`);
  if (c.coverage.length > 0) parts.push(`<p><strong>${t.notAnalysed}</strong></p><ul class="notes">${c.coverage.map((n) => `<li>${h(n.message[lang], 600)}</li>`).join('')}</ul>`);
  if (c.verdict !== 'pass' && c.manualChecks.length > 0) parts.push(`<p><strong>${t.manual}</strong></p><ul class="manual">${c.manualChecks.map((m) => `<li>${h(m[lang], 1000)}</li>`).join('')}</ul>`);
  if (quiet.length > 0) parts.push(`<details><summary>${t.notCounted} (${quiet.length})</summary>${quiet.map((f) => findingBlock(f, lang, t, true)).join('')}</details>`);
  parts.push('</section>');
  return parts.join('\n');
}

/** `Lcom/umeng/commonsdk/UMConfigure;->preInit` → `com.umeng.commonsdk.UMConfigure.preInit`. */
function apiName(ref: string): string {
  return ref.replace(/^L([^;]+);->/, (_, cls: string) => `${cls.replace(/\//g, '.')}.`);
}

function sdkRow(s: SdkEntry, lang: Lang, t: Texts): string {
  const name = lang === 'zh' ? (s.name.zh ?? s.name.en) : s.name.en;
  const vendor = lang === 'zh' ? (s.vendor.zh ?? s.vendor.en) : s.vendor.en;
  const consent = s.consentApis.map((a) => `<code>${h(apiName(a.api), 200)}</code> ${a.called ? '✓' : '✗'}`).join('<br>');
  const cells = [
    `${h(name, 120)}${s.obfuscated ? ` <span class="muted">(${t.renamed})</span>` : ''}`,
    h(vendor, 120),
    h(s.category, 40),
    t.level[s.level],
    h(s.foundBy.join(', '), 200),
    h(s.piKinds.join(', '), 300),
    consent,
  ];
  return `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
}

function table(cols: readonly string[], rows: string[]): string {
  return `<table><thead><tr>${cols.map((c) => `<th>${c}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function reportSection(r: AuditReport, index: number, lang: Lang): string {
  const t = T[lang];
  const id = `r${index + 1}`;
  const tg = r.target;
  const heading = tg.label !== null && tg.label !== '' ? `${h(tg.label, 200)} <span class="muted">${h(tg.package, 300)}</span>` : h(tg.package, 300);
  const version = `${h(tg.versionName ?? '-', 100)} (versionCode ${h(tg.versionCode ?? '-', 30)})`;
  const parts: string[] = [
    `<section class="app" id="${id}">`,
    `<h2>${heading} ${badge(r.verdict, lang)}</h2>`,
    `<dl class="target"><dt>${t.target[0]}</dt><dd class="mono">${h(tg.path, 1000)}</dd><dt>${t.target[1]}</dt><dd class="mono">${h(tg.package, 300)}</dd><dt>${t.target[2]}</dt><dd>${version}</dd><dt>${t.target[3]}</dt><dd>minSdk ${tg.minSdk} · targetSdk ${tg.targetSdk}</dd><dt>${t.target[4]}</dt><dd class="mono">${h(tg.sha256, 64)}</dd></dl>`,
    `<h3>${t.overview}</h3>`,
    `<div class="overview">${ring(r, id, lang)}<ol class="tiles">${r.clauses.map((c) => `<li class="v-${c.verdict}"><a href="#${id}-c${c.clause}"><span class="num">${c.clause}</span>${badge(c.verdict, lang)}<span class="t">${h(c.title[lang], 120)}</span></a></li>`).join('')}</ol></div>`,
    `<p>${t.summary(r.summary)}</p>`,
  ];
  if (r.baseline !== undefined) parts.push(`<p>${t.baseline(r.baseline)}</p>`);
  if (r.coverage.notes.length > 0 || (r.code?.failed.length ?? 0) > 0) {
    const items = [...r.coverage.notes.map((n) => h(n.message[lang], 600)), ...(r.code?.failed ?? []).map((f) => `<code>${h(f.entry, 200)}</code> ${h(f.code, 60)}: ${h(f.message, 500)}`)];
    parts.push(`<h3>${t.notes}</h3><ul class="notes">${items.map((i) => `<li>${i}</li>`).join('')}</ul>`);
  }
  if (r.sdks.length > 0) parts.push(`<h3>${t.sdks} (${r.sdks.length})</h3>`, table(t.sdkCols, r.sdks.map((s) => sdkRow(s, lang, t))));
  if ((r.declaredSdks ?? []).length > 0) {
    parts.push(`<h3>${t.declared}</h3>`, table(t.declaredCols, (r.declaredSdks ?? []).map((d) => `<tr><td>${h(d.name, 200)}</td><td class="mono">${h(d.package, 200)}</td><td>${d.detected ? `${t.yes} (${h(d.matches.join(', '), 300)})` : t.no}</td></tr>`)));
  }
  if (r.personalInformation.length > 0) {
    const rows = r.personalInformation.map((p) => {
      const owner = p.owner.kind === 'sdk' || p.owner.kind === 'library' ? h(p.owner.name, 120) : p.owner.kind === 'app' ? t.owner.app : t.owner.unknown;
      const ex = p.examples[0];
      return `<tr><td>${h(p.label[lang], 120)}</td><td>${owner}</td><td>${p.sites}</td><td><code>${ex === undefined ? '' : h(formatLocation(ex.location), 400)}</code></td></tr>`;
    });
    parts.push(`<h3>${t.pi}</h3>`, table(t.piCols, rows));
  }
  parts.push(...r.clauses.map((c) => clauseSection(c, id, lang, t)));
  if ((r.suppressions ?? []).length > 0) {
    const rows = (r.suppressions ?? []).map((s) => `<tr><td><code>${h(s.check, 80)}</code></td><td class="mono">${h(s.location ?? '', 300)}</td><td>${h(s.reason, 1000)}</td><td>${h(s.expires ?? '', 20)}</td><td>${t.state[s.state]}</td><td>${s.matched}</td></tr>`);
    parts.push(`<h3>${t.suppressions}</h3>`, table(t.suppressionCols, rows));
  }
  if (r.diagnostics.length > 0) {
    // The meaning of the code in the report's language; the parser's own (English) detail on hover.
    const rows = r.diagnostics.slice(0, 200).map((d) => `<tr><td><code>${h(d.code, 60)}</code></td><td class="mono">${h(d.entry ?? '', 300)}${d.offset !== undefined ? `@0x${d.offset.toString(16)}` : ''}</td><td title="${h(d.message, 500)}">${h(errorMeaning(d.code, lang), 500)}</td></tr>`);
    parts.push(`<h3>${t.diagnostics}</h3>`, table(t.diagnosticCols, rows));
  }
  parts.push('</section>');
  return parts.join('\n');
}

function errorSection(e: AuditError, index: number, lang: Lang): string {
  const where = e.error.entry === undefined ? '' : ` <code>${h(e.error.entry, 300)}</code>`;
  const hint = e.error.hint === undefined ? '' : `<p class="muted">${h(e.error.hint, 500)}</p>`;
  return `<section class="app" id="r${index + 1}"><h2>${h(e.target.file, 300)} <span class="badge v-fail">${T[lang].error}</span></h2><p><code>${h(e.error.code, 60)}</code>${where}: ${h(e.error.message, 2000)}</p>${hint}</section>`;
}

export function renderHtml(records: readonly AuditRecord[], o: HtmlOptions): string {
  const lang = o.lang;
  const t = T[lang];
  const first = records[0];
  const subject = first === undefined ? '' : first.status === 'ok' ? ` · ${h(first.target.label ?? first.target.package, 120)}` : ` · ${h(first.target.file, 120)}`;
  const tool = first?.tool ?? { name: 'pledge-audit', version: '' };
  const body = records.map((r, i) => (r.status === 'ok' ? reportSection(r, i, lang) : errorSection(r, i, lang))).join('\n');
  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>pledge-audit${subject}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${t.title}</h1>
<p class="muted">深圳市APP个人信息保护自律承诺书 · ${h(tool.name, 40)} ${h(tool.version, 40)}</p>
${body}
</main>
<footer>${t.footer} ${h(tool.name, 40)} ${h(tool.version, 40)}. ${t.footerNote}</footer>
</body>
</html>
`;
}
