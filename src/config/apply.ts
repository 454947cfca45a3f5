import type { AuditRecord } from '../report/model.js';
import { applyBaseline, type Baseline } from './baseline.js';
import type { PledgeConfig } from './config.js';
import { applyDeclaredSdks } from './declared-sdks.js';
import { applySuppressions } from './suppressions.js';

export interface ApplyConfigOptions {
  /** YYYY-MM-DD, for suppression expiry (localDate(new Date()) in the CLI). */
  today: string;
  baseline?: Baseline;
}

/**
 * Everything the config and a baseline do to finished reports, in the one order that works: the
 * declared-SDK warns are added first (so that they can be suppressed and baselined), then
 * suppressions (so that a suppressed finding never uses up a baseline entry), then the baseline.
 * Error records pass through unchanged.
 */
export function applyConfig(records: readonly AuditRecord[], config: PledgeConfig | undefined, o: ApplyConfigOptions): AuditRecord[] {
  let out: AuditRecord[] = records.map((r) => {
    if (r.status !== 'ok' || config === undefined) return r;
    return applySuppressions(applyDeclaredSdks(r, config), config, o.today);
  });
  if (o.baseline !== undefined) out = applyBaseline(out, o.baseline);
  return out;
}
