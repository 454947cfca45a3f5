import { defineCheck } from '../../src/engine/check.js';
import { manifestEvidence, MAX_EVIDENCE, useEvidence } from '../../src/facts/evidence.js';
import { ownerKey } from '../../src/model/index.js';
import { hasCategory } from '../lib/categories.js';
import { groupBy } from '../lib/group-by.js';
import { componentEvidenceAt, receiverFilters } from '../lib/listening-components.js';

const SMS_PERMISSIONS = ['android.permission.READ_SMS', 'android.permission.RECEIVE_SMS', 'android.permission.RECEIVE_MMS', 'android.permission.RECEIVE_WAP_PUSH'];
const SMS_ACTIONS = ['android.provider.Telephony.SMS_RECEIVED', 'android.provider.Telephony.SMS_DELIVER', 'android.provider.Telephony.WAP_PUSH_RECEIVED'];

export default defineCheck({
  meta: {
    id: 'c05/sms-access',
    clause: 5,
    title: { en: 'Reads or intercepts SMS', zh: '读取或拦截短信' },
    defaultVerdict: 'warn',
    verdicts: ['warn', 'review'],
    evidence: 'declared',
    needs: ['manifest'],
    docs: {
      basis: {
        en: 'Pledge clause 5; message content is communication content (PIPL Art. 28 sensitive PI). Only 短信 and 安全管理 apps have a reason to read or intercept SMS; for a security app (--category 安全管理类) the findings are for review.',
        zh: '承诺第五条；短信内容属于通信内容（《个人信息保护法》第二十八条敏感个人信息）。仅短信类、安全管理类应用有理由读取或拦截短信；对安全管理类应用（--category 安全管理类），结论为待人工复核。',
      },
      fix: {
        en: 'Use the SMS Retriever / SMS User Consent APIs for verification codes instead of READ_SMS/RECEIVE_SMS and SMS_RECEIVED receivers.',
        zh: '验证码请使用 SMS Retriever 或 SMS User Consent API，替代 READ_SMS/RECEIVE_SMS 权限和短信广播接收器。',
      },
    },
    manualCheck: {
      en: 'For a security app: confirm SMS content is only scanned on the device for fraud or spam, is not uploaded beyond that, and that the privacy policy says so.',
      zh: '对安全管理类应用：确认短信内容仅在本机用于识别诈骗或垃圾短信，未超出该目的上传，且隐私政策已说明。',
    },
  },
  messages: {
    permission: {
      en: '{permission} is requested: message content is communication content',
      zh: '申请了 {permission}：短信内容属于通信内容',
    },
    receiver: {
      en: 'receiver {name} listens for {action}: incoming messages are intercepted',
      zh: '广播接收器 {name} 监听 {action}：可拦截收到的短信',
    },
    code: {
      en: '{owner:owner} reads SMS content ({apis:method})',
      zh: '{owner:owner}读取短信内容（{apis:method}）',
    },
    permissionSecurityApp: {
      en: '{permission} is requested: message content is communication content; a security app may need this, so check what it is used for',
      zh: '申请了 {permission}：短信内容属于通信内容；安全管理类应用可能确有需要，请核实用途',
    },
    receiverSecurityApp: {
      en: 'receiver {name} listens for {action}: incoming messages are intercepted; a security app may need this, so check what it is used for',
      zh: '广播接收器 {name} 监听 {action}：可拦截收到的短信；安全管理类应用可能确有需要，请核实用途',
    },
    codeSecurityApp: {
      en: '{owner:owner} reads SMS content ({apis:method}); a security app may need this, so check what it is used for',
      zh: '{owner:owner}读取短信内容（{apis:method}）；安全管理类应用可能确有需要，请核实用途',
    },
  },
  *check({ facts, options }) {
    const m = facts.manifest;
    // A security app (安全管理类) scans messages for fraud as its basic function: review, not warn.
    const security = hasCategory(options, '安全管理类');
    const verdict = security ? 'review' : 'warn';
    for (const p of m.usesPermissions) {
      if (!SMS_PERMISSIONS.includes(p.name)) continue;
      yield { messageId: security ? 'permissionSecurityApp' : 'permission', verdict, data: { permission: p.name }, evidence: [manifestEvidence(p.path, p.name)] };
    }
    for (const { receiver, filter, action } of receiverFilters(m.components, SMS_ACTIONS)) {
      yield { messageId: security ? 'receiverSecurityApp' : 'receiver', verdict, data: { name: receiver.name, action }, evidence: [componentEvidenceAt(receiver, filter.path, [action])] };
    }
    const reads = facts.apiUses.filter((u) => u.kind === 'SMS' && !u.api.includes('sendTextMessage'));
    for (const [owner, group] of groupBy(reads, (u) => ownerKey(u.owner))) {
      const apis = [...new Set(group.map((u) => u.api))];
      yield { messageId: security ? 'codeSecurityApp' : 'code', verdict, data: { owner, apis }, evidence: group.slice(0, MAX_EVIDENCE).map(useEvidence) };
    }
  },
});
