// TEMPORARY (issue 11): the language-bound pieces the unsplit clause modules still use.
import type { Evidence } from '../../src/model/index.js';
import type { ExtractedValue, TextHit } from '../../src/facts/strings/types.js';
export { anyPolicyUrls as policyUrls, groupsIn, hasText, hitsOf, indexComplete, isSimplified, privacyPolicyDocs } from '../../src/facts/text.js';

/** Where the string index looks, for messages that report an absence. */
export const SOURCES = {
  en: 'resources (every locale), layouts, code strings, assets and native libraries',
  zh: '资源（所有语言）、布局、代码字符串、assets 与原生库',
} as const;

export function textEvidence(hit: TextHit | ExtractedValue): Evidence {
  return { location: hit.location, detail: hit.snippet };
}
