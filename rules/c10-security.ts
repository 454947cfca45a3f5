import { defineCheck, defineClause } from '../src/engine/types.js';
import { describeComponent, manifestEvidence } from './lib/evidence.js';

const APP = '/manifest/application';

const debuggable = defineCheck({
  meta: {
    id: 'c10/debuggable',
    title: { en: 'Release build is debuggable', zh: '发布版本可调试' },
    verdicts: ['fail'],
    needs: ['manifest'],
    docs: {
      basis: {
        en: "PIPL Art. 51 (technical security measures); MobSF app_is_debuggable. A debuggable release lets anyone with adb read app memory and private storage.",
        zh: "《个人信息保护法》第五十一条（安全技术措施）；MobSF app_is_debuggable。可调试的发布包允许任何能使用 adb 的人读取应用内存和私有存储。",
      },
      fix: {
        en: "Build releases with debuggable false (the release build type does this by default; do not set android:debuggable in the manifest).",
        zh: "发布版本使用 debuggable=false 构建（release 构建类型默认如此，不要在清单中写 android:debuggable）。",
      },
    },
    messages: {
      debuggable: {
        en: 'android:debuggable="true": any user with adb can attach a debugger and read the app\'s memory and private files',
        zh: 'android:debuggable="true"：任何可使用 adb 的人都能附加调试器，读取应用内存和私有文件',
      },
    },
  },
  run({ facts, report }) {
    if (facts.manifest.application?.debuggable === true) {
      report({ messageId: 'debuggable', verdict: 'fail', evidence: [manifestEvidence(`${APP}/@android:debuggable`, 'android:debuggable="true"')] });
    }
  },
});

const testOnly = defineCheck({
  meta: {
    id: 'c10/test-only',
    title: { en: 'Build is marked test-only', zh: '构建标记为仅测试' },
    verdicts: ['fail'],
    needs: ['manifest'],
    docs: {
      basis: {
        en: "PIPL Art. 51; MobSF app_in_test_mode. testOnly marks a development build that must not be distributed.",
        zh: "《个人信息保护法》第五十一条；MobSF app_in_test_mode。testOnly 表示不应分发的开发构建。",
      },
      fix: {
        en: "Ship an APK built by the release variant (Android Studio sets testOnly only on builds deployed from the IDE).",
        zh: "分发 release 变体构建的 APK（仅从 IDE 部署的构建才会带 testOnly）。",
      },
    },
    messages: {
      testOnly: {
        en: 'android:testOnly="true": a test build, not a release; it can only be installed with adb install -t',
        zh: 'android:testOnly="true"：这是测试构建而非发布版本',
      },
    },
  },
  run({ facts, report }) {
    if (facts.manifest.application?.testOnly === true) {
      report({ messageId: 'testOnly', verdict: 'fail', evidence: [manifestEvidence(`${APP}/@android:testOnly`, 'android:testOnly="true"')] });
    }
  },
});

const cleartext = defineCheck({
  meta: {
    id: 'c10/cleartext-traffic',
    title: { en: 'Cleartext (HTTP) traffic permitted', zh: '允许明文（HTTP）传输' },
    verdicts: ['warn'],
    needs: ['manifest'],
    docs: {
      basis: {
        en: "PIPL Art. 51 (encryption); MobSF clear_text_traffic. Android permits cleartext HTTP by default for targetSdk ≤ 27.",
        zh: "《个人信息保护法》第五十一条（加密）；MobSF clear_text_traffic。targetSdk ≤ 27 时 Android 默认允许 HTTP 明文传输。",
      },
      fix: {
        en: "Set android:usesCleartextTraffic=\"false\" (or a network security config with cleartextTrafficPermitted=\"false\") and move every endpoint to HTTPS.",
        zh: "设置 android:usesCleartextTraffic=\"false\"（或网络安全配置中 cleartextTrafficPermitted=\"false\"），所有接口改用 HTTPS。",
      },
    },
    messages: {
      explicit: {
        en: 'android:usesCleartextTraffic="true": personal information can travel unencrypted over HTTP',
        zh: 'android:usesCleartextTraffic="true"：个人信息可能经 HTTP 明文传输',
      },
      defaulted: {
        en: 'usesCleartextTraffic is not set and targetSdk is {{targetSdk}} (≤ 27), so cleartext HTTP is permitted by default',
        zh: '未设置 usesCleartextTraffic 且 targetSdk 为 {{targetSdk}}（≤ 27），默认允许明文 HTTP',
      },
    },
  },
  run({ facts, report }) {
    const m = facts.manifest;
    const app = m.application;
    if (app === undefined) return;
    if (app.usesCleartextTraffic === true) {
      report({ messageId: 'explicit', verdict: 'warn', evidence: [manifestEvidence(`${APP}/@android:usesCleartextTraffic`, 'android:usesCleartextTraffic="true"')] });
    } else if (app.usesCleartextTraffic === undefined && app.networkSecurityConfig === undefined && m.effectiveTargetSdk <= 27) {
      report({
        messageId: 'defaulted',
        verdict: 'warn',
        data: { targetSdk: m.effectiveTargetSdk },
        evidence: [manifestEvidence('/manifest/uses-sdk/@android:targetSdkVersion', `targetSdkVersion=${m.effectiveTargetSdk}, no usesCleartextTraffic, no networkSecurityConfig`)],
      });
    }
  },
});

const allowBackup = defineCheck({
  meta: {
    id: 'c10/allow-backup',
    title: { en: 'App data can be backed up and extracted', zh: '应用数据可被备份导出' },
    verdicts: ['warn'],
    needs: ['manifest'],
    docs: {
      basis: {
        en: "PIPL Art. 51; MobSF app_allowbackup / allowbackup_not_set. With backup allowed and no rules, the app's private data can be copied off the device.",
        zh: "《个人信息保护法》第五十一条；MobSF app_allowbackup / allowbackup_not_set。允许备份且无规则时，应用私有数据可被导出。",
      },
      fix: {
        en: "Set android:allowBackup=\"false\", or keep backup and add fullBackupContent / dataExtractionRules that exclude tokens, databases and preferences holding personal information.",
        zh: "设置 android:allowBackup=\"false\"，或保留备份但通过 fullBackupContent / dataExtractionRules 排除含个人信息的令牌、数据库和偏好设置。",
      },
    },
    messages: {
      explicit: {
        en: 'android:allowBackup="true" without backup rules: app data, including any personal information it stores, can be copied off the device with adb backup or cloud backup',
        zh: 'android:allowBackup="true" 且未设置备份规则：应用数据（含其存储的个人信息）可通过 adb backup 或云备份导出',
      },
      defaulted: {
        en: 'android:allowBackup is not set (Android defaults to true) and there are no backup rules: app data can be copied off the device',
        zh: '未设置 android:allowBackup（Android 默认 true）且无备份规则：应用数据可被导出',
      },
    },
  },
  run({ facts, report }) {
    const app = facts.manifest.application;
    if (app === undefined || app.allowBackup === false) return;
    if (app.fullBackupContent !== undefined || app.dataExtractionRules !== undefined) return;
    if (app.allowBackup === true) {
      report({ messageId: 'explicit', verdict: 'warn', evidence: [manifestEvidence(`${APP}/@android:allowBackup`, 'android:allowBackup="true"')] });
    } else {
      report({ messageId: 'defaulted', verdict: 'warn', evidence: [manifestEvidence(APP, 'no android:allowBackup, no fullBackupContent, no dataExtractionRules')] });
    }
  },
});

const exportedProvider = defineCheck({
  meta: {
    id: 'c10/exported-provider',
    title: { en: 'Content provider exported without a permission', zh: '内容提供器导出且无权限保护' },
    verdicts: ['warn'],
    needs: ['manifest'],
    docs: {
      basis: {
        en: "PIPL Art. 51 (access control); MobSF exported_provider. An exported provider without a permission can be queried by any app; before API 17 providers were exported by default.",
        zh: "《个人信息保护法》第五十一条（访问控制）；MobSF exported_provider。未设权限的导出 Provider 可被任何应用查询；API 17 之前 Provider 默认导出。",
      },
      fix: {
        en: "Set android:exported=\"false\", or protect the provider with a signature-level permission; grant URI permissions only on narrow paths.",
        zh: "设置 android:exported=\"false\"，或用 signature 级权限保护；仅对具体路径授予 URI 权限。",
      },
    },
    messages: {
      exported: {
        en: 'provider {{name}} is exported without a read/write permission: any app can query it',
        zh: '内容提供器 {{name}} 已导出且未设置读写权限：任何应用都可查询',
      },
      implied: {
        en: 'provider {{name}} is exported by default (targetSdk {{targetSdk}} < 17) without a permission: any app can query it',
        zh: '内容提供器 {{name}} 因 targetSdk {{targetSdk}} < 17 默认导出且无权限保护：任何应用都可查询',
      },
      broadGrant: {
        en: 'provider {{name}} grants URI permissions on a broad path ({{paths}})',
        zh: '内容提供器 {{name}} 对宽泛路径授予 URI 权限（{{paths}}）',
      },
    },
  },
  run({ facts, report }) {
    const m = facts.manifest;
    for (const c of m.components) {
      if (c.kind !== 'provider' || !c.enabled) continue;
      const unprotected = c.permission === undefined && (c.readPermission === undefined || c.writePermission === undefined);
      if (c.exported && unprotected) {
        const implied = c.exportedExplicit === undefined;
        report({
          messageId: implied ? 'implied' : 'exported',
          verdict: 'warn',
          data: { name: c.name, targetSdk: m.effectiveTargetSdk },
          evidence: [manifestEvidence(implied ? c.path : `${c.path}/@android:exported`, describeComponent(c))],
        });
      }
      const broad: string[] = c.grantUriPaths.filter((p) => p === '/' || p === '' || p === '.*' || p === '/.*');
      if (c.grantUriPermissions && c.grantUriPaths.length === 0) broad.push('(all paths: grantUriPermissions="true")');
      if (broad.length > 0 && c.exported) {
        report({ messageId: 'broadGrant', verdict: 'warn', data: { name: c.name, paths: broad.join(', ') }, evidence: [manifestEvidence(c.path, describeComponent(c))] });
      }
    }
  },
});

export default defineClause({
  clause: 10,
  slug: 'security',
  title: {
    zh: '强化网络安全防护，采取充分有效的安全技术和管理措施，防止个人信息泄露',
    en: 'Strong network-security protection against personal-information leaks',
  },
  pledge: '强化网络安全防护，采取充分有效的安全技术和管理措施，防止个人信息泄露。',
  requires: ['manifest', 'resources', 'dex', 'signing', 'assets'],
  checks: [debuggable, testOnly, cleartext, allowBackup, exportedProvider],
});
