import type { ApiUse } from '../../src/facts/api-uses.js';
import { ownerKey } from '../../src/model/index.js';
import { groupBy } from './group-by.js';

/** PI uses grouped by who holds them (first party, each SDK, unattributed code), in first-seen order. */
export function usesByOwner(uses: readonly ApiUse[]): ApiUse[][] {
  return [...groupBy(uses, (u) => ownerKey(u.owner)).values()];
}
