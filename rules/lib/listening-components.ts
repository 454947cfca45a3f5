import { componentEvidence, manifestEvidence } from '../../src/facts/evidence.js';
import type { Component, IntentFilter } from '../../src/manifest/model.js';
import type { Evidence } from '../../src/model/index.js';

/**
 * Manifest components through which the system hands an app what happens elsewhere on the device
 * (clause 5): services bound by a system permission (accessibility, notification listener, input
 * method) and receivers of system broadcasts (SMS, calls).
 */

/** Services that only the system may bind, with `permission` (`android.permission.BIND_…`). */
export function servicesBoundBy(components: readonly Component[], permission: string): Component[] {
  return components.filter((c) => c.kind === 'service' && c.permission === permission);
}

/** Each intent filter of a receiver that listens for one of `actions`, with the first such action. */
export function receiverFilters(components: readonly Component[], actions: readonly string[]): { receiver: Component; filter: IntentFilter; action: string }[] {
  const out: { receiver: Component; filter: IntentFilter; action: string }[] = [];
  for (const c of components) {
    if (c.kind !== 'receiver') continue;
    for (const f of c.intentFilters) {
      const action = f.actions.find((a) => actions.includes(a));
      if (action !== undefined) out.push({ receiver: c, filter: f, action });
    }
  }
  return out;
}

/** A component's evidence (what it is, whether exported) located at one of its attributes or children. */
export function componentEvidenceAt(c: Component, path: string, actions: readonly string[] = []): Evidence {
  return { ...componentEvidence(c, actions), location: manifestEvidence(path).location };
}
