import type { SdkFinding } from '../../src/facts/sdk-inventory.js';
import { sdkDisplayName } from '../../src/facts/app-facts.js';
export { sdkEvidence, sdkOwner } from '../../src/facts/evidence.js';

/** SDK categories whose business is profiling or reaching users (marketing in clause 4's sense). */
export const MARKETING = new Set(['ads', 'attribution', 'analytics', 'push']);
/** Categories with no disclosed function for monitoring (clause 5). */
export const ADS_ANALYTICS = new Set(['ads', 'analytics', 'attribution']);

/** TEMPORARY (issue 11): for the unsplit clause modules; split checks hand over f.record.id. */
export function sdkName(f: SdkFinding, lang: 'en' | 'zh'): string {
  return lang === 'zh' ? (f.record.name.zh ?? f.record.name.en) : sdkDisplayName(f.record);
}
