import type { AppFacts } from '../../src/facts/app-facts.js';
import { derivedFact } from '../../src/facts/derived.js';
import { appDocuments, appHits, byOrigin, isAppText, sdksOf } from '../../src/facts/rights.js';
import type { SdkFinding } from '../../src/facts/sdk-inventory.js';
import type { ExtractedValue, TextHit } from '../../src/facts/strings/types.js';
import type { Component } from '../../src/manifest/model.js';

/** Activities that are a feedback or complaint form by their name (pinyin included). */
const FEEDBACK_ACTIVITY = /feedback|complain|kefu|fankui|tousu|jubao|customer_?service|contact_?us|help_?center/i;

/** The app's own personal-information complaint channels (clause 8). */
export interface Channels {
  terms: TextHit[];
  emails: ExtractedValue[];
  phones: ExtractedValue[];
  sdks: readonly SdkFinding[];
  activities: Component[];
  /** Whether the index kept only the first COMPLAINT hits and all were foreign (the app's may follow). */
  capped: boolean;
}

/**
 * The app's own complaint channels: COMPLAINT terms (投诉, 举报, 个人信息保护负责人, 联系我们, 客服,
 * 意见反馈, Contact us…), e-mail addresses and phone numbers in its own text, customer-service
 * SDKs (Umeng Feedback, Meiqia, Sobot, Qiyu…) and feedback activities of its own.
 */
export const complaintChannels = derivedFact((facts: AppFacts): Channels => {
  const terms = appHits(facts, 'COMPLAINT');
  const own = (v: ExtractedValue): boolean => isAppText(facts, v);
  const docs = new Set(appDocuments(facts).map((d) => d.entry));
  const inDoc = (v: ExtractedValue): boolean => v.location.kind === 'file' && docs.has(v.location.entry);
  // Contacts in the app's bundled policy first: that is where the pledge expects the channel.
  const inDocFirst = (vs: readonly ExtractedValue[]): ExtractedValue[] => {
    const sorted = byOrigin(vs.filter(own));
    return [...sorted.filter(inDoc), ...sorted.filter((v) => !inDoc(v))];
  };
  return {
    terms: byOrigin(terms.hits),
    emails: inDocFirst(facts.strings?.emails() ?? []),
    phones: inDocFirst(facts.strings?.phones() ?? []),
    sdks: sdksOf(facts, 'customer-service'),
    activities: facts.manifest.components.filter((c) => c.kind === 'activity' && FEEDBACK_ACTIVITY.test(c.name.slice(c.name.lastIndexOf('.') + 1)) && facts.ownerOfClass(c.name).kind !== 'sdk'),
    capped: terms.present && terms.hits.length === 0,
  };
});

export function anyChannel(c: Channels): boolean {
  return c.capped || c.terms.length > 0 || c.emails.length > 0 || c.phones.length > 0 || c.sdks.length > 0 || c.activities.length > 0;
}
