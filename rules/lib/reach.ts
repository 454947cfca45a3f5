// TEMPORARY (issue 11): rootLabel and shortPath are for the unsplit clause modules; split checks
// hand over the root kind and method key ({rootKind:root} {root:method}) and the path ({path:path}).
import { descriptorToClassName } from '../../src/facts/app-facts.js';
import type { StartupRoot } from '../../src/facts/reach.js';
export { reachEvidence } from '../../src/facts/evidence.js';

const ROOT_LABEL = {
  en: { provider: 'provider', application: 'Application', launcher: 'launcher activity', 'boot-receiver': 'boot receiver' },
  zh: { provider: 'Provider', application: 'Application', launcher: '启动页', 'boot-receiver': '开机广播接收器' },
} as const;

export function rootLabel(r: StartupRoot, lang: 'en' | 'zh'): string {
  return `${ROOT_LABEL[lang][r.kind]} ${descriptorToClassName(r.cls)}.${r.method}`;
}

/** `App.onCreate → DeviceProfile.collect → installedApps`: short class names, at most five hops shown. */
export function shortPath(path: readonly string[]): string {
  const hop = (k: string): string => {
    const m = /^L([^;]+);->([^(]+)/.exec(k);
    if (m === null) return k;
    const cls = (m[1] ?? '').replace(/\//g, '.');
    return `${cls.slice(cls.lastIndexOf('.') + 1)}.${m[2] ?? ''}`;
  };
  const hops = path.map(hop);
  return hops.length <= 5 ? hops.join(' → ') : [...hops.slice(0, 2), '…', ...hops.slice(-2)].join(' → ');
}
