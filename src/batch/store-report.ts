import type { Lang, Localized } from '../model/index.js';
import { ERROR_CODES } from '../util/errors.js';
import { quotePath } from './paths.js';
import { STORE_TEXT } from '../i18n/catalog.js';
import { errorMeaning } from '../i18n/errors.js';
import { sdkCategoryLabel } from '../report/messages.js';
import { displayWidth, padEndWidth, padStartWidth } from '../report/width.js';
import type { Db } from './store.js';

/** Checks whose findings mean "collects or starts SDKs before the user consents". */
export const BEFORE_CONSENT_CHECKS = ['c02/collect-before-consent', 'c09/sdk-init-before-consent'] as const;
export const UNDECLARED_SDK_CHECK = 'c09/undeclared-sdk';

type VerdictCount = Record<'pass' | 'review' | 'warn' | 'fail', number>;

export interface AppRef {
  package: string | null;
  versionName: string | null;
  path: string;
  sha256: string | null;
}

/** What a regulator asks first about a store, computed by SQL over the store alone. */
export interface StoreSummary {
  stores: string[];
  apps: { total: number; ok: number; error: number };
  versions: { tool: string; catalogue: string; apps: number }[];
  /** Worst verdict per analysed app. */
  verdicts: VerdictCount;
  clauses: ({ clause: number; title: Localized } & VerdictCount)[];
  sdks: { id: string; name: string; vendor: string; category: string; apps: number; pi: { kind: string; label: string; apps: number; sites: number }[] }[];
  beforeConsent: { apps: number; byCheck: Record<string, number>; list: (AppRef & { checks: string[] })[] };
  undeclaredSdks: { apps: number; list: (AppRef & { sdks: string[] })[] };
  errors: { code: string; meaning: string; apps: number }[];
  /** Apps analysed but with a crashed clause (E_RULE_CRASHED). */
  clauseErrors: number;
  coverage: { complete: number; incomplete: number; dexFailed: number; notes: { code: string; apps: number }[] };
}

export interface SummaryOptions {
  lang: Lang;
  /** Most common SDKs listed. */
  top: number;
  /** Apps listed per section (the counts are always complete). */
  list: number;
  clauseTitles: ReadonlyMap<number, Localized>;
}

function verdictCount(rows: { v: string | null; n: number }[]): VerdictCount {
  const out: VerdictCount = { pass: 0, review: 0, warn: 0, fail: 0 };
  for (const r of rows) if (r.v !== null && r.v in out) out[r.v as keyof VerdictCount] += r.n;
  return out;
}

interface AppRow {
  package: string | null;
  version_name: string | null;
  path: string;
  sha256: string | null;
}

function appRef(r: AppRow): AppRef {
  return { package: r.package, versionName: r.version_name, path: r.path, sha256: r.sha256 };
}

export function summarizeStore(db: Db, stores: string[], o: SummaryOptions): StoreSummary {
  const en = o.lang === 'en';
  const totals = db.prepare('SELECT status, count(*) AS n FROM apps GROUP BY status').all() as { status: string; n: number }[];
  const ok = totals.find((t) => t.status === 'ok')?.n ?? 0;
  const error = totals.find((t) => t.status === 'error')?.n ?? 0;
  const versions = (db.prepare('SELECT tool_version AS tool, catalogue_version AS catalogue, count(*) AS apps FROM apps GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2').all() as StoreSummary['versions']);
  const verdicts = verdictCount(db.prepare("SELECT verdict AS v, count(*) AS n FROM apps WHERE status = 'ok' GROUP BY verdict").all() as { v: string | null; n: number }[]);
  const clauses: StoreSummary['clauses'] = [];
  for (let c = 1; c <= 10; c++) {
    const rows = db.prepare(`SELECT c${c} AS v, count(*) AS n FROM apps WHERE status = 'ok' GROUP BY c${c}`).all() as { v: string | null; n: number }[];
    clauses.push({ clause: c, title: o.clauseTitles.get(c) ?? { en: `Clause ${c}`, zh: `第${c}条` }, ...verdictCount(rows) });
  }

  const sdkRows = db
    .prepare(
      `SELECT s.sdk_id AS id, max(s.name_en) AS name_en, max(s.name_zh) AS name_zh, max(s.vendor_en) AS vendor, max(s.category) AS category, count(DISTINCT s.app_id) AS apps
       FROM sdks s JOIN apps a ON a.id = s.app_id GROUP BY s.sdk_id ORDER BY apps DESC, s.sdk_id LIMIT ?`,
    )
    .all(o.top) as { id: string; name_en: string; name_zh: string | null; vendor: string; category: string; apps: number }[];
  const piOf = db.prepare(
    `SELECT kind, max(label_en) AS label_en, max(label_zh) AS label_zh, count(DISTINCT app_id) AS apps, sum(sites) AS sites
     FROM pi_uses WHERE owner_kind = 'sdk' AND owner_id = ? GROUP BY kind ORDER BY apps DESC, kind`,
  );
  const sdks = sdkRows.map((s) => ({
    id: s.id,
    name: en || s.name_zh === null ? s.name_en : s.name_zh,
    vendor: s.vendor,
    category: s.category,
    apps: s.apps,
    pi: (piOf.all(s.id) as { kind: string; label_en: string; label_zh: string; apps: number; sites: number }[]).map((p) => ({ kind: p.kind, label: en ? p.label_en : p.label_zh, apps: p.apps, sites: p.sites })),
  }));

  const checksIn = (ids: readonly string[]): string => ids.map(() => '?').join(', ');
  const consentApps = db
    .prepare(
      `SELECT a.package, a.version_name, a.path, a.sha256, group_concat(DISTINCT f.check_id) AS checks
       FROM findings f JOIN apps a ON a.id = f.app_id
       WHERE f.check_id IN (${checksIn(BEFORE_CONSENT_CHECKS)}) AND f.suppressed = 0
       GROUP BY a.id ORDER BY a.package, a.path`,
    )
    .all(...BEFORE_CONSENT_CHECKS) as (AppRow & { checks: string })[];
  const byCheck: Record<string, number> = {};
  for (const id of BEFORE_CONSENT_CHECKS) {
    byCheck[id] = (db.prepare('SELECT count(DISTINCT app_id) FROM findings WHERE check_id = ? AND suppressed = 0').pluck().get(id) as number) ?? 0;
  }
  const undeclared = db
    .prepare(
      `SELECT a.package, a.version_name, a.path, a.sha256, group_concat(DISTINCT f.sdk_id) AS sdks
       FROM findings f JOIN apps a ON a.id = f.app_id
       WHERE f.check_id = ? AND f.suppressed = 0 GROUP BY a.id ORDER BY a.package, a.path`,
    )
    .all(UNDECLARED_SDK_CHECK) as (AppRow & { sdks: string | null })[];

  const errorRows = db.prepare("SELECT error_code AS code, count(*) AS apps FROM apps WHERE status = 'error' GROUP BY error_code ORDER BY apps DESC, code").all() as { code: string | null; apps: number }[];
  const cov = db.prepare("SELECT coverage_complete AS c, count(*) AS n FROM apps WHERE status = 'ok' GROUP BY coverage_complete").all() as { c: number | null; n: number }[];
  const notes = db.prepare('SELECT code, count(DISTINCT app_id) AS apps FROM coverage WHERE clause = 0 GROUP BY code ORDER BY apps DESC, code').all() as { code: string; apps: number }[];

  return {
    stores,
    apps: { total: ok + error, ok, error },
    versions,
    verdicts,
    clauses,
    sdks,
    beforeConsent: {
      apps: consentApps.length,
      byCheck,
      list: consentApps.slice(0, o.list).map((r) => ({ ...appRef(r), checks: r.checks.split(',').sort() })),
    },
    undeclaredSdks: {
      apps: undeclared.length,
      list: undeclared.slice(0, o.list).map((r) => ({ ...appRef(r), sdks: r.sdks === null ? [] : r.sdks.split(',').sort() })),
    },
    errors: errorRows.map((r) => {
      const code = r.code ?? 'unknown';
      return { code, meaning: (ERROR_CODES as Record<string, string>)[code] ?? '', apps: r.apps };
    }),
    clauseErrors: db.prepare('SELECT count(*) FROM apps WHERE clause_errors > 0').pluck().get() as number,
    coverage: {
      complete: cov.find((r) => r.c === 1)?.n ?? 0,
      incomplete: cov.find((r) => r.c === 0)?.n ?? 0,
      dexFailed: db.prepare('SELECT count(*) FROM apps WHERE dex_failed > 0').pluck().get() as number,
      notes,
    },
  };
}

/** Strips terminal control characters from app-derived text (package names are not trusted). */
function plain(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function appLabel(a: AppRef, lang: Lang): string {
  const name = a.package === null ? STORE_TEXT[lang].unknownPackage : plain(a.package);
  return `${name}${a.versionName === null ? '' : ` ${plain(a.versionName)}`}  ${quotePath(a.path)}`;
}

/** Numbers right-aligned, text left-aligned, by display width (Chinese takes two columns). */
function table(head: readonly string[], rows: (string | number)[][]): string[] {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const numeric = head.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number'));
  const widths = head.map((_, i) => Math.max(...cells.map((r) => displayWidth(r[i] ?? ''))));
  return cells.map((r) => r.map((c, i) => (numeric[i] === true ? padStartWidth(c, widths[i] ?? 0) : padEndWidth(c, widths[i] ?? 0))).join('  ').trimEnd());
}

export function renderSummaryText(s: StoreSummary, lang: Lang): string {
  const t = STORE_TEXT[lang];
  const out: string[] = [];
  const pct = (n: number, d: number): string => (d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`);
  const sep = lang === 'zh' ? '、' : ', ';
  out.push(t.title(s.stores.join(sep)));
  out.push(t.apps(s.apps.total, s.apps.ok, s.apps.error));
  for (const v of s.versions) out.push(t.version(v.apps, v.tool, v.catalogue));
  out.push('');
  out.push(t.clauses);
  out.push(...table([t.clauseCol, ...t.verdictCols], s.clauses.map((c) => [`${c.clause}. ${c.title[lang]}`, c.pass, c.review, c.warn, c.fail])));
  out.push(...table([t.worstCol, ...t.verdictCols], [[t.allClauses, s.verdicts.pass, s.verdicts.review, s.verdicts.warn, s.verdicts.fail]]));
  out.push('');
  out.push(t.sdks(s.sdks.length));
  for (const sdk of s.sdks) {
    out.push(`  ${plain(sdk.name)} [${sdk.id}] (${plain(sdk.vendor)}, ${sdkCategoryLabel(sdk.category, lang)}): ${t.sdkApps(sdk.apps, pct(sdk.apps, s.apps.ok))}`);
    if (sdk.pi.length > 0) out.push(`    ${t.reads}: ${sdk.pi.map((p) => t.piApps(p.label, p.apps)).join(sep)}`);
  }
  out.push('');
  out.push(t.consent(s.beforeConsent.apps, pct(s.beforeConsent.apps, s.apps.ok)));
  for (const [check, n] of Object.entries(s.beforeConsent.byCheck)) out.push(`  ${t.checkApps(check, n)}`);
  for (const a of s.beforeConsent.list) out.push(`  - ${appLabel(a, lang)}  [${a.checks.join(', ')}]`);
  if (s.beforeConsent.list.length < s.beforeConsent.apps) out.push(`  ${t.more(s.beforeConsent.apps - s.beforeConsent.list.length)}`);
  out.push('');
  out.push(t.undeclared(UNDECLARED_SDK_CHECK, s.undeclaredSdks.apps));
  for (const a of s.undeclaredSdks.list) out.push(`  - ${appLabel(a, lang)}${a.sdks.length > 0 ? `  [${a.sdks.map(plain).join(', ')}]` : ''}`);
  if (s.undeclaredSdks.list.length < s.undeclaredSdks.apps) out.push(`  ${t.more(s.undeclaredSdks.apps - s.undeclaredSdks.list.length)}`);
  out.push('');
  out.push(t.errors(s.apps.error, s.clauseErrors));
  if (s.errors.length > 0) out.push(...table(t.errorCols, s.errors.map((e) => [e.code, e.apps, errorMeaning(e.code, lang)])).map((l) => `  ${l}`));
  out.push('');
  out.push(t.coverage(s.coverage.complete, s.coverage.incomplete, s.coverage.dexFailed));
  for (const n of s.coverage.notes) out.push(`  ${t.noteApps(n.code, n.apps)}`);
  return `${out.join('\n')}\n`;
}
