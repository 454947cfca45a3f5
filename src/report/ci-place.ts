import { createHash } from 'node:crypto';
import { isAbsolute, posix, relative, resolve } from 'node:path';
import type { Location } from '../model/index.js';
import { descriptorToJava, methodToJava } from './location.js';
import type { AuditRecord, AuditReport, ReportFinding as Finding } from './model.js';
import { cleanText } from './sanitize.js';

/**
 * Where a CI service (GitLab Code Quality and SAST, SonarQube) should show a finding: a file of the
 * repository, relative to the working directory with forward slashes, and a line and column when
 * the evidence has them in that file. The one place the three formats map report locations, so
 * that a richer location (a source file and line found under a source root) needs one change here.
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

function positive(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : undefined;
}

/**
 * A line and column that refer to the input file itself. Evidence inside an APK (a DEX method, a
 * manifest element of the binary XML, an asset) has no line in the file the service shows (the APK);
 * a plain-text manifest given as input is that file, so its locations' lines are lines of it.
 */
function lineInInput(report: AuditReport, l: Location): { line?: number; column?: number } {
  if (report.target.kind !== 'text-manifest' || l.kind === 'app') return {};
  const at = l as { line?: unknown; column?: unknown };
  const line = positive(at.line);
  if (line === undefined) return {};
  const column = positive(at.column);
  return column === undefined ? { line } : { line, column };
}

function codePlace(l: Location): { className?: string; method?: string } {
  if (l.kind !== 'dex') return {};
  const arrow = l.method.indexOf('->');
  if (arrow < 0) return { className: cleanText(descriptorToJava(l.method), { max: 500 }) };
  const java = methodToJava(l.method);
  const hash = java.indexOf('#');
  return hash < 0 ? { className: cleanText(java, { max: 500 }) } : { className: cleanText(java.slice(0, hash), { max: 500 }), method: cleanText(java.slice(hash + 1), { max: 500 }) };
}

/** The place of a finding: its first piece of evidence, in the input file. */
export function findingPlace(report: AuditReport, f: Finding, cwd: string | undefined): CiPlace {
  const place: CiPlace = { path: repositoryPath(report.target.path, cwd) };
  const first = f.evidence[0]?.location;
  if (first === undefined) return place;
  return { ...place, ...lineInInput(report, first), ...codePlace(first) };
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
