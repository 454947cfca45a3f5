import type { AppFacts } from '../../src/facts/app-facts.js';
import { classEvidence } from '../../src/facts/evidence.js';
import type { Override } from '../../src/facts/method-shapes.js';
import type { Evidence, MessageRef } from '../../src/model/index.js';

/** Evidence at an overriding method (a TrustManager, HostnameVerifier or WebViewClient method): its class's owner, the method as location. */
export function overrideEvidence(facts: AppFacts, o: Override, detail: string | undefined, note: MessageRef): Evidence {
  const e = classEvidence(facts, o.cls, detail);
  return { ...e, location: { kind: 'dex', entry: o.entry, method: o.method }, note };
}
