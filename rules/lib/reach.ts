import type { Evidence } from '../../src/model/index.js';
import type { AppFacts } from '../../src/facts/app-facts.js';
import { descriptorToClassName } from '../../src/facts/app-facts.js';
import type { ReachHit, StartupRoot } from '../../src/facts/reach.js';
import { shortPath } from '../../src/report/location.js';

export { shortPath };

const ROOT_LABEL = {
  en: { provider: 'provider', application: 'Application', launcher: 'launcher activity', 'boot-receiver': 'boot receiver' },
  zh: { provider: 'Provider', application: 'Application', launcher: '启动页', 'boot-receiver': '开机广播接收器' },
} as const;

/** `Application com.x.App.onCreate` / `启动页 com.x.Main.onCreate`. */
export function rootLabel(r: StartupRoot, lang: 'en' | 'zh'): string {
  return `${ROOT_LABEL[lang][r.kind]} ${descriptorToClassName(r.cls)}.${r.method}`;
}

/** Evidence at the reached call: the call site, its owner, and the whole chain in `path`. */
export function reachEvidence(facts: AppFacts, h: ReachHit): Evidence {
  const cls = h.caller.slice(0, h.caller.indexOf('->'));
  return {
    location: { kind: 'dex', entry: h.entry, method: h.caller, pc: h.pc },
    owner: h.use?.owner ?? facts.ownerOfClass(descriptorToClassName(cls)),
    detail: shortPath(h.path),
    path: h.path,
  };
}
