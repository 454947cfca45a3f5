import { Chalk } from 'chalk';
import { SDK_LIST } from '../i18n/catalog.js';
import { formatTemplate, listSeparator, sdkCategoryLabel } from '../report/messages.js';
import type { Lang } from '../model/index.js';
import { loadFacts } from '../facts/load.js';
import { buildSdkSection } from '../report/build.js';
import type { SdkEntry } from '../report/model.js';
import { sanitizeForTerminal as s } from '../report/sanitize.js';

export interface SdkInventory {
  package: string;
  sdks: SdkEntry[];
  packers: { id: string; name: { en: string; zh?: string }; files: string[] }[];
}

/** `pledge-audit sdks`: the SDK inventory of one app, on its own. */
export async function sdkInventory(path: string): Promise<SdkInventory> {
  const facts = await loadFacts(path, { needs: new Set(['dex', 'assets', 'native']) });
  try {
    return {
      package: facts.manifest.package,
      sdks: buildSdkSection(facts),
      packers: facts.packers.map((p) => ({ id: p.packer.id, name: p.packer.name, files: [...p.files, ...p.classes].slice(0, 10) })),
    };
  } finally {
    facts.close();
  }
}

export function renderSdkInventory(inv: SdkInventory, lang: Lang, color: boolean): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const t = SDK_LIST[lang];
  const colon = lang === 'zh' ? '：' : ': ';
  const lines = [`${c.bold(s(inv.package))}${colon}${t.count(inv.sdks.length)}`];
  for (const x of inv.sdks) {
    const name = lang === 'zh' ? `${x.name.zh ?? x.name.en} (${x.name.en})` : `${x.name.en}${x.name.zh !== undefined ? ` (${x.name.zh})` : ''}`;
    const vendor = lang === 'zh' ? (x.vendor.zh ?? x.vendor.en) : x.vendor.en;
    lines.push(`  ${c.bold(s(name))}  ${c.dim(`${sdkCategoryLabel(x.category, lang)} · ${s(vendor)} · ${x.id}`)}`);
    const how = [t.level[x.level], `${t.foundBy(formatTemplate('{how:term}', { how: x.foundBy.map((k) => `found:${k}`) }, lang))}${x.obfuscated ? t.renamed : ''}`];
    if (x.classes > 0) how.push(t.classes(x.classes));
    lines.push(`    ${how.join(' · ')}`);
    if (x.piKinds.length > 0) lines.push(`    ${t.pi}${colon}${formatTemplate('{kinds:pi}', { kinds: x.piKinds }, lang)}`);
    for (const a of x.consentApis) lines.push(`    ${a.called ? c.green('✓') : c.yellow('✗')} ${a.api}${a.verified ? '' : c.dim(t.unverified)}`);
  }
  for (const p of inv.packers) lines.push(`  ${c.red(t.packer)} ${s(p.name.zh ?? p.name.en)}${colon}${p.files.map((f) => s(f)).join(listSeparator(lang))}`);
  return `${lines.join('\n')}\n`;
}
