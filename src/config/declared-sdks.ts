import { declaredCovers, isDeclared, packageList, UNDECLARED_SDK_CHECK, UNDECLARED_SDK_MESSAGES } from '../engine/declared-sdks.js';
import { fingerprint } from '../engine/fingerprint.js';
import { renderLocalized } from '../engine/render.js';
import { compareFindings } from '../engine/run.js';
import type { Evidence, Finding, Owner } from '../engine/types.js';
import { sdkDisplayName } from '../facts/app-facts.js';
import type { AuditReport, DeclaredSdkStatus, SdkEntry } from '../report/model.js';
import { loadCatalogue } from '../sdk/catalogue.js';
import type { PledgeConfig } from './config.js';
import { recomputeVerdicts } from './verdicts.js';

export interface DeclaredSdkDiff {
  /** c09/undeclared-sdk warns the report does not hold yet (empty when the engine check already ran). */
  findings: Finding[];
  /** Every declared entry, with whether a detected SDK matches it. */
  declaredSdks: DeclaredSdkStatus[];
}

let packagesById: Map<string, readonly string[]> | undefined;

/** The report keeps SDK ids, not their packages; the catalogue the audit used has them. */
function sdkPackages(id: string): readonly string[] {
  packagesById ??= new Map(loadCatalogue().sdks.map((r) => [r.id, r.packages]));
  return packagesById.get(id) ?? [];
}

function ownerOf(e: Evidence | undefined): string | undefined {
  return e?.owner?.kind === 'sdk' ? e.owner.id : undefined;
}

/**
 * The evidence the engine check would lead with: the one c09/sdk-inventory shows for this SDK
 * (both take sdkEvidence()[0]), so that the fingerprint, and with it baselines and suppressions,
 * do not depend on which of the two produced the finding.
 */
function primaryEvidence(report: AuditReport, sdk: SdkEntry, owner: Owner): Evidence {
  const inventory = report.clauses.find((c) => c.clause === 9)?.findings.find((f) => f.check === 'c09/sdk-inventory');
  const shown = inventory?.evidence.find((e) => ownerOf(e) === sdk.id);
  return shown ?? { location: { kind: 'app' }, owner, detail: `found by ${sdk.foundBy.join(', ')}` };
}

/**
 * The config's declared SDK list against the SDKs the report detected: a clause-9 warn for each
 * detected SDK no entry covers, and the status of every entry (declared but not detected is
 * information only; it has no verdict).
 */
export function declaredSdkDiff(report: AuditReport, config: PledgeConfig): DeclaredSdkDiff {
  const declared = config.sdks;
  if (declared === undefined) return { findings: [], declaredSdks: [] };
  const lang = report.options.lang;
  const existing = report.clauses.flatMap((c) => c.findings.filter((f) => f.check === UNDECLARED_SDK_CHECK));
  const findings: Finding[] = [];
  for (const sdk of report.sdks) {
    const packages = sdkPackages(sdk.id);
    if (isDeclared(packages, declared)) continue;
    const owner: Owner = { kind: 'sdk', id: sdk.id, name: sdkDisplayName(sdk) };
    const evidence = primaryEvidence(report, sdk, owner);
    const fp = fingerprint(UNDECLARED_SDK_CHECK, evidence.location, 'undeclared');
    if (existing.some((f) => f.fingerprint === fp || ownerOf(f.evidence[0]) === sdk.id)) continue;
    const name = lang === 'zh' ? (sdk.name.zh ?? sdk.name.en) : sdkDisplayName(sdk);
    findings.push({
      check: UNDECLARED_SDK_CHECK,
      clause: 9,
      verdict: 'warn',
      messageId: 'undeclared',
      message: renderLocalized(UNDECLARED_SDK_MESSAGES.undeclared, { sdk: name, packages: packageList(packages) }),
      evidence: [evidence],
      fingerprint: fp,
    });
  }
  const declaredSdks = declared.map((d) => {
    const matches = report.sdks.filter((s) => declaredCovers(d.package, sdkPackages(s.id))).map((s) => s.id);
    return { name: d.name, package: d.package, detected: matches.length > 0, matches };
  });
  return { findings, declaredSdks };
}

/** declaredSdkDiff applied: the warns added to clause 9, the list set on the report, verdicts recomputed. */
export function applyDeclaredSdks(report: AuditReport, config: PledgeConfig): AuditReport {
  if (config.sdks === undefined) return report;
  const diff = declaredSdkDiff(report, config);
  const clauses = report.clauses.map((c) => (c.clause === 9 && diff.findings.length > 0 ? { ...c, findings: [...c.findings, ...diff.findings].sort(compareFindings) } : c));
  return recomputeVerdicts({ ...report, clauses, declaredSdks: diff.declaredSdks });
}
