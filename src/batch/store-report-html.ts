import { cleanText, escapeHtml } from '../report/sanitize.js';
import type { Lang } from '../model/index.js';
import type { AppRef, StoreSummary } from './store-report.js';
import { STORE_HTML as T } from '../i18n/catalog.js';

/** App- and path-derived text for HTML: made plain (controls, escapes, bidi overrides) and escaped. */
export function esc(s: string | number | null): string {
  return s === null ? '' : escapeHtml(cleanText(String(s), { max: 500 }));
}

const COLORS = { pass: '#2e7d32', review: '#5c6bc0', warn: '#ef8f00', fail: '#c62828' } as const;
const VERDICTS = ['pass', 'review', 'warn', 'fail'] as const;


function stackedBars(rows: { label: string; counts: Record<(typeof VERDICTS)[number], number> }[]): string {
  const labelW = 300;
  const barW = 420;
  const rowH = 26;
  const h = rows.length * rowH + 30;
  const parts: string[] = [];
  rows.forEach((r, i) => {
    const total = VERDICTS.reduce((n, v) => n + r.counts[v], 0);
    const y = i * rowH;
    parts.push(`<text x="${labelW - 8}" y="${y + 17}" text-anchor="end">${esc(r.label)}</text>`);
    let x = labelW;
    for (const v of VERDICTS) {
      const w = total === 0 ? 0 : (barW * r.counts[v]) / total;
      if (w > 0) parts.push(`<rect x="${x.toFixed(1)}" y="${y + 4}" width="${w.toFixed(1)}" height="${rowH - 8}" fill="${COLORS[v]}"><title>${esc(`${r.label}: ${v} ${r.counts[v]}`)}</title></rect>`);
      if (w >= 24) parts.push(`<text x="${(x + w / 2).toFixed(1)}" y="${y + 17}" text-anchor="middle" class="in">${r.counts[v]}</text>`);
      x += w;
    }
  });
  let lx = labelW;
  const ly = rows.length * rowH + 12;
  for (const v of VERDICTS) {
    parts.push(`<rect x="${lx}" y="${ly}" width="12" height="12" fill="${COLORS[v]}"/><text x="${lx + 16}" y="${ly + 11}">${v}</text>`);
    lx += 80;
  }
  return `<svg class="chart" role="img" viewBox="0 0 ${labelW + barW + 10} ${h}" width="${labelW + barW + 10}" height="${h}">${parts.join('')}</svg>`;
}

function hbars(rows: { label: string; value: number }[], color: string, max?: number): string {
  if (rows.length === 0) return '';
  const labelW = 300;
  const barW = 360;
  const rowH = 22;
  const top = max ?? Math.max(1, ...rows.map((r) => r.value));
  const parts = rows.map((r, i) => {
    const y = i * rowH;
    const w = (barW * r.value) / top;
    return `<text x="${labelW - 8}" y="${y + 15}" text-anchor="end">${esc(r.label)}</text><rect x="${labelW}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowH - 6}" fill="${color}"/><text x="${(labelW + w + 6).toFixed(1)}" y="${y + 15}">${r.value}</text>`;
  });
  const h = rows.length * rowH + 4;
  return `<svg class="chart" role="img" viewBox="0 0 ${labelW + barW + 60} ${h}" width="${labelW + barW + 60}" height="${h}">${parts.join('')}</svg>`;
}

function appRows(list: (AppRef & { extra: string })[], t: (typeof T)[Lang], extraHead: string): string {
  const rows = list.map((a) => `<tr><td>${esc(a.package)}</td><td>${esc(a.versionName)}</td><td class="path">${esc(a.path)}</td><td>${esc(a.extra)}</td></tr>`);
  return `<table><thead><tr><th>${t.pkg}</th><th>${t.version}</th><th>${t.path}</th><th>${esc(extraHead)}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function renderSummaryHtml(s: StoreSummary, lang: Lang): string {
  const t = T[lang];
  const sec: string[] = [];
  sec.push(`<h1>${t.title}</h1>`);
  sec.push(`<p class="meta">${esc(s.stores.join(', '))}</p>`);
  sec.push(`<p class="big"><b>${s.apps.total}</b> ${t.apps}: <b>${s.apps.ok}</b> ${t.analysed}, <b>${s.apps.error}</b> ${t.failed}</p>`);
  sec.push(`<ul class="meta">${s.versions.map((v) => `<li>${v.apps} ${t.apps}: ${t.auditedBy} ${esc(v.tool)}, ${t.catalogue} ${esc(v.catalogue)}</li>`).join('')}</ul>`);

  sec.push(`<h2>${t.clauses}</h2>`);
  sec.push(stackedBars(s.clauses.map((c) => ({ label: `${c.clause}. ${c.title[lang]}`, counts: c }))));
  sec.push(`<h3>${t.worst}</h3>`);
  sec.push(stackedBars([{ label: t.worst, counts: s.verdicts }]));

  sec.push(`<h2>${t.sdks}</h2>`);
  sec.push(hbars(s.sdks.map((x) => ({ label: x.name, value: x.apps })), '#37474f'));
  sec.push(
    `<table><thead><tr><th>SDK</th><th>${t.apps}</th><th>${t.reads}</th></tr></thead><tbody>${s.sdks
      .map((x) => `<tr><td>${esc(x.name)} <span class="id">${esc(x.id)} · ${esc(x.vendor)} · ${esc(x.category)}</span></td><td class="n">${x.apps}</td><td>${x.pi.map((p) => `${esc(p.label)} (${p.apps})`).join(', ')}</td></tr>`)
      .join('')}</tbody></table>`,
  );

  sec.push(`<h2>${t.consent}: ${s.beforeConsent.apps}</h2>`);
  sec.push(`<ul>${Object.entries(s.beforeConsent.byCheck).map(([k, n]) => `<li><code>${esc(k)}</code>: ${n}</li>`).join('')}</ul>`);
  if (s.beforeConsent.list.length > 0) sec.push(appRows(s.beforeConsent.list.map((a) => ({ ...a, extra: a.checks.join(', ') })), t, t.checks));
  if (s.beforeConsent.list.length < s.beforeConsent.apps) sec.push(`<p class="meta">… ${s.beforeConsent.apps - s.beforeConsent.list.length} ${t.more}</p>`);

  sec.push(`<h2>${t.undeclared}: ${s.undeclaredSdks.apps}</h2>`);
  if (s.undeclaredSdks.list.length > 0) sec.push(appRows(s.undeclaredSdks.list.map((a) => ({ ...a, extra: a.sdks.join(', ') })), t, 'SDK'));
  else sec.push(`<p class="meta">${t.none}</p>`);
  if (s.undeclaredSdks.list.length < s.undeclaredSdks.apps) sec.push(`<p class="meta">… ${s.undeclaredSdks.apps - s.undeclaredSdks.list.length} ${t.more}</p>`);

  sec.push(`<h2>${t.errors}: ${s.apps.error}</h2>`);
  sec.push(hbars(s.errors.map((e) => ({ label: e.code, value: e.apps })), COLORS.fail));
  if (s.errors.length > 0) sec.push(`<table><thead><tr><th>${t.code}</th><th>${t.apps}</th><th>${t.meaning}</th></tr></thead><tbody>${s.errors.map((e) => `<tr><td><code>${esc(e.code)}</code></td><td class="n">${e.apps}</td><td>${esc(e.meaning)}</td></tr>`).join('')}</tbody></table>`);
  sec.push(`<p>${s.clauseErrors} ${t.clauseErrors}</p>`);

  sec.push(`<h2>${t.coverage}</h2>`);
  sec.push(hbars([{ label: t.complete, value: s.coverage.complete }, { label: t.limited, value: s.coverage.incomplete }, { label: t.dexFailed, value: s.coverage.dexFailed }], '#00838f', Math.max(1, s.apps.ok)));
  if (s.coverage.notes.length > 0) sec.push(hbars(s.coverage.notes.map((n) => ({ label: n.code, value: n.apps })), '#80a4a8'));

  const css = `body{font:14px/1.45 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","PingFang SC",sans-serif;margin:2em auto;max-width:1000px;color:#212121;padding:0 1em}
h1{font-size:1.6em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ddd;padding-bottom:.2em}h3{font-size:1em}
.meta{color:#666}.big{font-size:1.15em}table{border-collapse:collapse;margin:.8em 0;width:100%}th,td{border-bottom:1px solid #eee;padding:.3em .5em;text-align:left;vertical-align:top}
td.n{text-align:right}td.path{font-family:ui-monospace,monospace;font-size:.85em;word-break:break-all}.id{color:#777;font-size:.85em}
svg.chart{max-width:100%;height:auto;font-size:12px;display:block;margin:.5em 0}svg text{fill:#333}svg text.in{fill:#fff}code{font-size:.9em}`;
  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${t.title}</title><style>${css}</style></head>
<body>
${sec.join('\n')}
</body>
</html>
`;
}
