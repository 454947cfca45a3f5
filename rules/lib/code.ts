import type { Owner } from '../../src/model/index.js';
import { piKindInfo } from '../../src/facts/pi-table.js';
export { classEvidence, MAX_EVIDENCE, siteEvidence, useEvidence } from '../../src/facts/evidence.js';
export { ownerKey } from '../../src/model/index.js';

/** Groups items by a key, keeping first-seen order. */
export function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    const list = m.get(k);
    if (list === undefined) m.set(k, [t]);
    else list.push(t);
  }
  return m;
}

/** TEMPORARY (issue 11): for the unsplit clause modules; split checks use `{kinds:pi}`. */
export function kindLabel(kind: string, lang: 'en' | 'zh' = 'en'): string {
  return piKindInfo(kind)?.[lang] ?? kind;
}

/** TEMPORARY (issue 11): for the unsplit clause modules; split checks use `{owner:owner}` with ownerKey(). */
export function ownerLabel(o: Owner | undefined, lang: 'en' | 'zh'): string {
  if (o === undefined || o.kind === 'app') return lang === 'zh' ? '应用自身代码' : 'first-party code';
  if (o.kind === 'unknown') return lang === 'zh' ? '无法归属的混淆代码' : 'unattributed (renamed) code';
  if (o.kind === 'library') return lang === 'zh' ? `第三方库 ${o.name}` : `library ${o.name}`;
  return o.name;
}
