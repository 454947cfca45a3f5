import { defineCheck } from '../../src/engine/check.js';
import type { ApiUse } from '../../src/facts/api-uses.js';
import { MAX_EVIDENCE, reachEvidence, useEvidence } from '../../src/facts/evidence.js';
import { ownerKey } from '../../src/model/index.js';
import { piBeforeConsent, type UngatedPiHit } from '../lib/pi-before-consent.js';
import { usesByOwner } from '../lib/uses-by-owner.js';

/** Identifiers the user cannot reset (GB/T 41391-2022 Appendix F). */
const IMMUTABLE = ['IMEI', 'IMSI', 'SERIAL', 'MAC'];

export default defineCheck({
  meta: {
    id: 'c02/immutable-identifiers',
    clause: 2,
    title: { en: 'Reads identifiers the user cannot reset', zh: '读取不可重置的设备标识' },
    defaultVerdict: 'warn',
    verdicts: ['fail', 'warn'],
    evidence: 'referenced',
    needs: ['dex'],
    docs: {
      basis: {
        en: 'GB/T 41391-2022 Appendix F lists immutable unique device identifiers (IMEI, MEID, IMSI, serial, MAC); Android\'s guidance is to avoid hardware identifiers (developer.android.google.cn/training/articles/user-data-ids); MIIT notices name IMEI/MAC collection most often (164号文).',
        zh: 'GB/T 41391-2022 附录F 列出常见不可变更的唯一设备识别码（IMEI、MEID、IMSI、序列号、MAC）；Android 官方建议避免使用硬件标识（developer.android.google.cn/training/articles/user-data-ids）；工信部通报中 IMEI/MAC 收集最为常见（164号文）。',
      },
      fix: {
        en: 'Use resettable identifiers (an app-scoped UUID, the advertising ID with consent) and make every SDK that reads IMEI, IMSI, serial or MAC stop before consent or drop it.',
        zh: '改用可重置标识（应用内 UUID、经同意的广告标识符），并使读取 IMEI、IMSI、序列号或 MAC 的 SDK 在同意前不调用或删除该 SDK。',
      },
    },
  },
  messages: {
    read: {
      en: '{owner:owner} reads {kinds:pi}: identifiers the user cannot reset',
      zh: '{owner:owner}读取{kinds:pi}，这些是用户无法重置的设备标识',
    },
    readBeforeConsent: {
      en: '{owner:owner} reads {kinds:pi} on startup with no consent gate on the path: identifiers the user cannot reset, collected before consent',
      zh: '{owner:owner}在启动时读取{kinds:pi}，调用路径上没有同意判断：用户无法重置的设备标识在征得同意前即被收集',
    },
  },
  *check({ facts }) {
    const uses = facts.piReads.filter((u) => IMMUTABLE.includes(u.kind));
    // Read on startup with no consent gate on the way (E2): FAIL (CLAUSES.md clause 2).
    const early = new Map<ApiUse, UngatedPiHit>();
    for (const h of piBeforeConsent(facts)) if (!early.has(h.use)) early.set(h.use, h);
    for (const group of usesByOwner(uses)) {
      const owner = ownerKey(group[0]?.owner);
      const before = group.filter((u) => early.has(u));
      if (before.length > 0) {
        const evidence = before.slice(0, MAX_EVIDENCE).map((u) => reachEvidence(facts, early.get(u) as UngatedPiHit));
        yield { messageId: 'readBeforeConsent', verdict: 'fail', data: { owner, kinds: [...new Set(before.map((u) => u.kind))] }, evidence };
      } else {
        yield { messageId: 'read', verdict: 'warn', data: { owner, kinds: [...new Set(group.map((u) => u.kind))] }, evidence: group.slice(0, MAX_EVIDENCE).map(useEvidence) };
      }
    }
  },
});
