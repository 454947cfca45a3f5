import type { AppFacts } from '../../src/facts/app-facts.js';
import type { ApiUse } from '../../src/facts/api-uses.js';
import type { ReachHit, StartupRoot } from '../../src/facts/reach.js';

/** A personal-information read reached from a startup root with no consent gate on the path (E2). */
export type UngatedPiHit = ReachHit & { use: ApiUse };

/** The PI reads of the startup call graph that no consent gate precedes (CLAUSES.md §2.6), in the graph's order. */
export function piBeforeConsent(facts: AppFacts): UngatedPiHit[] {
  return (facts.reachability?.hits ?? []).filter((h): h is UngatedPiHit => h.what === 'pi' && !h.gated && h.use !== undefined);
}

/**
 * A startup root as message data: its kind for `{rootKind:root}` and its method key for
 * `{root:method}`.
 */
export function rootData(r: StartupRoot): { rootKind: string; root: string } {
  return { rootKind: r.kind, root: `${r.cls}->${r.method}` };
}
