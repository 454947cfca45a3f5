import type { AppFacts } from '../../src/facts/app-facts.js';
import { descriptorToClassName } from '../../src/facts/app-facts.js';
import type { CodeSite } from '../../src/facts/code.js';
import { derivedFact } from '../../src/facts/derived.js';
import { siteEvidence, textEvidence } from '../../src/facts/evidence.js';
import { appHits, byOrigin, isAppText } from '../../src/facts/rights.js';
import type { ExtractedValue, TextHit } from '../../src/facts/strings/types.js';
import type { Evidence } from '../../src/model/index.js';

/**
 * Where the app offers account deletion (clause 7): the entry is text the app carries even when
 * the deletion page itself is H5.
 */

/**
 * Deletion endpoints and pages: `/user/deleteAccount`, `/account/cancel`, `close-account.html`,
 * `/user/zhuxiao` (注销 in pinyin). Unbinding a linked account (`cancelAccountBind`) is not
 * deletion, nor is a cancelled account picker (`accountCancelled`), nor a name (`zhuxiaoming`).
 */
const DELETE_PATH = /(delete|cancel|close|deactivate|destroy)[-_/.]?(my[-_]?)?(account|acct)(?![-_]?(bind|link|select|switch))|(account|acct)[-_/.]?(delete|deletion|cancel(?!led)|cancellation|close|closure|deactivat|destroy)|zhuxiao(?![a-z])/i;
/** The same as an identifier in code (an API name or route): bounded, so that long text is left to the lexicon. */
const MAX_IDENTIFIER = 200;

export interface Deletion {
  hits: TextHit[];
  urls: ExtractedValue[];
  /** First-party const-strings naming a deletion API or route. */
  sites: CodeSite[];
  present: boolean;
}

/**
 * Every trace of an account-deletion entry in the app's own text: DELETE lexicon terms
 * (注销账号, 账号注销, Delete account…), URLs whose path names deletion, and const-strings naming a
 * deletion API or route in first-party code. SDK code and library resources do not count.
 */
export const deletion = derivedFact((facts: AppFacts): Deletion => {
  const text = appHits(facts, 'DELETE');
  const urls = (facts.strings?.urls() ?? []).filter((u) => DELETE_PATH.test(u.value.replace(/^https?:\/\/[^/?#]+/i, '')) && isAppText(facts, u));
  const code = facts.code;
  const sites =
    code === undefined
      ? []
      : code
          .constStringSites((s) => s.length <= MAX_IDENTIFIER && DELETE_PATH.test(s))
          .filter((s) => {
            const o = facts.ownerOfClass(descriptorToClassName(code.callerClass(s)));
            return o.kind !== 'sdk' && o.kind !== 'library';
          });
  return { hits: byOrigin(text.hits), urls: byOrigin(urls), sites, present: text.present || urls.length > 0 || sites.length > 0 };
});

/** The const-string a deletion site loads (an API name or route), verbatim. */
export function siteString(s: CodeSite): string {
  return s.unit.dex.string(s.ref);
}

/** Where the deletion entry shows: its text, its URLs, the const-strings naming its API. */
export function deletionEvidence(facts: AppFacts, d: Deletion): Evidence[] {
  return [
    ...d.hits.slice(0, 3).map((h) => textEvidence(facts, h)),
    ...d.urls.slice(0, 2).map((u) => textEvidence(facts, u)),
    ...d.sites.slice(0, 2).map((s) => siteEvidence(facts, s, `const-string "${siteString(s)}"`)),
  ];
}
