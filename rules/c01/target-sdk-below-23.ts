import { defineCheck } from '../../src/engine/check.js';
import { manifestEvidence } from '../../src/facts/evidence.js';
import type { Evidence } from '../../src/model/index.js';
import { isDangerous } from '../lib/permissions.js';

/** Evidence lists name the permissions themselves, up to this many. */
const MAX_PERMISSIONS = 9;

export default defineCheck({
  meta: {
    id: 'c01/target-sdk-below-23',
    clause: 1,
    title: { en: 'Dangerous permissions granted at install time (targetSdk < 23)', zh: '危险权限在安装时一揽子授予（targetSdk < 23）' },
    defaultVerdict: 'warn',
    verdicts: ['warn'],
    evidence: 'declared',
    needs: ['manifest'],
    docs: {
      basis: {
        en: 'GB/T 41391-2022 6.5 (system permissions: request at the time of use, for a stated purpose); 认定方法 四.6 and the 2023 MIIT notice (信管函〔2023〕26号): no bundled grant of several non-necessary permissions. Apps targeting API < 23 get every dangerous permission at install time.',
        zh: 'GB/T 41391-2022 第6.5条（系统权限应在使用时申请并说明目的）；《认定方法》四.6 与工信部 2023 年通知（信管函〔2023〕26号）：不得一揽子申请多项非必要权限。targetSdk 低于 23 的应用在安装时即获得全部危险权限。',
      },
      fix: {
        en: 'Raise targetSdkVersion to 23 or higher (current store rules require much higher) and request each dangerous permission at runtime, when the feature that needs it starts, with its purpose explained.',
        zh: '将 targetSdkVersion 提升至 23 以上（应用商店现行要求更高），并在相关功能启动时按需动态申请各项危险权限、说明用途。',
      },
    },
  },
  messages: {
    legacy: {
      en: 'targetSdk {targetSdk} < 23: the {count} dangerous permissions ({permissions}) are granted at install without a runtime prompt, so consent cannot be asked per feature',
      zh: 'targetSdk 为 {targetSdk}（低于 23）：{count} 项危险权限（{permissions}）在安装时即被授予，不弹出运行时授权框，无法按功能征得同意',
    },
  },
  *check({ facts }) {
    const m = facts.manifest;
    if (m.effectiveTargetSdk >= 23) return;
    const dangerous = m.usesPermissions.filter((p) => !p.sdk23 && isDangerous(p.name));
    if (dangerous.length === 0) return;
    const names = [...new Set(dangerous.map((p) => p.name.replace(/^android\.permission\./, '')))];
    const path = '/manifest/uses-sdk/@android:targetSdkVersion';
    // Unset, targetSdkVersion defaults to minSdkVersion: nothing to quote, a note says so.
    const target: Evidence = m.targetSdk === null ? { ...manifestEvidence(path), note: { id: 'target-sdk-unset', data: { minSdk: m.effectiveMinSdk } } } : manifestEvidence(path, `targetSdkVersion=${m.targetSdk}`);
    yield {
      messageId: 'legacy',
      verdict: 'warn',
      data: { targetSdk: m.effectiveTargetSdk, count: names.length, permissions: names },
      evidence: [target, ...dangerous.slice(0, MAX_PERMISSIONS).map((p) => manifestEvidence(p.path, p.name))],
    };
  },
});
