import { createHash } from 'node:crypto';
import { isAbsolute, join, posix, relative, resolve } from 'node:path';
import type { Location, SourceRef } from '../model/index.js';
import { descriptorToJava, methodToJava } from './location.js';
import type { AuditRecord, AuditReport, ReportFinding as Finding } from './model.js';
import { cleanText } from './sanitize.js';

/**
 * Where a CI service (GitLab Code Quality and SAST, SonarQube) should show a finding: a file of the
 * repository, relative to the working directory with forward slashes, and a line and column when
 * the evidence has a source place (a file under --source-root, or a line of a plain-text manifest
 * input). The one place the three formats map report locations.
 */
export interface CiPlace {
  /** Repository-relative path, `/`-separated (never absolute: GitLab and SonarQube match it against the checkout). */
  path: string;
  /** 1-based line in `path`, when the evidence lies in that file and has one. */
  line?: number;
  /** 1-based column, with `line`. */
  column?: number;
  /** Java class (`com.a.B`) and method (`c(int)`) of code evidence. */
  className?: string;
  method?: string;
}

/** The input path as the CI service sees it: relative to `cwd` (the path as given without one), `/`-separated. */
export function repositoryPath(path: string, cwd: string | undefined): string {
  let p = path;
  if (cwd !== undefined) {
    const rel = relative(cwd, isAbsolute(path) ? path : resolve(cwd, path));
    if (rel !== '') p = rel;
  }
  return cleanText(posix.normalize(p.replace(/\\/g, '/')), { max: 4096 });
}

/**
 * The file and line the evidence has in source: a file under the report's source root
 * (--source-root), or a line of the input itself (a plain-text manifest). Evidence inside an APK
 * without a source place (a DEX method, binary XML, an asset) has no line in the file the service
 * shows, the APK.
 */
function sourcePlace(report: AuditReport, s: SourceRef | undefined, cwd: string | undefined): Pick<CiPlace, 'path' | 'line' | 'column'> | undefined {
  if (s === undefined) return undefined;
  let path: string;
  if (s.base === 'input') path = repositoryPath(report.target.path, cwd);
  else if (report.sourceRoot !== undefined) path = repositoryPath(join(report.sourceRoot, s.file), cwd);
  else return undefined;
  if (s.line === undefined) return { path };
  return s.column === undefined ? { path, line: s.line } : { path, line: s.line, column: s.column };
}

function codePlace(l: Location): { className?: string; method?: string } {
  if (l.kind !== 'dex') return {};
  const arrow = l.method.indexOf('->');
  if (arrow < 0) return { className: cleanText(descriptorToJava(l.method), { max: 500 }) };
  const java = methodToJava(l.method);
  const hash = java.indexOf('#');
  return hash < 0 ? { className: cleanText(java, { max: 500 }) } : { className: cleanText(java.slice(0, hash), { max: 500 }), method: cleanText(java.slice(hash + 1), { max: 500 }) };
}

/** The place of a finding: its first piece of evidence, in source when it has a source place, else in the input file. */
export function findingPlace(report: AuditReport, f: Finding, cwd: string | undefined): CiPlace {
  const first = f.evidence[0];
  if (first === undefined) return { path: repositoryPath(report.target.path, cwd) };
  return { ...(sourcePlace(report, first.source, cwd) ?? { path: repositoryPath(report.target.path, cwd) }), ...codePlace(first.location) };
}

/**
 * A finding's identity for a CI service: the finding fingerprint (check, primary place, the fact's
 * own identity: src/engine/fingerprint.ts) within its app, so that one fact in two apps audited in
 * one run is two issues. 32 hex digits, as GitLab's examples (an MD5's length).
 */
export function ciFingerprint(report: AuditReport, f: Finding): string {
  return createHash('sha256').update(`${report.target.package}\n${f.fingerprint}`).digest('hex').slice(0, 32);
}

/** A deterministic UUID (version 5 layout) from a finding's CI fingerprint, for formats that want UUIDs. */
export function ciUuid(report: AuditReport, f: Finding): string {
  const h = createHash('sha1').update(`pledge-audit\n${ciFingerprint(report, f)}`).digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x50;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** The findings a CI service is shown: those of the analysed apps that no suppression hides. */
export function* shownFindings(records: readonly AuditRecord[]): Generator<{ report: AuditReport; finding: Finding }> {
  for (const report of records) {
    if (report.status !== 'ok') continue;
    for (const c of report.clauses) {
      for (const finding of c.findings) if (finding.suppressed === undefined) yield { report, finding };
    }
  }
}
