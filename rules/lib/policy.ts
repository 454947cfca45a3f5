import type { CheckContext } from '../../src/engine/check.js';
import type { AppFacts } from '../../src/facts/app-facts.js';
import { derivedFact } from '../../src/facts/derived.js';
import { manifestEvidence } from '../../src/facts/evidence.js';
import { analysePolicy, policyTexts, type PolicyAnalysis, type PolicyMention, type PolicyText } from '../../src/facts/policy.js';
import { APPLICATION_ANCHOR } from '../../src/facts/rights.js';
import type { SdkFinding } from '../../src/facts/sdk-inventory.js';
import type { ExtractedValue } from '../../src/facts/strings/types.js';
import { anyPolicyUrls } from '../../src/facts/text.js';
import type { Evidence } from '../../src/model/index.js';

/**
 * The privacy policy the policy-against-code checks compare with: its text (given with --policy,
 * else bundled in the APK), else only a link to it, else nothing.
 */
export type PolicySource = { kind: 'text'; policy: PolicyAnalysis } | { kind: 'remote'; url: ExtractedValue } | { kind: 'none' };

// Three checks read the same policy: analysed once per app and policy.
const analysed = derivedFact((_facts: AppFacts) => new Map<PolicyText | 'bundled', PolicySource>());

export function policySource(ctx: CheckContext): PolicySource {
  const { facts, options } = ctx;
  const key = options.policy ?? 'bundled';
  const perApp = analysed(facts);
  const hit = perApp.get(key);
  if (hit !== undefined) return hit;
  const docs = policyTexts(facts, options.policy);
  let source: PolicySource;
  if (docs.length > 0) source = { kind: 'text', policy: analysePolicy(docs) };
  else {
    const url = anyPolicyUrls(facts)[0];
    source = url === undefined ? { kind: 'none' } : { kind: 'remote', url };
  }
  perApp.set(key, source);
  return source;
}

/** The policy itself as evidence: where it is, and whether it was given or bundled. */
export function policyEvidence(p: PolicyAnalysis): Evidence {
  const doc = p.docs[0] as PolicyText;
  return { location: doc.location, note: { id: doc.origin === 'file' ? 'policy-file' : 'bundled-policy' } };
}

/** A sentence of the policy that names something: quoted (escaped, bounded) at its place. */
export function mentionEvidence(m: PolicyMention): Evidence {
  return { location: m.location, detail: m.quote, note: { id: 'policy-sentence' } };
}

/** Evidence for "there is no policy text to compare with". */
export function noPolicyEvidence(): Evidence {
  return manifestEvidence(APPLICATION_ANCHOR, 'application');
}

/** The entry names of the policy texts, for messages. */
export function policyEntries(p: PolicyAnalysis): string[] {
  return p.docs.map((d) => d.entry);
}

/**
 * Whether an SDK runs before consent: its own provider starts with the process, or the startup
 * call graph reaches its code (its start API, any call into it, or a PI read in it) with no
 * consent gate on the path. The same rule as the 第三方共享清单's start column.
 */
export function startsBeforeConsent(facts: AppFacts, f: SdkFinding): boolean {
  const id = f.record.id;
  const starts = new Set(f.record.initApis.map((a) => a.ref));
  const own = (facts.reachability?.hits ?? []).filter((h) =>
    h.what === 'pi' ? h.use?.owner.kind === 'sdk' && h.use.owner.id === id : h.sdk?.id === id || (h.api !== undefined && starts.has(h.api)),
  );
  if (own.some((h) => !h.gated)) return true;
  return facts.manifest.components.some((c) => {
    if (c.kind !== 'provider' || !c.enabled) return false;
    const o = facts.ownerOfClass(c.name);
    return o.kind === 'sdk' && o.id === id;
  });
}
