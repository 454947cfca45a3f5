import { defineCheck } from '../../src/engine/check.js';
import type { CodeSite } from '../../src/facts/code.js';
import { MAX_EVIDENCE, siteEvidence } from '../../src/facts/evidence.js';
import { constOf, eventAt } from '../../src/facts/flow.js';
import { CONTEXT } from '../../src/facts/framework-types.js';
import { ownerKey } from '../../src/model/index.js';
import { groupBy } from '../lib/group-by.js';

const MODE_WORLD_READABLE = 1;
const MODE_WORLD_WRITEABLE = 2;
/** Context methods whose third argument (after `this`) is a file mode. */
const MODE_APIS = ['openFileOutput', 'getSharedPreferences', 'getDir', 'openOrCreateDatabase'];

export default defineCheck({
  meta: {
    id: 'c10/world-readable-files',
    clause: 10,
    title: { en: 'Files or preferences created world-readable', zh: '以全局可读写模式创建文件或偏好' },
    defaultVerdict: 'fail',
    verdicts: ['fail', 'warn'],
    evidence: 'referenced',
    needs: ['dex'],
    docs: {
      basis: {
        en: 'PIPL Art. 51 (access control); MobSF android_world_readable. MODE_WORLD_READABLE/WRITEABLE let every app on the device read or change the file; from targetSdk 24 Android throws a SecurityException instead.',
        zh: '《个人信息保护法》第五十一条（访问控制）；MobSF android_world_readable。MODE_WORLD_READABLE/WRITEABLE 允许设备上任何应用读取或修改该文件；targetSdk 24 起 Android 会直接抛出 SecurityException。',
      },
      fix: {
        en: 'Use MODE_PRIVATE and share data through a FileProvider with explicit URI grants.',
        zh: '使用 MODE_PRIVATE，通过 FileProvider 和明确的 URI 授权共享数据。',
      },
    },
  },
  messages: {
    world: {
      en: '{apis} ({owner:owner}): with mode 1 or 2 any app on the device can read or write the file',
      zh: '{apis}（{owner:owner}）：模式 1 或 2 使设备上任何应用都能读写该文件',
    },
  },
  *check({ facts }) {
    const code = facts.code;
    if (code === undefined) return;
    // Before targetSdk 24 the platform honours the mode; from 24 on it throws instead.
    const legacy = facts.manifest.effectiveTargetSdk < 24;
    const sites: { site: CodeSite; call: string }[] = [];
    const isContext = (d: string): boolean => code.isA(d, CONTEXT);
    for (const api of MODE_APIS) {
      for (const site of code.invokesOfName(api, isContext).filter((s) => facts.isLiveSite(s))) {
        const mode = constOf(eventAt(facts, site)?.args[2]);
        if (typeof mode === 'number' && (mode & (MODE_WORLD_READABLE | MODE_WORLD_WRITEABLE)) !== 0) sites.push({ site, call: `${api}(…, ${mode})` });
      }
    }
    for (const [owner, group] of groupBy(sites, (s) => ownerKey(siteEvidence(facts, s.site).owner))) {
      const ev = group.slice(0, MAX_EVIDENCE).map((s) => siteEvidence(facts, s.site, s.call));
      yield { messageId: 'world', verdict: legacy ? 'fail' : 'warn', data: { apis: [...new Set(group.map((s) => s.call))], owner }, evidence: ev };
    }
  },
});
