import type { FindingVerdict, Lang } from '../model/index.js';
import { ciFingerprint, findingPlace, shownFindings } from './ci-place.js';
import type { AuditRecord } from './model.js';
import { cleanText } from './sanitize.js';

/**
 * GitLab Code Quality (`artifacts:reports:codequality`): a JSON array of Code Climate issues with the
 * fields GitLab reads (description, check_name, fingerprint, severity, location.path and
 * location.lines.begin). The merge-request widget shows what a branch adds or fixes compared with
 * its target, matched on the fingerprint. Suppressed findings are left out (they are accepted);
 * baselined ones stay (the widget compares branches itself). Inputs that could not be analysed
 * have no issue: they are on stderr and in the exit status.
 */
export interface CodeQualityOptions {
  lang: Lang;
  cwd?: string;
}

/** fail → critical, warn → major, review → minor, on GitLab's info…blocker scale. */
const SEVERITY: Record<FindingVerdict, 'critical' | 'major' | 'minor'> = { fail: 'critical', warn: 'major', review: 'minor' };

export function renderCodeQuality(records: readonly AuditRecord[], o: CodeQualityOptions): string {
  const issues: unknown[] = [];
  for (const { report: r, finding: f } of shownFindings(records)) {
    const place = findingPlace(r, f, o.cwd);
    issues.push({
      type: 'issue',
      check_name: f.check,
      description: cleanText(`[${f.verdict}] ${f.message[o.lang]}`, { max: 2000 }),
      categories: ['Security'],
      fingerprint: ciFingerprint(r, f),
      severity: SEVERITY[f.verdict],
      location: { path: place.path, lines: { begin: place.line ?? 1 } },
    });
  }
  return `${JSON.stringify(issues, null, 2)}\n`;
}
