import type { AppFacts } from './app-facts.js';
import { matchLexicon } from './strings/index.js';
import type { BundledDocument, ExtractedValue, LexiconGroup, TextHit } from './strings/types.js';

/** Lexicon hits of a group, [] when the index was not built. */
export function hitsOf(facts: AppFacts, group: LexiconGroup): readonly TextHit[] {
  return facts.strings?.hits(group) ?? [];
}

export function hasText(facts: AppFacts, group: LexiconGroup): boolean {
  return facts.strings?.has(group) === true;
}

// Paths of privacy-policy and agreement pages as apps name them (pinyin included).
const POLICY_URL = /privacy|policy|agreement|protocol|terms|yinsi|yszc|xieyi|隐私|协议/i;

/** URLs that point at a privacy policy or user agreement (a policy may live only on the web), the app's or an SDK's. */
export function anyPolicyUrls(facts: AppFacts): ExtractedValue[] {
  return (facts.strings?.urls() ?? []).filter((u) => /^https?:\/\//i.test(u.value) && POLICY_URL.test(u.value.replace(/^https?:\/\/[^/]+/i, '')));
}

/** Lexicon groups present in a document's text. */
export function groupsIn(doc: BundledDocument): Set<LexiconGroup> {
  return new Set(matchLexicon(doc.text).map((m) => m.group));
}

// Characters that exist only in Traditional Chinese among the lexicon's POLICY terms.
const TRADITIONAL = /[隱個協議戶務權聲資訊]/;

/** A Chinese lexicon term written in Simplified characters. */
export function isSimplified(term: string): boolean {
  return /[\u4e00-\u9fff]/.test(term) && !TRADITIONAL.test(term);
}

/**
 * Whether an absence can be trusted: when some text was cut at its size limit, a term may sit in
 * the part not read.
 */
export function indexComplete(facts: AppFacts): boolean {
  return facts.strings !== undefined && !facts.strings.stats.truncated;
}

/**
 * Bundled documents that are a privacy policy, not a user agreement or terms of service (those
 * mention the policy only in passing): the document's first policy term, its title, decides.
 */
export function privacyPolicyDocs(facts: AppFacts): BundledDocument[] {
  return (facts.strings?.bundledDocuments() ?? []).filter((d) => {
    const title = matchLexicon(d.text.slice(0, 400)).find((m) => m.group === 'POLICY');
    return title !== undefined && /隐私|隱私|个人信息|個人信息|個人資|privacy/i.test(title.term);
  });
}
