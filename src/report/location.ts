import type { Lang, Location } from '../model/index.js';
import type { ReportEvidence } from './model.js';

const PRIMITIVES: Record<string, string> = {
  V: 'void',
  Z: 'boolean',
  B: 'byte',
  S: 'short',
  C: 'char',
  I: 'int',
  J: 'long',
  F: 'float',
  D: 'double',
};

/** `Lcom/a/B;` → `com.a.B`, `[I` → `int[]`. */
export function descriptorToJava(desc: string): string {
  let dims = 0;
  while (desc[dims] === '[') dims++;
  const base = desc.slice(dims);
  const name = base.startsWith('L') && base.endsWith(';') ? base.slice(1, -1).replace(/\//g, '.') : (PRIMITIVES[base] ?? base);
  return name + '[]'.repeat(dims);
}

/** Splits a parameter descriptor list `ILjava/lang/String;[B` into its types. */
export function splitParams(params: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < params.length) {
    let j = i;
    while (params[j] === '[') j++;
    if (params[j] === 'L') {
      const end = params.indexOf(';', j);
      j = end < 0 ? params.length - 1 : end;
    }
    out.push(params.slice(i, j + 1));
    i = j + 1;
  }
  return out;
}

/** `Lcom/a/B;->c(ILjava/lang/String;)V` → `com.a.B#c(int, String)`; other text is returned as is. */
export function methodToJava(ref: string): string {
  const m = /^(\[*L[^;]+;)->([^(]+)\(([^)]*)\)(.+)$/.exec(ref);
  if (m === null) return ref;
  const params = splitParams(m[3] ?? '').map((p) => descriptorToJava(p).replace(/^java\.lang\./, ''));
  return `${descriptorToJava(m[1] ?? '')}#${m[2] ?? ''}(${params.join(', ')})`;
}

/** One line a person can follow to the evidence, shared by every text-like reporter. */
export function formatLocation(l: Location, lang: Lang = 'en'): string {
  switch (l.kind) {
    case 'manifest':
      return `${l.entry} ${l.path}`;
    case 'dex':
      return `${l.entry} ${methodToJava(l.method)}${l.pc !== undefined ? ` @pc 0x${l.pc.toString(16)}` : ''}`;
    case 'resource':
      return `${l.entry} @${l.name}${l.config !== undefined && l.config !== 'default' ? ` [${l.config}]` : ''}`;
    case 'file':
      return `${l.entry}${l.line !== undefined ? `:${l.line}` : l.offset !== undefined ? `@0x${l.offset.toString(16)}` : ''}`;
    case 'signing':
      return lang === 'zh' ? `${l.entry}（${l.scheme} 第 ${l.signer + 1} 个签名者）` : `${l.entry} (${l.scheme} signer #${l.signer + 1})`;
    case 'app':
      return lang === 'zh' ? '（整个应用）' : '(whole app)';
  }
}

/** `App.onCreate → DeviceProfile.collect → installedApps`: short class names, at most five hops shown. */
export function shortPath(path: readonly string[]): string {
  const hop = (k: string): string => {
    const j = methodToJava(k);
    const hash = j.indexOf('#');
    const cls = hash < 0 ? j : j.slice(0, hash);
    const name = hash < 0 ? '' : j.slice(hash + 1, j.indexOf('(', hash));
    return `${cls.slice(cls.lastIndexOf('.') + 1)}.${name}`;
  };
  const hops = path.map(hop);
  return hops.length <= 5 ? hops.join(' → ') : [...hops.slice(0, 2), '…', ...hops.slice(-2)].join(' → ');
}

/** What was seen at a piece of evidence and the remark on it: `TelephonyManager.getDeviceId（设备唯一标识）`. */
export function evidenceText(e: Pick<ReportEvidence, 'detail' | 'note'>, lang: Lang): string | undefined {
  const note = e.note?.message[lang];
  if (e.detail === undefined) return note;
  if (note === undefined || note === '') return e.detail;
  return lang === 'zh' ? `${e.detail}（${note}）` : `${e.detail} (${note})`;
}
