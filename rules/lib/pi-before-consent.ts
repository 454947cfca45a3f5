import type { AppFacts } from '../../src/facts/app-facts.js';
import type { ApiUse } from '../../src/facts/api-uses.js';
import type { ReachHit, StartupRoot } from '../../src/facts/reach.js';

/** A personal-information read reached from a startup root with no consent gate on the path (E2). */
export type UngatedPiHit = ReachHit & { use: ApiUse };

/** The PI reads of the startup call graph that no consent gate precedes (CLAUSES.md §2.6), in the graph's order. */
export function piBeforeConsent(facts: AppFacts): UngatedPiHit[] {
  return (facts.reachability?.hits ?? []).filter((h): h is UngatedPiHit => h.what === 'pi' && !h.gated && h.use !== undefined && !platformUi(h.use));
}

/**
 * AndroidX and the support library read personal information only for features the app turns on
 * (AppCompat's automatic night mode asks TwilightManager for the last location); the call graph
 * reaches them from every AppCompatActivity, so a read there says nothing of this app.
 */
const PLATFORM_UI = new Set(['AndroidX', 'Android Support Library']);

function platformUi(use: ApiUse): boolean {
  return use.owner.kind === 'library' && PLATFORM_UI.has(use.owner.name);
}

/**
 * A startup root as message data: its kind for `{rootKind:root}` and its method key for
 * `{root:method}`.
 */
export function rootData(r: StartupRoot): { rootKind: string; root: string } {
  return { rootKind: r.kind, root: `${r.cls}->${r.method}` };
}
