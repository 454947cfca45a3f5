import type { AppFacts } from '../../src/facts/app-facts.js';
import type { StartupRoot } from '../../src/facts/reach.js';
import type { SdkRecord } from '../../src/sdk/types.js';

/** SDK categories that collect or transmit personal information as part of their job. */
export const TRACKING = new Set(['ads', 'analytics', 'push', 'attribution', 'crash', 'risk-control']);

/** The catalogue SDK whose auto-init provider or classes a provider component is. */
export function providerSdk(facts: AppFacts, name: string): SdkRecord | undefined {
  const ref = facts.sdkOfClass(name);
  return facts.sdkOfAutoInitProvider(name) ?? (ref === undefined ? undefined : facts.catalogue.sdks.find((s) => s.id === ref.id));
}

/**
 * A tracking SDK's own content provider as a startup root: what it starts is
 * c09/auto-init-provider's finding (the SDK starts itself), not the app's.
 */
export function sdkProvider(facts: AppFacts, root: StartupRoot): boolean {
  if (root.kind !== 'provider') return false;
  const sdk = providerSdk(facts, root.cls.slice(1, -1).replace(/\//g, '.'));
  return sdk !== undefined && TRACKING.has(sdk.category);
}
