import type { ClauseDefinition as ClauseModule } from '../engine/check.js';
import type { FindingVerdict, Lang } from '../model/index.js';
import { findingPlace, shownFindings } from './ci-place.js';
import { checkIndex, worstVerdict } from './checks.js';
import type { AuditRecord } from './model.js';
import { cleanText } from './sanitize.js';

/**
 * SonarQube's generic external-issues report (`sonar.externalIssuesReportPaths`), in the format of
 * SonarQube 10.3 and later: `rules` (one per check that has an issue: its id, title, basis and fix,
 * the Clean Code attribute LAWFUL, and a security impact) and `issues` (rule id and the primary
 * location: message, file, and a line when the evidence has one in that file). The rule carries the
 * deprecated type and severity too, for servers in the Standard Experience. Issues carry no
 * severity of their own in this format: the rule's is the worst verdict its check can give.
 * Suppressed findings are left out. SonarQube keeps issues only on files it indexes (`sonar.sources`).
 */
export interface SonarQubeOptions {
  lang: Lang;
  clauses: readonly ClauseModule[];
  cwd?: string;
}

export const SONAR_ENGINE = 'pledge-audit';
const IMPACT: Record<FindingVerdict, 'HIGH' | 'MEDIUM' | 'LOW'> = { fail: 'HIGH', warn: 'MEDIUM', review: 'LOW' };
const SEVERITY: Record<FindingVerdict, 'CRITICAL' | 'MAJOR' | 'MINOR'> = { fail: 'CRITICAL', warn: 'MAJOR', review: 'MINOR' };

export function renderSonarQube(records: readonly AuditRecord[], o: SonarQubeOptions): string {
  const index = checkIndex(o.clauses);
  const rules = new Map<string, unknown>();
  const issues: unknown[] = [];
  for (const { report: r, finding: f } of shownFindings(records)) {
    if (!rules.has(f.check)) {
      const meta = index.get(f.check)?.meta;
      const worst = meta === undefined ? f.verdict : worstVerdict(meta.verdicts);
      rules.set(f.check, {
        id: f.check,
        name: cleanText(meta?.title[o.lang] ?? f.check, { max: 200 }),
        description: cleanText(meta === undefined ? f.check : `${meta.docs.basis[o.lang]}\n\n${meta.docs.fix[o.lang]}`, { max: 4000, multiline: true }),
        engineId: SONAR_ENGINE,
        cleanCodeAttribute: 'LAWFUL',
        type: 'VULNERABILITY',
        severity: SEVERITY[worst],
        impacts: [{ softwareQuality: 'SECURITY', severity: IMPACT[worst] }],
      });
    }
    const place = findingPlace(r, f, o.cwd);
    const location: Record<string, unknown> = { message: cleanText(`[${f.verdict}] ${f.message[o.lang]}`, { max: 2000 }), filePath: place.path };
    if (place.line !== undefined) location.textRange = { startLine: place.line };
    issues.push({ ruleId: f.check, effortMinutes: 0, primaryLocation: location });
  }
  return `${JSON.stringify({ rules: [...rules.values()], issues }, null, 2)}\n`;
}
