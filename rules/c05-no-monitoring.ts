import { defineCheck, defineClause } from '../src/engine/legacy.js';
import { hasCategory } from './lib/categories.js';
import type { Component } from '../src/manifest/model.js';
import { groupBy, kindLabel, MAX_EVIDENCE, ownerKey, ownerLabel, useEvidence } from './lib/code.js';
import { describeComponent, manifestEvidence } from './lib/evidence.js';
import { ADS_ANALYTICS, sdkName } from './lib/sdk.js';

const P = 'android.permission.';

function servicesBoundBy(components: readonly Component[], permission: string): Component[] {
  return components.filter((c) => c.kind === 'service' && c.permission === permission);
}

const accessibility = defineCheck({
  meta: {
    id: 'c05/accessibility-service',
    title: { en: 'Accessibility service (reads other apps\' screens)', zh: '无障碍服务（可读取其他应用界面）' },
    verdicts: ['warn'],
    needs: ['manifest'],
    docs: {
      basis: {
        en: "Pledge clause 5 (no monitoring); PIPL Art. 10 (no illegal collection). An accessibility service can read the text of other apps' screens (DroidLysis accessibility_service).",
        zh: "承诺第五条（不得监听监视）；《个人信息保护法》第十条（不得非法收集）。无障碍服务可读取其他应用界面文字（DroidLysis accessibility_service）。",
      },
      fix: {
        en: "Keep accessibility services only for a disclosed assistive function, set canRetrieveWindowContent=\"false\" where the content is not needed, and describe the service in the privacy policy.",
        zh: "仅在提供已告知的辅助功能时保留无障碍服务；无需读取内容时设置 canRetrieveWindowContent=\"false\"，并在隐私政策中说明。",
      },
    },
    messages: {
      declared: {
        en: 'accessibility service {{name}} can read the text on other apps\' screens; it must serve a disclosed assistive purpose',
        zh: '无障碍服务 {{name}} 可读取其他应用界面上的文字，须用于已告知的辅助功能',
      },
    },
  },
  run({ facts, report }) {
    for (const c of servicesBoundBy(facts.manifest.components, `${P}BIND_ACCESSIBILITY_SERVICE`)) {
      report({ messageId: 'declared', verdict: 'warn', data: { name: c.name }, evidence: [manifestEvidence(`${c.path}/@android:permission`, describeComponent(c))] });
    }
  },
});

const notificationListener = defineCheck({
  meta: {
    id: 'c05/notification-listener',
    title: { en: "Notification listener (reads other apps' notifications)", zh: '通知监听服务（可读取其他应用通知）' },
    verdicts: ['warn'],
    needs: ['manifest'],
    docs: {
      basis: {
        en: "Pledge clause 5; PIPL Art. 10. A notification listener receives every notification, including other apps' messages and verification codes.",
        zh: "承诺第五条；《个人信息保护法》第十条。通知监听服务可收到全部通知，包括其他应用的消息和验证码。",
      },
      fix: {
        en: "Remove the NotificationListenerService unless it is the app's disclosed core function (e.g. a wearable companion), and state what it reads in the privacy policy.",
        zh: "除非是应用已告知的核心功能（如穿戴设备伴侣应用），删除通知监听服务，并在隐私政策中说明读取内容。",
      },
    },
    messages: {
      declared: {
        en: "notification listener {{name}} can read every notification, including other apps' messages and verification codes",
        zh: '通知监听服务 {{name}} 可读取全部通知，包括其他应用的消息和验证码',
      },
    },
  },
  run({ facts, report }) {
    for (const c of servicesBoundBy(facts.manifest.components, `${P}BIND_NOTIFICATION_LISTENER_SERVICE`)) {
      report({ messageId: 'declared', verdict: 'warn', data: { name: c.name }, evidence: [manifestEvidence(`${c.path}/@android:permission`, describeComponent(c))] });
    }
  },
});

const SMS_PERMISSIONS = [`${P}READ_SMS`, `${P}RECEIVE_SMS`, `${P}RECEIVE_MMS`, `${P}RECEIVE_WAP_PUSH`];
const SMS_ACTIONS = ['android.provider.Telephony.SMS_RECEIVED', 'android.provider.Telephony.SMS_DELIVER', 'android.provider.Telephony.WAP_PUSH_RECEIVED'];

const smsAccess = defineCheck({
  meta: {
    id: 'c05/sms-access',
    title: { en: 'Reads or intercepts SMS', zh: '读取或拦截短信' },
    verdicts: ['warn', 'review'],
    needs: ['manifest'],
    docs: {
      basis: {
        en: "Pledge clause 5; message content is communication content (PIPL Art. 28 sensitive PI). Only 短信 and 安全管理 apps have a reason to read or intercept SMS.",
        zh: "承诺第五条；短信内容属于通信内容（《个人信息保护法》第二十八条敏感个人信息）。仅短信类、安全管理类应用有理由读取或拦截短信。",
      },
      fix: {
        en: "Use the SMS Retriever / SMS User Consent APIs for verification codes instead of READ_SMS/RECEIVE_SMS and SMS_RECEIVED receivers.",
        zh: "验证码请使用 SMS Retriever 或 SMS User Consent API，替代 READ_SMS/RECEIVE_SMS 权限和短信广播接收器。",
      },
    },
    messages: {
      permission: { en: '{{permission}} is requested: message content is communication content{{why}}', zh: '申请了 {{permission}}：短信内容属于通信内容{{why}}' },
      receiver: { en: 'receiver {{name}} listens for {{action}}: incoming messages are intercepted{{why}}', zh: '广播接收器 {{name}} 监听 {{action}}：可拦截收到的短信{{why}}' },
      code: { en: '{{owner}} reads SMS content ({{apis}}){{why}}', zh: '{{owner}}读取短信内容（{{apis}}）{{why}}' },
    },
    manualCheck: {
      en: 'For a security app: confirm SMS content is only scanned on the device for fraud or spam, is not uploaded beyond that, and that the privacy policy says so.',
      zh: '对安全管理类应用：确认短信内容仅在本机用于识别诈骗或垃圾短信，未超出该目的上传，且隐私政策已说明。',
    },
  },
  run({ facts, report, options }) {
    const m = facts.manifest;
    // A security app (安全管理类) scans messages for fraud as its basic function: review, not warn.
    const security = hasCategory(options, '安全管理类');
    const verdict = security ? 'review' : 'warn';
    const why = security ? (options.lang === 'zh' ? '；安全管理类应用可能需要，请确认用途' : '; a security app may need this: check what it is used for') : '';
    for (const p of m.usesPermissions) {
      if (SMS_PERMISSIONS.includes(p.name)) report({ messageId: 'permission', verdict, data: { permission: p.name, why }, evidence: [manifestEvidence(p.path, p.name)] });
    }
    for (const c of m.components) {
      if (c.kind !== 'receiver') continue;
      for (const f of c.intentFilters) {
        const action = f.actions.find((a) => SMS_ACTIONS.includes(a));
        if (action !== undefined) report({ messageId: 'receiver', verdict, data: { name: c.name, action, why }, evidence: [manifestEvidence(f.path, `${describeComponent(c)}: ${action}`)] });
      }
    }
    const reads = facts.apiUses.filter((u) => u.kind === 'SMS' && !u.api.includes('sendTextMessage'));
    for (const group of groupBy(reads, (u) => ownerKey(u.owner)).values()) {
      const apis = [...new Set(group.map((u) => u.api))].join(', ');
      report({ messageId: 'code', verdict, data: { owner: ownerLabel(group[0]?.owner, options.lang), apis, why }, evidence: group.slice(0, MAX_EVIDENCE).map(useEvidence) });
    }
  },
});

const CALL_PERMISSIONS = [`${P}READ_CALL_LOG`, `${P}PROCESS_OUTGOING_CALLS`];
const CALL_ACTIONS = ['android.intent.action.NEW_OUTGOING_CALL', 'android.intent.action.PHONE_STATE'];

const callMonitoring = defineCheck({
  meta: {
    id: 'c05/call-monitoring',
    title: { en: 'Monitors calls or reads the call log', zh: '监听通话或读取通话记录' },
    verdicts: ['warn'],
    needs: ['manifest'],
    docs: {
      basis: {
        en: "Pledge clause 5; PIPL Art. 10. READ_CALL_LOG, PROCESS_OUTGOING_CALLS and PHONE_STATE / NEW_OUTGOING_CALL receivers let an app monitor calls.",
        zh: "承诺第五条；《个人信息保护法》第十条。READ_CALL_LOG、PROCESS_OUTGOING_CALLS 及通话状态广播接收器可监听通话。",
      },
      fix: {
        en: "Remove call-log and call-state access unless the app is a dialer or caller-ID app with that disclosed purpose.",
        zh: "除非应用是拨号或来电识别类且已告知用途，删除通话记录与通话状态访问。",
      },
    },
    messages: {
      permission: { en: '{{permission}} is requested: calls can be monitored', zh: '申请了 {{permission}}：可监听通话' },
      receiver: { en: 'receiver {{name}} listens for {{action}}', zh: '广播接收器 {{name}} 监听 {{action}}' },
      code: { en: '{{owner}} registers a call-state listener (TelephonyManager.listen)', zh: '{{owner}}注册了通话状态监听（TelephonyManager.listen）' },
    },
  },
  run({ facts, report, options }) {
    const m = facts.manifest;
    for (const group of groupBy(facts.apiUses.filter((u) => u.kind === 'CALL_STATE' || u.kind === 'CALL_LOG'), (u) => ownerKey(u.owner)).values()) {
      report({ messageId: 'code', verdict: 'warn', data: { owner: ownerLabel(group[0]?.owner, options.lang) }, evidence: group.slice(0, MAX_EVIDENCE).map(useEvidence) });
    }
    for (const p of m.usesPermissions) {
      if (CALL_PERMISSIONS.includes(p.name)) report({ messageId: 'permission', verdict: 'warn', data: { permission: p.name }, evidence: [manifestEvidence(p.path, p.name)] });
    }
    for (const c of m.components) {
      if (c.kind !== 'receiver') continue;
      for (const f of c.intentFilters) {
        const action = f.actions.find((a) => CALL_ACTIONS.includes(a));
        if (action !== undefined) report({ messageId: 'receiver', verdict: 'warn', data: { name: c.name, action }, evidence: [manifestEvidence(f.path, `${describeComponent(c)}: ${action}`)] });
      }
    }
  },
});

const usageStats = defineCheck({
  meta: {
    id: 'c05/usage-stats',
    title: { en: 'Monitors app usage (PACKAGE_USAGE_STATS)', zh: '监控应用使用情况（PACKAGE_USAGE_STATS）' },
    verdicts: ['warn'],
    needs: ['manifest'],
    docs: {
      basis: {
        en: "Pledge clause 5; MobSF android_usage_stats. PACKAGE_USAGE_STATS reveals which apps the user opens and for how long.",
        zh: "承诺第五条。PACKAGE_USAGE_STATS 可获知用户使用哪些应用及使用时长。",
      },
      fix: {
        en: "Remove PACKAGE_USAGE_STATS unless app-usage statistics are the app's disclosed function (e.g. digital wellbeing).",
        zh: "除非应用的已告知功能即为使用时长统计（如健康使用手机类），删除 PACKAGE_USAGE_STATS。",
      },
    },
    messages: {
      permission: { en: 'PACKAGE_USAGE_STATS is requested: the app can see which apps the user opens and for how long', zh: '申请了 PACKAGE_USAGE_STATS：可获知用户打开了哪些应用及时长' },
      code: { en: '{{owner}} queries app-usage statistics (UsageStatsManager.queryUsageStats)', zh: '{{owner}}查询应用使用统计（UsageStatsManager.queryUsageStats）' },
    },
  },
  run({ facts, report, options }) {
    const p = facts.manifest.usesPermissions.find((u) => u.name === `${P}PACKAGE_USAGE_STATS`);
    if (p !== undefined) report({ messageId: 'permission', verdict: 'warn', evidence: [manifestEvidence(p.path, p.name)] });
    for (const group of groupBy(facts.apiUses.filter((u) => u.kind === 'USAGE'), (u) => ownerKey(u.owner)).values()) {
      report({ messageId: 'code', verdict: 'warn', data: { owner: ownerLabel(group[0]?.owner, options.lang) }, evidence: group.slice(0, MAX_EVIDENCE).map(useEvidence) });
    }
  },
});

const CAPTURE_TYPES = ['microphone', 'camera', 'mediaProjection'];

const backgroundCapture = defineCheck({
  meta: {
    id: 'c05/background-capture-service',
    title: { en: 'Foreground service that captures audio, camera or screen', zh: '可录音、拍摄或录屏的前台服务' },
    verdicts: ['warn'],
    needs: ['manifest'],
    docs: {
      basis: {
        en: "Pledge clause 5; 164号文 1.2 (background collection). Android requires a foregroundServiceType per foreground service (developer.android.com/guide/components/fg-service-types); camera, microphone and mediaProjection types capture while the user is elsewhere.",
        zh: "承诺第五条；164号文 1.2（后台收集）。Android 要求前台服务声明类型（developer.android.com/guide/components/fg-service-types）；camera、microphone、mediaProjection 类型可在用户离开应用后继续采集。",
      },
      fix: {
        en: "Capture only from a visible activity in response to a user action; if a background capture service is essential (calls, recording apps), show a persistent notice and stop it when the task ends.",
        zh: "仅在可见界面、由用户操作触发时采集；确需后台采集（通话、录音类应用）时显示常驻提示并在任务结束时停止服务。",
      },
    },
    messages: {
      service: {
        en: 'service {{name}} declares foregroundServiceType {{types}}: it can keep capturing while the user is in another app',
        zh: '服务 {{name}} 声明 foregroundServiceType {{types}}：用户切换到其他应用后仍可持续采集',
      },
    },
  },
  run({ facts, report }) {
    for (const c of facts.manifest.components) {
      const types = c.foregroundServiceTypes.filter((t) => CAPTURE_TYPES.includes(t));
      if (c.kind === 'service' && types.length > 0) {
        report({ messageId: 'service', verdict: 'warn', data: { name: c.name, types: types.join('|') }, evidence: [manifestEvidence(`${c.path}/@android:foregroundServiceType`, c.foregroundServiceTypes.join('|'))] });
      }
    }
  },
});

const inputMethod = defineCheck({
  meta: {
    id: 'c05/input-method',
    title: { en: 'App is an input method (sees every keystroke)', zh: '应用是输入法（可见全部按键输入）' },
    verdicts: ['review'],
    needs: ['manifest'],
    docs: {
      basis: {
        en: "Necessary-information rule (2021): 输入法 apps need no personal information for their basic function; keystrokes are personal information.",
        zh: "《常见类型移动互联网应用程序必要个人信息范围规定》：输入法类应用基本功能无须个人信息；按键输入内容属于个人信息。",
      },
      fix: {
        en: "Keep typing local by default; make cloud input, association and statistics opt-in, and never transmit password-field input.",
        zh: "默认仅在本地处理输入；云输入、联想与统计功能应由用户主动开启，且不得传输密码框输入内容。",
      },
    },
    messages: {
      ime: {
        en: 'input method service {{name}} receives everything the user types; with INTERNET it could upload keystrokes',
        zh: '输入法服务 {{name}} 可接收用户的全部输入；具备联网权限时可能上传按键内容',
      },
    },
    manualCheck: {
      en: 'Type test strings (including a password field) with the keyboard and capture its network traffic: nothing typed may leave the device without the user enabling cloud input.',
      zh: '使用该输入法输入测试字符（含密码框）并抓包：未经用户开启云输入，输入内容不得上传。',
    },
  },
  run({ facts, report }) {
    const m = facts.manifest;
    if (!m.usesPermissions.some((p) => p.name === `${P}INTERNET`)) return;
    for (const c of servicesBoundBy(m.components, `${P}BIND_INPUT_METHOD`)) {
      report({ messageId: 'ime', verdict: 'review', data: { name: c.name }, evidence: [manifestEvidence(`${c.path}/@android:permission`, describeComponent(c))] });
    }
  },
});


const clipboardListener = defineCheck({
  meta: {
    id: 'c05/clipboard-listener',
    title: { en: 'Listens to every clipboard change', zh: '持续监听剪切板变化' },
    verdicts: ['warn'],
    needs: ['dex'],
    docs: {
      basis: {
        en: 'Pledge clause 5 (no monitoring); MobSF android_clipboard_listen. A clipboard-change listener sees everything the user copies in any app while the listener is registered.',
        zh: '承诺第五条（不得监听）；MobSF android_clipboard_listen。注册剪切板变化监听后，用户在任何应用中复制的内容都会被获取。',
      },
      fix: {
        en: 'Read the clipboard only when the user pastes; remove addPrimaryClipChangedListener.',
        zh: '仅在用户粘贴时读取剪切板；删除 addPrimaryClipChangedListener。',
      },
    },
    messages: {
      listen: { en: '{{owner}} registers a clipboard-change listener', zh: '{{owner}}注册了剪切板变化监听' },
    },
  },
  run({ facts, report, options }) {
    const uses = facts.apiUses.filter((u) => u.kind === 'CLIPBOARD' && u.api.endsWith('addPrimaryClipChangedListener'));
    for (const group of groupBy(uses, (u) => ownerKey(u.owner)).values()) {
      report({ messageId: 'listen', verdict: 'warn', data: { owner: ownerLabel(group[0]?.owner, options.lang) }, evidence: group.slice(0, MAX_EVIDENCE).map(useEvidence) });
    }
  },
});

const MONITORING_KINDS = ['MICROPHONE', 'CAMERA', 'SCREEN', 'ACCESSIBILITY', 'NOTIFICATIONS', 'SMS'];

const monitoringInSdk = defineCheck({
  meta: {
    id: 'c05/monitoring-api-in-ads-sdk',
    title: { en: 'Ads or analytics SDK can record audio, camera, screen or messages', zh: '广告或统计 SDK 可录音、拍摄、录屏或读取消息' },
    verdicts: ['warn', 'fail'],
    needs: ['dex'],
    docs: {
      basis: {
        en: 'Pledge clause 5; PIPL Art. 10. Ads and analytics SDKs have no disclosed function that needs the microphone, camera, screen capture, other apps\' screens or messages (CLAUSES.md clause 5); interactive ads are the legitimate exception, hence WARN (FAIL under --strict).',
        zh: '承诺第五条；《个人信息保护法》第十条。广告和统计 SDK 没有需要麦克风、摄像头、录屏、其他应用界面或消息的已告知功能（CLAUSES.md 第5条）；互动广告是合理例外，因此默认 WARN（--strict 下 FAIL）。',
      },
      fix: {
        en: 'Ask the SDK vendor what these calls are for, switch them off, or replace the SDK.',
        zh: '向 SDK 厂商确认这些调用的用途，关闭相关功能或更换 SDK。',
      },
    },
    messages: {
      sdk: { en: '{{sdk}} ({{category}}) calls {{kinds}} APIs', zh: '{{sdk}}（{{category}}）调用了{{kinds}}相关 API' },
    },
  },
  run({ facts, report, options }) {
    for (const f of facts.sdks) {
      if (!ADS_ANALYTICS.has(f.record.category)) continue;
      const uses = facts.apiUses.filter((u) => u.owner.kind === 'sdk' && u.owner.id === f.record.id && MONITORING_KINDS.includes(u.kind) && !u.api.includes('sendTextMessage'));
      if (uses.length === 0) continue;
      const kinds = [...new Set(uses.map((u) => kindLabel(u.kind, options.lang)))].join(options.lang === 'zh' ? '、' : ', ');
      report({ messageId: 'sdk', verdict: 'warn', strictVerdict: 'fail', data: { sdk: sdkName(f, options.lang), category: f.record.category, kinds }, evidence: uses.slice(0, MAX_EVIDENCE).map(useEvidence) });
    }
  },
});

export default defineClause({
  clause: 5,
  slug: 'no-monitoring',
  title: {
    zh: '严守个人隐私边界，绝不以监听监视等非法方式获取个人信息',
    en: 'Never obtain personal information by eavesdropping or monitoring',
  },
  pledge: '严守个人隐私边界，绝不以监听监视等非法方式获取个人信息。',
  requires: ['manifest', 'dex'],
  checks: [accessibility, notificationListener, smsAccess, callMonitoring, usageStats, backgroundCapture, inputMethod, clipboardListener, monitoringInSdk],
  manualChecks: [
    {
      en: 'Whether capture actually happens without user action is runtime behaviour: leave the app in the background and watch the microphone/camera indicators and privacy dashboard.',
      zh: '是否在无用户操作时采集属于运行时行为：将应用置于后台，观察麦克风/摄像头指示与隐私仪表盘。',
    },
  ],
});
