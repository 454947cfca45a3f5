import { defineCheck, defineClause } from '../src/engine/legacy.js';
import type { Evidence, Owner } from '../src/model/index.js';
import { hasNoBranch, isReturnVoidOnly, returnsConstantTrue } from '../src/dex/method-analysis.js';
import { descriptorToClassName, type AppFacts } from '../src/facts/app-facts.js';
import type { CodeSite } from '../src/facts/code.js';
import { CONTEXT } from '../src/facts/framework-types.js';
import { baseCleartextPermitted } from '../src/facts/nsc.js';
import { isJanusExposed } from '../src/sign/index.js';
import { isPledgeError } from '../src/util/errors.js';
import { classEvidence, groupBy, MAX_EVIDENCE, ownerKey, ownerLabel, siteEvidence } from './lib/code.js';
import { describeComponent, manifestEvidence } from './lib/evidence.js';
import { constOf, eventAt, flowAt, type Tag } from './lib/flow.js';

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
        en: "PIPL Art. 51 (encryption); MobSF clear_text_traffic and network_security.py. What decides is the network security config's base-config when the app has one (Android ignores usesCleartextTraffic then), else android:usesCleartextTraffic, else the platform default: permitted up to targetSdk 27.",
        zh: '《个人信息保护法》第五十一条（加密）；MobSF clear_text_traffic、network_security.py。有网络安全配置时以其 base-config 为准（此时 Android 忽略 usesCleartextTraffic），否则看 android:usesCleartextTraffic，再否则为平台默认：targetSdk 27 及以下允许。',
      },
      fix: {
        en: 'Set cleartextTrafficPermitted="false" in the base-config (or android:usesCleartextTraffic="false"), move every endpoint to HTTPS, and keep any HTTP exception to a named domain-config.',
        zh: '在 base-config 中设置 cleartextTrafficPermitted="false"（或 android:usesCleartextTraffic="false"），所有接口改用 HTTPS，必要的 HTTP 例外限定在具名的 domain-config 中。',
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
      nscBase: {
        en: 'the network security config permits cleartext HTTP for every domain (base-config cleartextTrafficPermitted="true")',
        zh: '网络安全配置允许所有域名明文 HTTP（base-config cleartextTrafficPermitted="true"）',
      },
    },
  },
  run({ facts, report }) {
    const m = facts.manifest;
    if (m.application === undefined) return;
    const nsc = facts.networkSecurityConfig;
    const base = baseCleartextPermitted(m, nsc);
    if (!base.permitted) return;
    if (base.why === 'nsc-base' && nsc?.base !== undefined) {
      report({ messageId: 'nscBase', verdict: 'warn', evidence: [fileEvidence(nsc.entry, `${nsc.base.path}/@cleartextTrafficPermitted`, 'cleartextTrafficPermitted="true"')] });
    } else if (base.why === 'manifest') {
      report({ messageId: 'explicit', verdict: 'warn', evidence: [manifestEvidence(`${APP}/@android:usesCleartextTraffic`, 'android:usesCleartextTraffic="true"')] });
    } else {
      const detail = nsc === undefined ? 'no usesCleartextTraffic, no networkSecurityConfig' : `${nsc.entry} has no base-config cleartextTrafficPermitted`;
      report({ messageId: 'defaulted', verdict: 'warn', data: { targetSdk: m.effectiveTargetSdk }, evidence: [manifestEvidence('/manifest/uses-sdk/@android:targetSdkVersion', `targetSdkVersion=${m.effectiveTargetSdk}; ${detail}`)] });
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


/** Implementations of a framework interface/class and their `name` methods, with code. */
function overrides(facts: AppFacts, ancestor: string, name: string): { cls: string; entry: string; method: string; dexIndex: number; codeOff: number }[] {
  const code = facts.code;
  if (code === undefined) return [];
  const out: { cls: string; entry: string; method: string; dexIndex: number; codeOff: number }[] = [];
  for (const { cls, methods } of code.hierarchy.implementationsOf(ancestor, name)) {
    const dex = code.hierarchy.dexes[cls.dexIndex];
    if (dex === undefined) continue;
    for (const m of methods) if (m.codeOff !== 0) out.push({ cls: cls.descriptor, entry: dex.entry, method: `${cls.descriptor}->${m.name}${m.proto}`, dexIndex: cls.dexIndex, codeOff: m.codeOff });
  }
  return out;
}

/** A predicate on decoded code that must not throw on malformed methods (they count as "not shown"). */
function safely(f: () => boolean): boolean {
  try {
    return f();
  } catch (e) {
    if (isPledgeError(e)) return false;
    throw e;
  }
}

function methodEvidence(facts: AppFacts, o: { cls: string; entry: string; method: string }, detail: string): Evidence {
  const e = classEvidence(facts, o.cls, detail);
  return { ...e, location: { kind: 'dex', entry: o.entry, method: o.method } };
}

const trustAll = defineCheck({
  meta: {
    id: 'c10/trust-all-certificates',
    title: { en: 'TrustManager accepts every certificate', zh: 'TrustManager 信任所有证书' },
    verdicts: ['fail'],
    needs: ['dex'],
    docs: {
      basis: {
        en: 'PIPL Art. 51 (technical security measures); Android lint TrustAllX509TrustManager and Google Play rejections of unsafe X509TrustManager implementations: an empty checkServerTrusted accepts any certificate, so anyone on the network path can read and alter HTTPS traffic.',
        zh: '《个人信息保护法》第五十一条；Android lint TrustAllX509TrustManager 及 Google Play 对不安全 X509TrustManager 的拒审：空的 checkServerTrusted 接受任何证书，网络路径上的任何人都能读取和篡改 HTTPS 流量。',
      },
      fix: {
        en: 'Delete the custom TrustManager and use the platform default; for private CAs or pinning use a network security config.',
        zh: '删除自定义 TrustManager，使用系统默认实现；私有 CA 或证书锁定请用网络安全配置。',
      },
    },
    messages: {
      trustAll: {
        en: '{{cls}}.checkServerTrusted returns without checking anything ({{owner}}): every certificate is trusted',
        zh: '{{cls}}.checkServerTrusted 未做任何校验即返回（{{owner}}）：信任所有证书',
      },
    },
  },
  run({ facts, report, options }) {
    const code = facts.code;
    if (code === undefined) return;
    for (const o of overrides(facts, 'Ljavax/net/ssl/X509TrustManager;', 'checkServerTrusted')) {
      const dex = code.hierarchy.dexes[o.dexIndex];
      if (dex === undefined || !safely(() => isReturnVoidOnly(dex, o.codeOff))) continue;
      const ev = methodEvidence(facts, o, 'body: return-void');
      report({ messageId: 'trustAll', verdict: 'fail', data: { cls: descriptorToClassName(o.cls), owner: ownerLabel(ev.owner, options.lang) }, evidence: [ev] });
    }
  },
});

const hostnameVerifier = defineCheck({
  meta: {
    id: 'c10/hostname-verifier',
    title: { en: 'Hostname verification disabled', zh: '关闭了主机名校验' },
    verdicts: ['fail'],
    needs: ['dex'],
    docs: {
      basis: {
        en: 'PIPL Art. 51; MobSF android_insecure_ssl; Google Play rejects apps whose HostnameVerifier accepts every host (github.com/Sunzxyong/Tiny/issues/15). A certificate for any domain then authenticates every server.',
        zh: '《个人信息保护法》第五十一条；MobSF android_insecure_ssl；Google Play 拒绝接受所有主机名的 HostnameVerifier（github.com/Sunzxyong/Tiny/issues/15）：任意域名的证书都能冒充服务器。',
      },
      fix: {
        en: 'Use the default HostnameVerifier; never return true unconditionally or use ALLOW_ALL_HOSTNAME_VERIFIER / AllowAllHostnameVerifier.',
        zh: '使用默认 HostnameVerifier；不要无条件返回 true，也不要使用 ALLOW_ALL_HOSTNAME_VERIFIER / AllowAllHostnameVerifier。',
      },
    },
    messages: {
      alwaysTrue: {
        en: '{{cls}}.verify always returns true ({{owner}}): every hostname is accepted',
        zh: '{{cls}}.verify 始终返回 true（{{owner}}）：接受任何主机名',
      },
      allowAll: {
        en: 'the allow-all hostname verifier is used ({{owner}}): {{api}}',
        zh: '使用了允许所有主机名的校验器（{{owner}}）：{{api}}',
      },
    },
  },
  run({ facts, report, options }) {
    const code = facts.code;
    if (code === undefined) return;
    for (const o of overrides(facts, 'Ljavax/net/ssl/HostnameVerifier;', 'verify')) {
      const dex = code.hierarchy.dexes[o.dexIndex];
      if (dex === undefined || !safely(() => returnsConstantTrue(dex, o.codeOff))) continue;
      const ev = methodEvidence(facts, o, 'returns the constant true');
      report({ messageId: 'alwaysTrue', verdict: 'fail', data: { cls: descriptorToClassName(o.cls), owner: ownerLabel(ev.owner, options.lang) }, evidence: [ev] });
    }
    const sites: [CodeSite, string][] = [
      ...code.fieldReadsOf('Lorg/apache/http/conn/ssl/SSLSocketFactory;', 'ALLOW_ALL_HOSTNAME_VERIFIER').map((s): [CodeSite, string] => [s, 'SSLSocketFactory.ALLOW_ALL_HOSTNAME_VERIFIER']),
      ...code.invokesOf('Lorg/apache/http/conn/ssl/AllowAllHostnameVerifier;', '<init>').map((s): [CodeSite, string] => [s, 'new AllowAllHostnameVerifier()']),
    ];
    for (const [owner, group] of groupBy(sites, ([s]) => ownerKey(siteEvidence(facts, s).owner))) {
      const ev = group.slice(0, MAX_EVIDENCE).map(([s, api]) => siteEvidence(facts, s, api));
      void owner;
      report({ messageId: 'allowAll', verdict: 'fail', data: { owner: ownerLabel(ev[0]?.owner, options.lang), api: group[0]?.[1] ?? '' }, evidence: ev });
    }
  },
});

const sslErrorProceed = defineCheck({
  meta: {
    id: 'c10/webview-ssl-error-proceed',
    title: { en: 'WebView ignores TLS errors', zh: 'WebView 忽略 TLS 证书错误' },
    verdicts: ['fail'],
    needs: ['dex'],
    docs: {
      basis: {
        en: 'PIPL Art. 51; MobSF android_webview_ignore_ssl. An onReceivedSslError override that calls SslErrorHandler.proceed() without a condition loads pages over broken or forged TLS.',
        zh: '《个人信息保护法》第五十一条；MobSF android_webview_ignore_ssl。无条件调用 SslErrorHandler.proceed() 的 onReceivedSslError 会在证书无效或被伪造时继续加载页面。',
      },
      fix: {
        en: 'Call handler.cancel() (the default) in onReceivedSslError, or remove the override.',
        zh: '在 onReceivedSslError 中调用 handler.cancel()（默认行为），或删除该重写。',
      },
    },
    messages: {
      proceed: {
        en: '{{cls}}.onReceivedSslError calls proceed() unconditionally ({{owner}})',
        zh: '{{cls}}.onReceivedSslError 无条件调用 proceed()（{{owner}}）',
      },
    },
  },
  run({ facts, report, options }) {
    const code = facts.code;
    if (code === undefined) return;
    const proceedCallers = new Set(code.invokesOf('Landroid/webkit/SslErrorHandler;', 'proceed').map((s) => `${s.unit.entry}|${code.callerRef(s)}`));
    for (const o of overrides(facts, 'Landroid/webkit/WebViewClient;', 'onReceivedSslError')) {
      const dex = code.hierarchy.dexes[o.dexIndex];
      if (dex === undefined || !proceedCallers.has(`${o.entry}|${o.method}`)) continue;
      if (!safely(() => hasNoBranch(dex, o.codeOff))) continue;
      const ev = methodEvidence(facts, o, 'SslErrorHandler.proceed() with no branch');
      report({ messageId: 'proceed', verdict: 'fail', data: { cls: descriptorToClassName(o.cls), owner: ownerLabel(ev.owner, options.lang) }, evidence: [ev] });
    }
  },
});

/** Call sites of an API whose argument at `index` is the constant `value`. */
function callsWithArg(facts: AppFacts, cls: string, name: string, index: number, test: (v: string | number | undefined, tag: Tag | undefined) => boolean): CodeSite[] {
  const code = facts.code;
  if (code === undefined) return [];
  return code.invokesOf(cls, name).filter((s) => {
    const ev = eventAt(facts, s);
    return ev !== undefined && test(constOf(ev.args[index]), ev.args[index]);
  });
}

const webviewJsInterface = defineCheck({
  meta: {
    id: 'c10/webview-javascript-interface',
    title: { en: 'WebView exposes Java objects to JavaScript', zh: 'WebView 向 JavaScript 暴露 Java 对象' },
    verdicts: ['fail', 'warn'],
    needs: ['dex'],
    docs: {
      basis: {
        en: 'PIPL Art. 51; MobSF android_webview. With JavaScript enabled, addJavascriptInterface lets page scripts call into the app; below API 17 any public method is reachable through reflection (remote code execution), above it any @JavascriptInterface method is exposed to every page the WebView loads.',
        zh: '《个人信息保护法》第五十一条；MobSF android_webview。启用 JavaScript 后，addJavascriptInterface 使网页脚本可调用应用代码；API 17 以下可借反射执行任意代码，以上版本也会把 @JavascriptInterface 方法暴露给 WebView 加载的所有页面。',
      },
      fix: {
        en: 'Load only your own HTTPS pages in WebViews that have a JavaScript interface, expose the minimum, and set minSdkVersion ≥ 17.',
        zh: '仅在加载自有 HTTPS 页面的 WebView 中使用 JavaScript 接口，只暴露必要方法，并将 minSdkVersion 设为 17 以上。',
      },
    },
    messages: {
      legacy: {
        en: 'addJavascriptInterface with JavaScript enabled and minSdk {{minSdk}} < 17 ({{owner}}): pages can run arbitrary code in the app',
        zh: '启用 JavaScript 且 minSdk {{minSdk}} < 17 时调用 addJavascriptInterface（{{owner}}）：网页可在应用内执行任意代码',
      },
      bridge: {
        en: 'addJavascriptInterface with JavaScript enabled ({{owner}}): every page this WebView loads can call the exposed methods',
        zh: '启用 JavaScript 时调用 addJavascriptInterface（{{owner}}）：WebView 加载的任何页面都能调用暴露的方法',
      },
    },
  },
  run({ facts, report, options }) {
    const code = facts.code;
    if (code === undefined) return;
    const jsOn = callsWithArg(facts, 'Landroid/webkit/WebSettings;', 'setJavaScriptEnabled', 1, (v) => v === 1);
    if (jsOn.length === 0) return;
    const bridges = code.invokesOf('Landroid/webkit/WebView;', 'addJavascriptInterface');
    const minSdk = facts.manifest.effectiveMinSdk;
    for (const [, group] of groupBy(bridges, (s) => ownerKey(siteEvidence(facts, s).owner))) {
      const ev = group.slice(0, MAX_EVIDENCE).map((s) => siteEvidence(facts, s, 'WebView.addJavascriptInterface'));
      const data = { owner: ownerLabel(ev[0]?.owner, options.lang), minSdk };
      report({ messageId: minSdk < 17 ? 'legacy' : 'bridge', verdict: minSdk < 17 ? 'fail' : 'warn', data, evidence: [...ev, siteEvidence(facts, jsOn[0] as CodeSite, 'WebSettings.setJavaScriptEnabled(true)')] });
    }
  },
});

const webviewFileAccess = defineCheck({
  meta: {
    id: 'c10/webview-file-access',
    title: { en: 'WebView lets pages read local files', zh: 'WebView 允许网页读取本地文件' },
    verdicts: ['warn'],
    needs: ['dex'],
    docs: {
      basis: {
        en: 'PIPL Art. 51; MobSF android_webview_allow_file_from_url. File-URL access lets a page (or an injected file:// page) read the app\'s private files, including stored personal information.',
        zh: '《个人信息保护法》第五十一条；MobSF android_webview_allow_file_from_url。允许文件 URL 访问会让网页（或被注入的 file:// 页面）读取应用私有文件，包括其中存储的个人信息。',
      },
      fix: {
        en: 'Keep setAllowFileAccessFromFileURLs and setAllowUniversalAccessFromFileURLs false, and setAllowFileAccess(false) where JavaScript is enabled; serve local content with WebViewAssetLoader.',
        zh: '保持 setAllowFileAccessFromFileURLs、setAllowUniversalAccessFromFileURLs 为 false，启用 JavaScript 时 setAllowFileAccess(false)；本地内容用 WebViewAssetLoader 提供。',
      },
    },
    messages: {
      fromFileUrls: {
        en: '{{api}}(true) ({{owner}}): file:// pages can read other files or any origin',
        zh: '{{api}}(true)（{{owner}}）：file:// 页面可读取其他文件或任意来源',
      },
      fileWithJs: {
        en: 'setAllowFileAccess(true) with JavaScript enabled ({{owner}})',
        zh: '启用 JavaScript 时 setAllowFileAccess(true)（{{owner}}）',
      },
    },
  },
  run({ facts, report, options }) {
    for (const api of ['setAllowFileAccessFromFileURLs', 'setAllowUniversalAccessFromFileURLs']) {
      const sites = callsWithArg(facts, 'Landroid/webkit/WebSettings;', api, 1, (v) => v === 1);
      for (const [, group] of groupBy(sites, (s) => ownerKey(siteEvidence(facts, s).owner))) {
        const ev = group.slice(0, MAX_EVIDENCE).map((s) => siteEvidence(facts, s, `WebSettings.${api}(true)`));
        report({ messageId: 'fromFileUrls', verdict: 'warn', data: { api, owner: ownerLabel(ev[0]?.owner, options.lang) }, evidence: ev });
      }
    }
    if (callsWithArg(facts, 'Landroid/webkit/WebSettings;', 'setJavaScriptEnabled', 1, (v) => v === 1).length === 0) return;
    const sites = callsWithArg(facts, 'Landroid/webkit/WebSettings;', 'setAllowFileAccess', 1, (v) => v === 1);
    for (const [, group] of groupBy(sites, (s) => ownerKey(siteEvidence(facts, s).owner))) {
      const ev = group.slice(0, MAX_EVIDENCE).map((s) => siteEvidence(facts, s, 'WebSettings.setAllowFileAccess(true)'));
      report({ messageId: 'fileWithJs', verdict: 'warn', data: { owner: ownerLabel(ev[0]?.owner, options.lang) }, evidence: ev });
    }
  },
});

const webviewDebug = defineCheck({
  meta: {
    id: 'c10/webview-debugging',
    title: { en: 'WebView debugging or mixed content enabled', zh: '开启 WebView 调试或混合内容' },
    verdicts: ['warn'],
    needs: ['dex'],
    docs: {
      basis: {
        en: 'PIPL Art. 51; MobSF android_webview_debug and android_webview_mixed_content. Remote debugging exposes page contents and cookies to anyone with adb; MIXED_CONTENT_ALWAYS_ALLOW loads HTTP scripts into HTTPS pages.',
        zh: '《个人信息保护法》第五十一条；MobSF android_webview_debug、android_webview_mixed_content。远程调试会把页面内容和 Cookie 暴露给能使用 adb 的人；MIXED_CONTENT_ALWAYS_ALLOW 会在 HTTPS 页面中加载 HTTP 脚本。',
      },
      fix: {
        en: 'Enable WebView debugging only in debug builds (behind BuildConfig.DEBUG) and keep the default mixed-content mode (never allow).',
        zh: '仅在调试构建中（BuildConfig.DEBUG 条件下）开启 WebView 调试，混合内容保持默认（不允许）。',
      },
    },
    messages: {
      debugging: {
        en: 'WebView.setWebContentsDebuggingEnabled(true) is called unconditionally ({{owner}})',
        zh: '无条件调用 WebView.setWebContentsDebuggingEnabled(true)（{{owner}}）',
      },
      mixed: {
        en: 'setMixedContentMode(MIXED_CONTENT_ALWAYS_ALLOW) ({{owner}}): HTTP content loads into HTTPS pages',
        zh: 'setMixedContentMode(MIXED_CONTENT_ALWAYS_ALLOW)（{{owner}}）：HTTPS 页面会加载 HTTP 内容',
      },
    },
  },
  run({ facts, report, options }) {
    const code = facts.code;
    if (code === undefined) return;
    const debug = callsWithArg(facts, 'Landroid/webkit/WebView;', 'setWebContentsDebuggingEnabled', 0, (v) => v === 1).filter((s) => {
      const off = code.codeOffOf(s.unit, s.caller);
      return off !== undefined && safely(() => hasNoBranch(s.unit.dex, off));
    });
    for (const [, group] of groupBy(debug, (s) => ownerKey(siteEvidence(facts, s).owner))) {
      const ev = group.slice(0, MAX_EVIDENCE).map((s) => siteEvidence(facts, s, 'WebView.setWebContentsDebuggingEnabled(true)'));
      report({ messageId: 'debugging', verdict: 'warn', data: { owner: ownerLabel(ev[0]?.owner, options.lang) }, evidence: ev });
    }
    const mixed = callsWithArg(facts, 'Landroid/webkit/WebSettings;', 'setMixedContentMode', 1, (v) => v === 0);
    for (const [, group] of groupBy(mixed, (s) => ownerKey(siteEvidence(facts, s).owner))) {
      const ev = group.slice(0, MAX_EVIDENCE).map((s) => siteEvidence(facts, s, 'WebSettings.setMixedContentMode(0)'));
      report({ messageId: 'mixed', verdict: 'warn', data: { owner: ownerLabel(ev[0]?.owner, options.lang) }, evidence: ev });
    }
  },
});

const WEAK_CIPHER = /^(DES|DESede|TripleDES|3DES|RC2|RC4|ARCFOUR|Blowfish)(\/.*)?$/i;

const weakCrypto = defineCheck({
  meta: {
    id: 'c10/weak-crypto',
    title: { en: 'Weak encryption or hashing', zh: '使用弱加密或弱散列算法' },
    verdicts: ['warn'],
    needs: ['dex'],
    docs: {
      basis: {
        en: 'PIPL Art. 51 (encryption); MobSF android_aes_ecb, android_weak_ciphers, android_rsa_no_oaep, android_md5, android_sha1. ECB leaks patterns, DES/RC4 are broken, RSA without OAEP is malleable, MD5 and SHA-1 collide.',
        zh: '《个人信息保护法》第五十一条（加密）；MobSF android_aes_ecb、android_weak_ciphers、android_rsa_no_oaep、android_md5、android_sha1。ECB 会泄露数据模式，DES/RC4 已被攻破，RSA 无 OAEP 可被篡改，MD5 与 SHA-1 存在碰撞。',
      },
      fix: {
        en: 'Use AES/GCM/NoPadding with a random IV, RSA/ECB/OAEPWithSHA-256AndMGF1Padding, and SHA-256 or better; for passwords use a slow KDF.',
        zh: '使用带随机 IV 的 AES/GCM/NoPadding、RSA/ECB/OAEPWithSHA-256AndMGF1Padding 以及 SHA-256 或更强的散列；口令使用慢速 KDF。',
      },
    },
    messages: {
      ecb: { en: 'Cipher.getInstance("{{value}}") ({{owner}}): AES in ECB mode leaks patterns of the plaintext', zh: 'Cipher.getInstance("{{value}}")（{{owner}}）：AES ECB 模式会泄露明文模式' },
      broken: { en: 'Cipher.getInstance("{{value}}") ({{owner}}): a broken cipher', zh: 'Cipher.getInstance("{{value}}")（{{owner}}）：已被攻破的加密算法' },
      rsaNoOaep: { en: 'Cipher.getInstance("{{value}}") ({{owner}}): RSA without OAEP padding', zh: 'Cipher.getInstance("{{value}}")（{{owner}}）：RSA 未使用 OAEP 填充' },
      digest: { en: 'MessageDigest.getInstance("{{value}}") ({{owner}}): a digest with known collisions', zh: 'MessageDigest.getInstance("{{value}}")（{{owner}}）：存在碰撞的散列算法' },
    },
  },
  run({ facts, report, options }) {
    const code = facts.code;
    if (code === undefined) return;
    const classify = (v: string): 'ecb' | 'broken' | 'rsaNoOaep' | undefined => {
      if (WEAK_CIPHER.test(v)) return 'broken';
      if (/^AES$/i.test(v) || /^AES(_\d+)?\/ECB\//i.test(v)) return 'ecb';
      if (/^RSA$/i.test(v) || (/^RSA\//i.test(v) && !/OAEP/i.test(v))) return 'rsaNoOaep';
      return undefined;
    };
    const found: { site: CodeSite; messageId: 'ecb' | 'broken' | 'rsaNoOaep' | 'digest'; value: string }[] = [];
    for (const site of code.invokesOf('Ljavax/crypto/Cipher;', 'getInstance')) {
      const v = constOf(eventAt(facts, site)?.args[0]);
      const kind = typeof v === 'string' ? classify(v) : undefined;
      if (kind !== undefined) found.push({ site, messageId: kind, value: String(v) });
    }
    for (const site of code.invokesOf('Ljava/security/MessageDigest;', 'getInstance')) {
      const v = constOf(eventAt(facts, site)?.args[0]);
      if (typeof v === 'string' && /^(MD2|MD4|MD5|SHA-?1|SHA)$/i.test(v)) found.push({ site, messageId: 'digest', value: v });
    }
    for (const [, group] of groupBy(found, (f) => `${f.messageId}|${f.value.toUpperCase()}|${ownerKey(siteEvidence(facts, f.site).owner)}`)) {
      const first = group[0];
      if (first === undefined) continue;
      const ev = group.slice(0, MAX_EVIDENCE).map((f) => siteEvidence(facts, f.site, `"${f.value}"`));
      report({ messageId: first.messageId, verdict: 'warn', data: { value: first.value, owner: ownerLabel(ev[0]?.owner, options.lang) }, evidence: ev });
    }
  },
});

const hardcodedKey = defineCheck({
  meta: {
    id: 'c10/hardcoded-key',
    title: { en: 'Encryption key or IV hard-coded in the app', zh: '密钥或 IV 硬编码在应用中' },
    verdicts: ['warn'],
    needs: ['dex'],
    docs: {
      basis: {
        en: 'PIPL Art. 51; MobSF android_hardcoded and android_weak_iv. A key or IV built from a string constant is the same in every copy of the APK, so anyone who unpacks it can decrypt what it protects.',
        zh: '《个人信息保护法》第五十一条；MobSF android_hardcoded、android_weak_iv。由字符串常量生成的密钥或 IV 在每个安装包中都相同，任何人解包即可解密其保护的数据。',
      },
      fix: {
        en: 'Generate keys in the Android Keystore (or derive them per user), and use a random IV for every encryption.',
        zh: '在 Android Keystore 中生成密钥（或按用户派生），每次加密使用随机 IV。',
      },
    },
    messages: {
      key: { en: '{{api}} is built from the constant "{{value}}" ({{owner}})', zh: '{{api}} 由常量 "{{value}}" 构造（{{owner}}）' },
    },
  },
  run({ facts, report, options }) {
    const code = facts.code;
    if (code === undefined) return;
    for (const [cls, api] of [
      ['Ljavax/crypto/spec/SecretKeySpec;', 'SecretKeySpec'],
      ['Ljavax/crypto/spec/IvParameterSpec;', 'IvParameterSpec'],
    ] as const) {
      for (const site of code.invokesOf(cls, '<init>')) {
        const arg = eventAt(facts, site)?.args[1];
        if (arg?.t !== 'bytes') continue;
        const shown = arg.of.length > 24 ? `${arg.of.slice(0, 4)}…(${arg.of.length} chars)` : `${arg.of.slice(0, 2)}…`;
        const ev = siteEvidence(facts, site, `${api} from a constant of ${arg.of.length} characters`);
        report({ messageId: 'key', verdict: 'warn', data: { api, value: shown, owner: ownerLabel(ev.owner, options.lang) }, evidence: [ev] });
      }
    }
  },
});

const MODE_WORLD_READABLE = 1;
const MODE_WORLD_WRITEABLE = 2;

const worldReadable = defineCheck({
  meta: {
    id: 'c10/world-readable-files',
    title: { en: 'Files or preferences created world-readable', zh: '以全局可读写模式创建文件或偏好' },
    verdicts: ['fail', 'warn'],
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
    messages: {
      world: { en: '{{apis}} ({{owner}}): with mode 1 or 2 any app on the device can read or write the file', zh: '{{apis}}（{{owner}}）：模式 1 或 2 使设备上任何应用都能读写该文件' },
    },
  },
  run({ facts, report, options }) {
    const code = facts.code;
    if (code === undefined) return;
    const legacy = facts.manifest.effectiveTargetSdk < 24;
    const sites: { site: CodeSite; api: string; mode: number }[] = [];
    const isContext = (d: string): boolean => code.isA(d, CONTEXT);
    for (const api of ['openFileOutput', 'getSharedPreferences', 'getDir', 'openOrCreateDatabase']) {
      for (const site of code.invokesOfName(api, isContext)) {
        const mode = constOf(eventAt(facts, site)?.args[2]);
        if (typeof mode === 'number' && (mode & (MODE_WORLD_READABLE | MODE_WORLD_WRITEABLE)) !== 0) sites.push({ site, api, mode });
      }
    }
    for (const [, group] of groupBy(sites, (s) => ownerKey(siteEvidence(facts, s.site).owner))) {
      const first = group[0];
      if (first === undefined) continue;
      const ev = group.slice(0, MAX_EVIDENCE).map((s) => siteEvidence(facts, s.site, `${s.api}(…, ${s.mode})`));
      const apis = [...new Set(group.map((s) => `${s.api}(…, ${s.mode})`))].join(', ');
      report({ messageId: 'world', verdict: legacy ? 'fail' : 'warn', data: { apis, owner: ownerLabel(ev[0]?.owner, options.lang) }, evidence: ev });
    }
  },
});

const LOG_SINK = /^Landroid\/util\/Log;->(d|i|v|w|e|wtf|println)\(/;

const piLogged = defineCheck({
  meta: {
    id: 'c10/pi-logged',
    title: { en: 'Personal information written to the system log', zh: '个人信息写入系统日志' },
    verdicts: ['warn'],
    needs: ['dex'],
    docs: {
      basis: {
        en: 'PIPL Art. 51; MobSF android_logging. Logcat is readable over adb and, on older Android versions, by other apps with READ_LOGS; identifiers and locations logged there leak.',
        zh: '《个人信息保护法》第五十一条；MobSF android_logging。Logcat 可通过 adb 读取，旧版本 Android 上持有 READ_LOGS 的应用也能读取，写入其中的标识符和位置会泄露。',
      },
      fix: {
        en: 'Remove logging of identifiers, locations and account data, and strip Log calls from release builds (R8 -assumenosideeffects).',
        zh: '删除对标识符、位置和账户信息的日志输出，并在发布构建中移除 Log 调用（R8 -assumenosideeffects）。',
      },
    },
    messages: {
      logged: { en: 'the result of {{api}} ({{kind}}) is passed to {{sink}} ({{owner}})', zh: '{{api}}（{{kind}}）的结果被传给 {{sink}}（{{owner}}）' },
    },
  },
  run({ facts, report, options }) {
    const code = facts.code;
    if (code === undefined) return;
    const byMethod = groupBy(
      facts.apiUses.filter((u) => u.site !== undefined && u.via === 'invoke'),
      (u) => `${u.entry}|${u.caller}`,
    );
    for (const uses of byMethod.values()) {
      const first = uses[0];
      if (first?.site === undefined) continue;
      const apis = new Map(uses.map((u) => [u.api, u]));
      const events = flowAt(facts, first.site, (callee) => {
        const key = callee.slice(0, callee.indexOf('('));
        return apis.has(key) ? key : undefined;
      });
      for (const e of events) {
        if (!LOG_SINK.test(e.callee)) continue;
        const tainted = e.args.find((a) => a?.t === 'tainted');
        if (tainted?.t !== 'tainted') continue;
        const use = apis.get(tainted.by);
        if (use === undefined) continue;
        const sink = e.callee.slice(0, e.callee.indexOf('('));
        const ev: Evidence = { location: { kind: 'dex', entry: use.entry, method: use.caller, pc: e.pc }, owner: use.owner, detail: `${use.api} → ${sink}` };
        report({ messageId: 'logged', verdict: 'warn', data: { api: use.api.replace(/^L(.+);->/, (_, c: string) => `${c.replace(/\//g, '.')}.`), kind: use.kind, sink: sink.replace('Landroid/util/Log;->', 'Log.'), owner: ownerLabel(use.owner, options.lang) }, evidence: [ev] });
      }
    }
  },
});


function fileEvidence(entry: string, path: string | undefined, detail: string): Evidence {
  return { location: { kind: 'file', entry }, detail: path === undefined ? detail : `${path}: ${detail}` };
}

const userTrust = defineCheck({
  meta: {
    id: 'c10/trusts-user-certificates',
    title: { en: 'Trusts user-installed CA certificates', zh: '信任用户安装的 CA 证书' },
    verdicts: ['warn'],
    needs: ['resources'],
    docs: {
      basis: {
        en: 'PIPL Art. 51; MobSF network_security.py. Since Android 7 apps trust only system CAs by default; trusting `user` anchors outside <debug-overrides> lets anyone who installs a CA on the device (employers, malware, interception tools) read the app\'s TLS traffic; overridePins="true" disables pinning for those anchors.',
        zh: '《个人信息保护法》第五十一条；MobSF network_security.py。Android 7 起应用默认只信任系统 CA；在 <debug-overrides> 之外信任 user 证书，会让在设备上安装 CA 的任何人（企业、恶意软件、抓包工具）读取应用的 TLS 流量；overridePins="true" 会使这些证书绕过证书锁定。',
      },
      fix: {
        en: 'Move <certificates src="user"/> into <debug-overrides> (debug builds only) and remove overridePins="true".',
        zh: '将 <certificates src="user"/> 移到 <debug-overrides>（仅调试构建生效），并删除 overridePins="true"。',
      },
    },
    messages: {
      user: { en: '{{scope}} of {{file}} trusts user-installed certificates', zh: '{{file}} 的 {{scope}} 信任用户安装的证书' },
      overridePins: { en: '{{scope}} of {{file}} sets overridePins="true" for {{src}} certificates', zh: '{{file}} 的 {{scope}} 对 {{src}} 证书设置了 overridePins="true"' },
    },
  },
  run({ facts, report }) {
    const nsc = facts.networkSecurityConfig;
    if (nsc === undefined) return;
    const scopes: { scope: string; path: string; anchors: { src: string; overridePins: boolean }[] }[] = [];
    if (nsc.base?.trustAnchors !== undefined) scopes.push({ scope: 'base-config', path: nsc.base.path, anchors: nsc.base.trustAnchors });
    for (const d of nsc.domains) if (d.trustAnchors !== undefined) scopes.push({ scope: `domain-config (${d.domains.map((x) => x.name).join(', ')})`, path: d.path, anchors: d.trustAnchors });
    for (const sc of scopes) {
      if (sc.anchors.some((a) => a.src === 'user')) report({ messageId: 'user', verdict: 'warn', data: { scope: sc.scope, file: nsc.entry }, evidence: [fileEvidence(nsc.entry, `${sc.path}/trust-anchors`, '<certificates src="user"/>')] });
      for (const a of sc.anchors.filter((x) => x.overridePins)) {
        report({ messageId: 'overridePins', verdict: 'warn', data: { scope: sc.scope, file: nsc.entry, src: a.src }, evidence: [fileEvidence(nsc.entry, `${sc.path}/trust-anchors`, `<certificates src="${a.src}" overridePins="true"/>`)] });
      }
    }
  },
});

const janus = defineCheck({
  meta: {
    id: 'c10/v1-signature-only',
    title: { en: 'Only a v1 (JAR) signature on a device range open to Janus', zh: '仅有 v1（JAR）签名，存在 Janus 漏洞风险' },
    verdicts: ['fail'],
    needs: ['signing'],
    docs: {
      basis: {
        en: 'PIPL Art. 51; CVE-2017-13156 (Janus): on Android 5.0–8.0 a DEX prepended to an APK signed only with the v1 scheme runs while the signature still verifies, so an attacker can ship modified code as an update; MobSF cert_analysis.py.',
        zh: '《个人信息保护法》第五十一条；CVE-2017-13156（Janus）：在 Android 5.0–8.0 上，仅有 v1 签名的 APK 被前置 DEX 后签名仍然有效，攻击者可借此以更新形式投放被篡改的代码；MobSF cert_analysis.py。',
      },
      fix: {
        en: 'Sign with the v2 and v3 schemes as well (apksigner does by default), or raise minSdkVersion to 24.',
        zh: '同时使用 v2、v3 签名（apksigner 默认即如此），或将 minSdkVersion 提升至 24。',
      },
    },
    messages: {
      janus: { en: 'signed with the v1 scheme only and minSdk {{minSdk}} < 24: exposed to Janus (CVE-2017-13156)', zh: '仅有 v1 签名且 minSdk {{minSdk}} < 24：存在 Janus 漏洞（CVE-2017-13156）' },
    },
  },
  run({ facts, report }) {
    const info = facts.signing;
    if (info === undefined || !isJanusExposed(info, facts.manifest.effectiveMinSdk)) return;
    const entry = info.signers.find((x) => x.scheme === 'v1')?.entry ?? info.v1Entries[0] ?? 'META-INF/';
    report({ messageId: 'janus', verdict: 'fail', data: { minSdk: facts.manifest.effectiveMinSdk }, evidence: [{ location: { kind: 'signing', entry, scheme: 'v1', signer: 0 }, detail: `schemes: ${info.schemes.join(', ')}` }] });
  },
});

const debugCert = defineCheck({
  meta: {
    id: 'c10/debug-certificate',
    title: { en: 'Signed with the Android debug certificate', zh: '使用 Android 调试证书签名' },
    verdicts: ['fail'],
    needs: ['signing'],
    docs: {
      basis: {
        en: 'PIPL Art. 51; MobSF cert_analysis.py. The debug keystore\'s key is not secret (every SDK install generates one, and many are published), so anyone can sign an "update" that replaces the app and reads its data.',
        zh: '《个人信息保护法》第五十一条；MobSF cert_analysis.py。调试密钥库的私钥并不保密（每次安装 SDK 都会生成，大量已公开），任何人都能签出可覆盖安装并读取应用数据的"更新"。',
      },
      fix: {
        en: 'Sign releases with your own release key (kept in a keystore or Play App Signing), never the debug keystore.',
        zh: '使用自有发布密钥（密钥库或 Play 应用签名）签名发布版本，不要使用调试密钥库。',
      },
    },
    messages: {
      debug: { en: 'the {{scheme}} signer certificate is "{{subject}}" (the SDK debug keystore)', zh: '{{scheme}} 签名证书为 "{{subject}}"（SDK 调试密钥库）' },
    },
  },
  run({ facts, report }) {
    const info = facts.signing;
    if (info === undefined) return;
    const seen = new Set<string>();
    for (const signer of info.signers) {
      if (!signer.certificate.isDebug || seen.has(signer.certificate.sha256)) continue;
      seen.add(signer.certificate.sha256);
      report({
        messageId: 'debug',
        verdict: 'fail',
        data: { scheme: signer.scheme, subject: signer.certificate.subject },
        evidence: [{ location: { kind: 'signing', entry: signer.entry ?? 'APK Signing Block', scheme: signer.scheme, signer: signer.index }, detail: `SHA-256 ${signer.certificate.sha256}` }],
      });
    }
  },
});

/** Keystore containers are flagged by type; PEM-like text files only when they hold a private key. */
const KEYSTORE_FILE = /\.(p12|pfx|jks|bks|keystore|jceks)$/i;
const PEM_FILE = /\.(pem|key)$/i;
const PEM_PRIVATE = /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/;
/** Small files outside the code whose bytes are worth one look for a PEM private key. */
const KEY_SCAN_MAX = 256 * 1024;

const privateKey = defineCheck({
  meta: {
    id: 'c10/private-key-in-apk',
    title: { en: 'Private key or keystore shipped in the APK', zh: 'APK 中包含私钥或密钥库' },
    verdicts: ['fail'],
    needs: ['manifest'],
    docs: {
      basis: {
        en: 'PIPL Art. 51; MobSF hardcoded certificate/keystore checks; apkleaks RSA_Private_Key. Everything in an APK is public: a private key or keystore in it is a key anyone can use to impersonate the app\'s servers or clients.',
        zh: '《个人信息保护法》第五十一条；MobSF 硬编码证书/密钥库检查；apkleaks RSA_Private_Key。APK 中的一切都是公开的：其中的私钥或密钥库任何人都能用来冒充应用的服务器或客户端。',
      },
      fix: {
        en: 'Remove the key from the APK, revoke and rotate it, and provision client credentials at run time (per device, from your server, into the Android Keystore).',
        zh: '从 APK 中删除该密钥并吊销、轮换，运行时再下发客户端凭据（按设备，从服务器写入 Android Keystore）。',
      },
    },
    messages: {
      file: { en: '{{entry}} is a keystore file', zh: '{{entry}} 是密钥库文件' },
      pem: { en: '{{where}} contains a PEM private key', zh: '{{where}} 含有 PEM 格式私钥' },
    },
  },
  run({ facts, report }) {
    const zip = facts.zip;
    for (const name of facts.entries) {
      if (name.startsWith('META-INF/') || name.endsWith('/')) continue;
      if (KEYSTORE_FILE.test(name)) {
        report({ messageId: 'file', verdict: 'fail', data: { entry: name }, evidence: [{ location: { kind: 'file', entry: name }, detail: 'keystore by its file type' }] });
        continue;
      }
      if (zip === undefined || !(name.startsWith('assets/') || name.startsWith('res/raw/') || PEM_FILE.test(name))) continue;
      const e = zip.entry(name);
      if (e === undefined || e.uncompressedSize > KEY_SCAN_MAX) continue;
      let text: string;
      try {
        text = zip.read(name, { cache: false, maxBytes: KEY_SCAN_MAX }).toString('latin1');
      } catch (err) {
        if (isPledgeError(err)) continue;
        throw err;
      }
      if (PEM_PRIVATE.test(text)) report({ messageId: 'pem', verdict: 'fail', data: { where: name }, evidence: [{ location: { kind: 'file', entry: name }, detail: 'PEM PRIVATE KEY block' }] });
    }
    for (const site of facts.code?.stringSitesWithPrefix('-----BEGIN') ?? []) {
      const value = site.unit.dex.string(site.ref);
      if (!PEM_PRIVATE.test(value)) continue;
      const ev = siteEvidence(facts, site, 'const-string with a PEM PRIVATE KEY block');
      report({ messageId: 'pem', verdict: 'fail', data: { where: ev.location.kind === 'dex' ? descriptorToClassName(facts.code?.callerClass(site) ?? '') : site.unit.entry }, evidence: [ev] });
    }
  },
});

// Paths and parameters that carry personal information or credentials (CLAUSES.md clause 10).
const PI_URL_PART = /(\/|[?&=_-])(login|logon|signin|sign_in|register|signup|user|users|account|member|profile|passport|auth|oauth|token|passw(or)?d|pwd|pay|payment|order|sms|phone|mobile|tel|imei|imsi|device_?id|deviceid|android_?id|oaid|idfa|mac|location|lat|lng|lon|gps|idcard|id_card|realname|contacts?)([/?&=_.-]|$)/i;
// Hosts a device never reaches over a network, and XML namespace URIs that are names, not endpoints.
const NOT_AN_ENDPOINT = /^http:\/\/(localhost|127\.|10\.|192\.168\.|0\.0\.0\.0|\[::1\]|schemas\.android\.com|www\.w3\.org|ns\.adobe\.com|xmlpull\.org|www\.apache\.org)/i;

const cleartextPiEndpoint = defineCheck({
  meta: {
    id: 'c10/cleartext-pi-endpoint',
    title: { en: 'Personal information sent over plain HTTP', zh: '通过明文 HTTP 传输个人信息' },
    verdicts: ['warn'],
    needs: ['resources', 'dex', 'assets'],
    docs: {
      basis: {
        en: 'PIPL Art. 51 (encryption and other security measures); GB/T 35273-2020 6.3 (transmission of personal information). An http:// endpoint whose path or query names a login, account, payment, phone number, device identifier or location travels unencrypted and can be read or altered on the network.',
        zh: '《个人信息保护法》第五十一条（加密等安全技术措施）；GB/T 35273-2020 6.3（个人信息的传输）。路径或参数涉及登录、账户、支付、手机号、设备标识或位置的 http:// 接口以明文传输，可在网络上被窃听或篡改。',
      },
      fix: { en: 'Serve these endpoints over HTTPS only and remove the http:// URLs; block cleartext with the network security config.', zh: '这些接口仅使用 HTTPS，删除 http:// 地址，并在网络安全配置中禁止明文流量。' },
    },
    messages: {
      http: { en: '{{owner}} holds {{count}} plain-HTTP URL(s) that carry personal information or credentials ({{hosts}}): {{urls}}', zh: '{{owner}}含 {{count}} 个传输个人信息或凭据的明文 HTTP 地址（{{hosts}}）：{{urls}}' },
    },
  },
  run({ facts, report, options }) {
    const urls = (facts.strings?.urls() ?? []).filter((u) => /^http:\/\//i.test(u.value) && !NOT_AN_ENDPOINT.test(u.value) && PI_URL_PART.test(u.value.replace(/^http:\/\/[^/?#]+/i, '')));
    // One finding per holder of the URLs (the app, or an SDK whose code carries them).
    const ownerOf = (u: (typeof urls)[number]): Owner | undefined => (u.location.kind === 'dex' ? facts.ownerOfClass(descriptorToClassName(u.location.method.slice(0, u.location.method.indexOf('->')))) : undefined);
    for (const group of groupBy(urls, (u) => ownerKey(ownerOf(u))).values()) {
      const distinct = [...new Set(group.map((u) => u.value))];
      const hosts = [...new Set(distinct.map((u) => /^http:\/\/([^/?#:]+)/i.exec(u)?.[1]?.toLowerCase() ?? u))];
      const owner = ownerOf(group[0] as (typeof urls)[number]);
      report({
        messageId: 'http',
        verdict: 'warn',
        data: { count: distinct.length, owner: ownerLabel(owner, options.lang), hosts: hosts.slice(0, 5).join(', ') + (hosts.length > 5 ? ' …' : ''), urls: distinct.slice(0, 3).join(', ') },
        evidence: group.slice(0, MAX_EVIDENCE).map((u) => ({ location: u.location, detail: u.value, ...(owner === undefined ? {} : { owner }) })),
      });
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
  checks: [debuggable, testOnly, cleartext, cleartextPiEndpoint, userTrust, janus, debugCert, privateKey, allowBackup, exportedProvider, trustAll, hostnameVerifier, sslErrorProceed, webviewJsInterface, webviewFileAccess, webviewDebug, weakCrypto, hardcodedKey, worldReadable, piLogged],
});
