import { beforeAll, describe, expect, it } from 'vitest';
import { CLAUSES } from '../../rules/index.js';
import type { AuditRecord } from '../../src/report/model.js';
import { REPORT_FORMATS, renderRecords, type ReportFormat } from '../../src/report/render.js';
import { REPO } from '../helpers/corpus.js';
import { hostileApk, hostileErrorRecord, hostileReport, hostileTextManifest, MEGABYTE } from './hostile.js';
import { parseJunit, validateJunit } from './junit-xsd.js';
import { githubProblems, sarifValidator, type SarifLog } from './sarif-schema.js';

/** Raw characters no output may carry: controls (but tab and line breaks), bidi controls, lone surrogates. */
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function unsafeAt(s: string): string | undefined {
  const m = UNSAFE.exec(s);
  return m === null ? undefined : `U+${m[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${m.index}: …${JSON.stringify(s.slice(Math.max(0, m.index - 60), m.index + 20))}`;
}

function walkStrings(v: unknown, visit: (s: string, path: string) => void, path = '$'): void {
  if (typeof v === 'string') visit(v, path);
  else if (Array.isArray(v)) v.forEach((x, i) => walkStrings(x, visit, `${path}[${i}]`));
  else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) walkStrings(x, visit, `${path}.${k}`);
}

const validateSarif = sarifValidator();
let records: AuditRecord[] = [];
const outputs = new Map<ReportFormat, string>();

beforeAll(async () => {
  records = [await hostileTextManifest(), await hostileApk(), await hostileReport(), hostileErrorRecord()];
  for (const f of REPORT_FORMATS) outputs.set(f, renderRecords(records, f, { lang: 'en', color: false, verbose: true, clauses: CLAUSES, cwd: REPO, docsBaseUrl: null }));
});

function out(f: ReportFormat): string {
  const s = outputs.get(f);
  if (s === undefined) throw new Error(f);
  return s;
}

describe('hostile app strings in every format', () => {
  it('the pipeline keeps the payload: the inputs really are hostile', () => {
    const [text, apk] = records;
    if (text?.status !== 'ok' || apk?.status !== 'ok') throw new Error('hostile inputs did not audit');
    expect(text.target.label).toContain('<script>');
    expect(text.target.label).toContain('\u001b[31m');
    // build.ts bounds app text once for every reporter.
    expect(text.target.label?.length).toBe(1024);
    expect(apk.target.label).toContain('\u0000nul');
    expect(apk.target.label).toContain('\u202e');
    expect(apk.clauses.flatMap((c) => c.findings).some((f) => f.message.en.includes('<img src=x onerror'))).toBe(true);
  });

  it.each(REPORT_FORMATS.filter((f) => f !== 'json'))('%s: no raw control, bidi or lone-surrogate character, and no megabyte string', (f) => {
    const s = out(f);
    expect(unsafeAt(s)).toBeUndefined();
    // Six megabyte strings went in (two labels, message en/zh, detail, error message).
    expect(s.length).toBeLessThan(MEGABYTE.length);
  });

  it('json: no raw control, bidi or lone-surrogate character; audited input is bounded by the model', () => {
    expect(unsafeAt(out('json'))).toBeUndefined();
    // JSON is the model verbatim: build.ts bounds what an audit puts in it, so only audited
    // inputs are expected to come out small (the hand-made report keeps its megabytes as data).
    expect(renderRecords(records.slice(0, 2), 'json', { lang: 'en', color: false, verbose: false, clauses: CLAUSES }).length).toBeLessThan(MEGABYTE.length / 4);
  });

  it('text: escapes are shown, not interpreted', () => {
    expect(out('text')).toContain('\\u{1b}[31mRED');
    expect(out('text')).not.toContain('\u001b[31mRED');
  });

  it('json: parses, and the model keeps app text as data (escaped in the file)', () => {
    const parsed = JSON.parse(out('json')) as { target: { label: string | null } }[];
    expect(parsed[0]?.target.label).toContain('<script>');
    expect(out('json')).toContain('\\u202e');
  });

  it('sarif: schema-valid, code-scanning-ready, every string clean and bounded', () => {
    const log = JSON.parse(out('sarif')) as SarifLog;
    expect(validateSarif(log)).toEqual([]);
    expect(githubProblems(log)).toEqual([]);
    walkStrings(log, (s, path) => {
      expect(unsafeAt(s), path).toBeUndefined();
      expect(s.length, path).toBeLessThan(5000);
    });
    expect(JSON.stringify(log)).toContain('<script>document.title');
  });

  it('junit: valid junit-10, the payload is text in attributes and bodies', () => {
    const xml = out('junit');
    expect(validateJunit(xml)).toEqual([]);
    const root = parseJunit(xml);
    const names = new Set<string>();
    const walk = (e: ReturnType<typeof parseJunit>): void => {
      names.add(e.name);
      e.children.forEach(walk);
    };
    walk(root);
    expect([...names].filter((n) => !['testsuites', 'testsuite', 'properties', 'property', 'testcase', 'failure', 'skipped', 'error', 'system-out'].includes(n))).toEqual([]);
    const label = root.children[0]?.children[0]?.children.find((p) => p.attrs.name === 'label')?.attrs.value;
    expect(label).toContain(`<script>document.title='PWNED-SCRIPT'`);
  });

  it('markdown: no HTML of the app, no links or images, pipes cannot break the table, no mentions', () => {
    const md = out('markdown');
    const withoutOurTags = md.replace(/<\/?(details|summary)>|<br>/g, '');
    expect(withoutOurTags).not.toContain('<');
    expect(md).not.toMatch(/(?<!\\)\[/);
    expect(md).not.toMatch(/(?<!\\)`code/);
    expect(md).not.toMatch(/@octocat/);
    expect(md).toContain('@\u2060octocat');
    for (const row of md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| #'))) {
      expect(row.replace(/\\\|/g, '').split('|'), row.slice(0, 120)).toHaveLength(6);
    }
    expect(md).toContain('&#60;script&#62;');
  });

  it('html: the payload is text; no script, image, external URL or style break', () => {
    const html = out('html');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html.match(/<\/style>/g)).toHaveLength(1);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:|\/\/|data:)/i);
    expect(html.slice(html.indexOf('<style>'), html.indexOf('</style>'))).not.toMatch(/url\(|@import/i);
    expect(html).toContain('&#60;script&#62;document.title=&#39;PWNED-SCRIPT&#39;');
    expect(html).toContain('&#60;img src=x onerror=&#34;document.title=&#39;PWNED-IMG&#39;');
  });
});
