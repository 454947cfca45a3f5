import { Chalk } from 'chalk';
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

const LEVEL = {
  en: { present: 'present', used: 'used by the app', pi: 'reads personal information' },
  zh: { present: '已集成', used: '应用调用', pi: '读取个人信息' },
};

export function renderSdkInventory(inv: SdkInventory, lang: Lang, color: boolean): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const lines = [`${c.bold(s(inv.package))}: ${inv.sdks.length} SDK${inv.sdks.length === 1 ? '' : 's'}`];
  for (const x of inv.sdks) {
    const name = lang === 'zh' ? `${x.name.zh ?? x.name.en} (${x.name.en})` : `${x.name.en}${x.name.zh !== undefined ? ` (${x.name.zh})` : ''}`;
    const vendor = lang === 'zh' ? (x.vendor.zh ?? x.vendor.en) : x.vendor.en;
    lines.push(`  ${c.bold(s(name))}  ${c.dim(`${x.category} · ${s(vendor)} · ${x.id}`)}`);
    const how = [`${LEVEL[lang][x.level]}`, `found by ${x.foundBy.join(', ')}${x.obfuscated ? ' (code renamed)' : ''}`];
    if (x.classes > 0) how.push(`${x.classes} classes`);
    lines.push(`    ${how.join(' · ')}`);
    if (x.piKinds.length > 0) lines.push(`    PI: ${x.piKinds.join(', ')}`);
    for (const a of x.consentApis) lines.push(`    ${a.called ? c.green('✓') : c.yellow('✗')} ${a.api}${a.verified ? '' : c.dim(' (unverified)')}`);
  }
  for (const p of inv.packers) lines.push(`  ${c.red('packer')} ${s(p.name.zh ?? p.name.en)}: ${p.files.map((f) => s(f)).join(', ')}`);
  return `${lines.join('\n')}\n`;
}
