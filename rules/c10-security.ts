import { defineCheck, defineClause } from '../src/engine/types.js';
import { describeComponent, manifestEvidence } from './lib/evidence.js';

const APP = '/manifest/application';

const debuggable = defineCheck({
  meta: {
    id: 'c10/debuggable',
    title: { en: 'Release build is debuggable', zh: '发布版本可调试' },
    verdicts: ['fail'],
    needs: ['manifest'],
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
