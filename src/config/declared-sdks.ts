import { declaredCovers } from '../engine/declared-sdks.js';
import type { AuditReport, DeclaredSdkStatus } from '../report/model.js';
import { loadCatalogue } from '../sdk/catalogue.js';
import type { PledgeConfig } from './config.js';

let packagesById: Map<string, readonly string[]> | undefined;

/** The report keeps SDK ids, not their packages; the catalogue the audit used has them. */
function sdkPackages(id: string): readonly string[] {
  packagesById ??= new Map(loadCatalogue().sdks.map((r) => [r.id, r.packages]));
  return packagesById.get(id) ?? [];
}

/**
 * Every entry of the config's declared SDK list, with whether a detected SDK matches it. Declared
 * but not detected is information, not a verdict. (An SDK detected but not declared is the
 * clause-9 check c09/undeclared-sdk, which the audit runs with the same list.)
 */
export function declaredSdkStatus(report: AuditReport, config: PledgeConfig): DeclaredSdkStatus[] {
  return (config.sdks ?? []).map((d) => {
    const matches = report.sdks.filter((s) => declaredCovers(d.package, sdkPackages(s.id))).map((s) => s.id);
    return { name: d.name, package: d.package, detected: matches.length > 0, matches };
  });
}
