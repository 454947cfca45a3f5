import type { ClauseDefinition } from '../engine/check.js';
import type { AuditRecord } from '../report/model.js';
import { applyBaseline, type Baseline } from './baseline.js';
import type { PledgeConfig } from './config.js';
import { declaredSdkStatus } from './declared-sdks.js';
import { applySuppressions } from './suppressions.js';

export interface ApplyConfigOptions {
  /** YYYY-MM-DD, for suppression expiry (localDate(new Date()) in the CLI). */
  today: string;
  baseline?: Baseline;
  /** The clauses the audit ran: verdicts are decided again with their rule. */
  clauses: readonly ClauseDefinition[];
}

/**
 * Everything the config and a baseline do to finished reports, in the one order that works: the
 * declared-SDK list's status is recorded, then suppressions (so that a suppressed finding never
 * uses up a baseline entry), then the baseline. Error records pass through unchanged.
 */
export function applyConfig(records: readonly AuditRecord[], config: PledgeConfig | undefined, o: ApplyConfigOptions): AuditRecord[] {
  let out: AuditRecord[] = records.map((r) => {
    if (r.status !== 'ok' || config === undefined) return r;
    const withList = config.sdks === undefined ? r : { ...r, declaredSdks: declaredSdkStatus(r, config) };
    return applySuppressions(withList, config, o.today, o.clauses);
  });
  if (o.baseline !== undefined) out = applyBaseline(out, o.baseline, o.clauses);
  return out;
}
