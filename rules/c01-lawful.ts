import { defineCheck, defineClause } from '../src/engine/types.js';
import { manifestEvidence } from './lib/evidence.js';
import { isDangerous } from './lib/permissions.js';

const legacyTargetSdk = defineCheck({
  meta: {
    id: 'c01/target-sdk-below-23',
    title: { en: 'Dangerous permissions granted at install time (targetSdk < 23)', zh: '危险权限在安装时一揽子授予（targetSdk < 23）' },
    verdicts: ['warn'],
    needs: ['manifest'],
    docs: {
      basis: {
        en: "GB/T 41391-2022 6.5 (system permissions: request at the time of use, for a stated purpose); 认定方法 四.6 and the 2023 MIIT notice (信管函〔2023〕26号): no bundled grant of several non-necessary permissions. Apps targeting API < 23 get every dangerous permission at install time.",
        zh: "GB/T 41391-2022 第6.5条（系统权限应在使用时申请并说明目的）；《认定方法》四.6 与工信部 2023 年通知（信管函〔2023〕26号）：不得一揽子申请多项非必要权限。targetSdk < 23 的应用在安装时即获得全部危险权限。",
      },
      fix: {
        en: "Raise targetSdkVersion to 23 or higher (current store rules require much higher) and request each dangerous permission at runtime, when the feature that needs it starts, with its purpose explained.",
        zh: "将 targetSdkVersion 提升至 23 以上（应用商店现行要求更高），并在相关功能启动时按需动态申请各项危险权限、说明用途。",
      },
    },
    messages: {
      legacy: {
        en: 'targetSdk {{targetSdk}} < 23: the {{count}} dangerous permissions ({{permissions}}) are granted at install without a runtime prompt, so consent cannot be asked per feature',
        zh: 'targetSdk {{targetSdk}} < 23：{{count}} 项危险权限（{{permissions}}）在安装时即被授予、无运行时弹窗，无法按功能征得同意',
      },
    },
  },
  run({ facts, report }) {
    const m = facts.manifest;
    if (m.effectiveTargetSdk >= 23) return;
    const dangerous = m.usesPermissions.filter((p) => !p.sdk23 && isDangerous(p.name));
    if (dangerous.length === 0) return;
    const names = [...new Set(dangerous.map((p) => p.name.replace(/^android\.permission\./, '')))];
    report({
      messageId: 'legacy',
      verdict: 'warn',
      data: { targetSdk: m.effectiveTargetSdk, count: names.length, permissions: names.join(', ') },
      evidence: [manifestEvidence('/manifest/uses-sdk/@android:targetSdkVersion', `targetSdkVersion=${m.targetSdk ?? `(unset; minSdk ${m.effectiveMinSdk})`}`), ...dangerous.slice(0, 9).map((p) => manifestEvidence(p.path, p.name))],
    });
  },
});

export default defineClause({
  clause: 1,
  slug: 'lawful',
  title: {
    zh: '严格遵守国家法律、法规及相关政策，切实加强个人信息保护的合规建设',
    en: 'Obey laws, regulations and policies; build personal-information compliance',
  },
  pledge: '严格遵守国家法律、法规及相关政策，切实加强个人信息保护的合规建设。',
  requires: ['manifest', 'resources', 'dex', 'assets'],
  checks: [legacyTargetSdk],
  manualChecks: [
    {
      en: 'Open the app on a clean install: a privacy-policy dialog must appear before any data is collected, with distinct Agree and Disagree buttons, the policy reachable within 4 taps, in Simplified Chinese.',
      zh: '全新安装后打开应用：在收集任何信息前应弹出隐私政策，提供"同意"与"不同意"按钮，政策在 4 次点击内可达，且为简体中文。',
    },
  ],
});
