// TEMPORARY (issue 11): the rights facts moved to src/facts/rights.ts; this adds back the
// pre-rendered sentences the unsplit clause modules (c01, c06, c07, c08) still use.
import type { AppFacts } from '../../src/facts/app-facts.js';
import { loginEvidence as login, textBlindSpot as blindSpot, type BlindSpot, type LoginEvidence } from '../../src/facts/rights.js';
import type { Localized } from '../../src/model/index.js';
import { formatTemplate } from '../../src/report/messages.js';
import { TERMS } from '../../src/report/terms.js';
export { APPLICATION_ANCHOR, TEXT_NEEDS, appDocuments, appHits, byOrigin, handlesPersonalInformation, isAppText, nearHits, originRank, policyAnchor, policyUrls, remotePolicy, sdksOf, timingCommitments } from '../../src/facts/rights.js';
export { textEvidence } from '../../src/facts/evidence.js';
export { derivedFact as perApp } from '../../src/facts/derived.js';

export const SOURCES: Localized = TERMS.textSourcesFull;

export function loginEvidence(facts: AppFacts): (LoginEvidence & { summary: Localized }) | undefined {
  const l = login(facts);
  if (l === undefined) return undefined;
  const data = { items: l.items };
  return { ...l, summary: { en: formatTemplate('{items:items}', data, 'en').replace(/“|”/g, '"'), zh: formatTemplate('{items:items}', data, 'zh').replace(/“|”/g, '"') } };
}

export function textBlindSpot(facts: AppFacts): (BlindSpot & { why: Localized }) | undefined {
  const b = blindSpot(facts);
  if (b === undefined) return undefined;
  const data = { ...b.data, why: b.code };
  return { ...b, why: { en: formatTemplate('{why:reason}', data, 'en'), zh: formatTemplate('{why:reason}', data, 'zh') } };
}
