import type { ClauseDefinition as ClauseModule } from '../engine/check.js';
import type { FindingVerdict, Lang } from '../model/index.js';
import { ciFingerprint, ciUuid, findingPlace } from './ci-place.js';
import { checkIndex, docsPath } from './checks.js';
import type { AuditRecord } from './model.js';
import { cleanText } from './sanitize.js';

/**
 * GitLab's SAST report (`artifacts:reports:sast`, security-report-schemas 15.2.1), read by the
 * Vulnerability Report and the merge-request security widget. One vulnerability per finding
 * (suppressed ones left out). GitLab tells vulnerabilities apart by their primary identifier and
 * location; evidence inside an APK has no line, so two facts in one APK would merge under a
 * check-level identifier. The primary identifier is therefore the fact (`pledge_audit_finding`,
 * the finding fingerprint within its app: stable across rebuilds), the second the check.
 */
export interface GitlabSastOptions {
  lang: Lang;
  clauses: readonly ClauseModule[];
  cwd?: string;
  /** Absolute base URL of the docs (identifier and link URLs); none without it. */
  docsBaseUrl?: string;
  /** When the audit started and ended (UTC). The report model has no clock; the caller says. */
  startTime: Date;
  endTime: Date;
}

export const SAST_SCHEMA_VERSION = '15.2.1';
export const SAST_SCHEMA_URL = `https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v${SAST_SCHEMA_VERSION}/dist/sast-report-format.json`;
const SEVERITY: Record<FindingVerdict, 'High' | 'Medium' | 'Low'> = { fail: 'High', warn: 'Medium', review: 'Low' };

/** yyyy-mm-ddThh:mm:ss in UTC, as the schema asks. */
export function sastTime(d: Date): string {
  return d.toISOString().slice(0, 19);
}

export function renderGitlabSast(records: readonly AuditRecord[], o: GitlabSastOptions): string {
  const index = checkIndex(o.clauses);
  const base = o.docsBaseUrl?.replace(/\/+$/, '');
  const docs = (check: string): string | undefined => (base === undefined ? undefined : `${base}/${docsPath(check)}`);
  const vulnerabilities: unknown[] = [];
  const messages: { level: 'info' | 'warn' | 'fatal'; value: string }[] = [];
  for (const r of records) {
    if (r.status !== 'ok') {
      messages.push({ level: 'warn', value: cleanText(`${r.target.file}: ${r.error.code}: ${r.error.message}`, { max: 2000 }) });
      continue;
    }
    for (const c of r.clauses) {
      for (const e of c.errors ?? []) messages.push({ level: 'warn', value: cleanText(`${r.target.file}: ${e.code} ${e.check}: ${e.message}`, { max: 2000 }) });
      for (const f of c.findings) {
        if (f.suppressed !== undefined) continue;
        const meta = index.get(f.check)?.meta;
        const place = findingPlace(r, f, o.cwd);
        const fp = ciFingerprint(r, f);
        const url = docs(f.check);
        const location: Record<string, unknown> = { file: place.path };
        if (place.line !== undefined) Object.assign(location, { start_line: place.line, end_line: place.line });
        if (place.className !== undefined) location.class = place.className;
        if (place.method !== undefined) location.method = place.method;
        const evidence = f.evidence.slice(0, 10).map((e) => e.detail).filter((d): d is string => d !== undefined && d !== '');
        const v: Record<string, unknown> = {
          id: ciUuid(r, f),
          name: cleanText(meta?.title[o.lang] ?? f.check, { max: 255 }),
          description: cleanText([`[${f.verdict}] ${f.message[o.lang]}`, ...(meta === undefined ? [] : [meta.docs.basis[o.lang]]), ...evidence.map((d) => `- ${d}`)].join('\n\n'), { max: 60000, multiline: true }),
          severity: SEVERITY[f.verdict],
          identifiers: [
            { type: 'pledge_audit_finding', name: `${f.check} ${fp.slice(0, 8)}`, value: fp },
            { type: 'pledge_audit_check', name: f.check, value: f.check, ...(url === undefined ? {} : { url }) },
          ],
          location,
        };
        if (meta !== undefined) v.solution = cleanText(meta.docs.fix[o.lang], { max: 7000, multiline: true });
        if (url !== undefined) v.links = [{ name: f.check, url }];
        vulnerabilities.push(v);
      }
    }
  }
  const tool = records[0]?.tool ?? { name: 'pledge-audit', version: '0.0.0' };
  const who = { id: 'pledge-audit', name: 'pledge-audit', version: tool.version, vendor: { name: 'pledge-audit' }, ...(base === undefined ? {} : { url: base }) };
  const analysed = records.some((r) => r.status === 'ok');
  const report = {
    version: SAST_SCHEMA_VERSION,
    schema: SAST_SCHEMA_URL,
    scan: {
      analyzer: who,
      scanner: who,
      type: 'sast',
      start_time: sastTime(o.startTime),
      end_time: sastTime(o.endTime),
      status: analysed || records.length === 0 ? 'success' : 'failure',
      messages,
    },
    vulnerabilities,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
