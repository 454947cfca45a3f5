import type { ClauseDefinition as ClauseModule } from '../engine/check.js';
import type { Lang, Verdict } from '../model/index.js';
import { renderCodeQuality } from './codequality.js';
import { renderGitlabSast } from './gitlab-sast.js';
import { renderSonarQube } from './sonarqube.js';
import { defaultDocsBaseUrl } from './docs-url.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import type { AuditRecord } from './model.js';
import { renderSarif } from './sarif.js';
import { renderTerminal } from './terminal.js';

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'junit', 'markdown', 'html', 'codequality', 'gitlab-sast', 'sonarqube'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOptions {
  lang: Lang;
  /** Terminal colour (text format only). */
  color: boolean;
  /** Every finding with all its evidence (text format only). */
  verbose: boolean;
  /** The clause modules that ran: SARIF describes their checks as rules. */
  clauses: readonly ClauseModule[];
  /** Working directory: SARIF artifact URIs are relative to it. */
  cwd?: string;
  /** Absolute base URL of the docs for SARIF helpUri; null for none; default from package.json. */
  docsBaseUrl?: string | null;
  /** SARIF analysis category (automationDetails.id); default pledge-audit. */
  sarifCategory?: string;
  /** Findings listed per app in Markdown (default 10). */
  maxFindings?: number;
  /** The gate of the run (JUnit fails testcases at or above it); default fail. */
  failOn?: Verdict | 'never';
  /** When the audit started and ended (GitLab SAST requires both); default: now. */
  scanTime?: { start: Date; end: Date };
}

/**
 * JSON keeps app text verbatim (it is data), but C1 controls, bidi controls and line/paragraph
 * separators are written as \u escapes so that a JSON file shown in a terminal or an editor cannot
 * be reordered or recoloured; JSON.stringify already escapes C0 controls and lone surrogates.
 */
export function escapeJsonInvisible(json: string): string {
  return json.replace(/[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Every output format behind one call, for the CLI and for library users. */
export function renderRecords(records: readonly AuditRecord[], format: ReportFormat, o: RenderOptions): string {
  switch (format) {
    case 'text':
      return renderTerminal(records, { lang: o.lang, color: o.color, verbose: o.verbose });
    case 'json':
      return escapeJsonInvisible(renderJson(records));
    case 'sarif': {
      const base = o.docsBaseUrl === undefined ? defaultDocsBaseUrl() : (o.docsBaseUrl ?? undefined);
      return renderSarif(records, { lang: o.lang, clauses: o.clauses, ...(o.cwd === undefined ? {} : { cwd: o.cwd }), ...(base === undefined ? {} : { docsBaseUrl: base }), ...(o.sarifCategory === undefined ? {} : { category: o.sarifCategory }) });
    }
    case 'junit':
      return renderJunit(records, { lang: o.lang, clauses: o.clauses, ...(o.failOn === undefined ? {} : { failOn: o.failOn }) });
    case 'markdown':
      return renderMarkdown(records, { lang: o.lang, ...(o.maxFindings === undefined ? {} : { maxFindings: o.maxFindings }) });
    case 'html':
      return renderHtml(records, { lang: o.lang });
    case 'codequality':
      return renderCodeQuality(records, { lang: o.lang, ...(o.cwd === undefined ? {} : { cwd: o.cwd }) });
    case 'gitlab-sast': {
      const base = o.docsBaseUrl === undefined ? defaultDocsBaseUrl() : (o.docsBaseUrl ?? undefined);
      const now = new Date();
      return renderGitlabSast(records, {
        lang: o.lang,
        clauses: o.clauses,
        ...(o.cwd === undefined ? {} : { cwd: o.cwd }),
        ...(base === undefined ? {} : { docsBaseUrl: base }),
        startTime: o.scanTime?.start ?? now,
        endTime: o.scanTime?.end ?? now,
      });
    }
    case 'sonarqube':
      return renderSonarQube(records, { lang: o.lang, clauses: o.clauses, ...(o.cwd === undefined ? {} : { cwd: o.cwd }) });
  }
}
