import { defineCheck } from '../../src/engine/check.js';
import { manifestEvidence, MAX_EVIDENCE, useEvidence } from '../../src/facts/evidence.js';
import { ownerKey } from '../../src/model/index.js';
import { groupBy } from '../lib/group-by.js';
import { componentEvidenceAt, receiverFilters } from '../lib/listening-components.js';

const CALL_PERMISSIONS = ['android.permission.READ_CALL_LOG', 'android.permission.PROCESS_OUTGOING_CALLS'];
const CALL_ACTIONS = ['android.intent.action.NEW_OUTGOING_CALL', 'android.intent.action.PHONE_STATE'];

export default defineCheck({
  meta: {
    id: 'c05/call-monitoring',
    clause: 5,
    title: { en: 'Monitors calls or reads the call log', zh: '监听通话或读取通话记录' },
    defaultVerdict: 'warn',
    verdicts: ['warn', 'review'],
    evidence: 'declared',
    needs: ['manifest'],
    docs: {
      basis: {
        en: 'Pledge clause 5; PIPL Art. 10. READ_CALL_LOG, PROCESS_OUTGOING_CALLS and PHONE_STATE / NEW_OUTGOING_CALL receivers let an app monitor calls.',
        zh: '承诺第五条；《个人信息保护法》第十条。READ_CALL_LOG、PROCESS_OUTGOING_CALLS 及通话状态广播接收器可监听通话。',
      },
      fix: {
        en: 'Remove call-log and call-state access unless the app is a dialer or caller-ID app with that disclosed purpose.',
        zh: '除非应用是拨号或来电识别类且已告知用途，删除通话记录与通话状态访问。',
      },
    },
  },
  messages: {
    receiver: {
      en: 'receiver {name} listens for {action}: the app learns of calls as they happen',
      zh: '广播接收器 {name} 监听 {action}：通话发生时应用即可获知',
    },
    code: {
      en: '{owner:owner} listens to the call state or reads the call log ({apis:method})',
      zh: '{owner:owner}监听通话状态或读取通话记录（{apis:method}）',
    },
    listenFlags: {
      en: '{owner:owner} calls TelephonyManager.listen with flags computed at run time ({apis:method}): whether they include LISTEN_CALL_STATE cannot be read from the code',
      zh: '{owner:owner}调用 TelephonyManager.listen 时的监听标志在运行时才确定（{apis:method}），无法从代码判断是否包含通话状态（LISTEN_CALL_STATE）',
    },
    permissionNoCode: {
      en: '{permission} is requested, and the app\'s code could not be analysed: whether it reads the call log or call state is unknown',
      zh: '申请了 {permission}，但应用代码未能分析，无法判断是否读取通话记录或通话状态',
    },
  },
  *check({ facts }) {
    const m = facts.manifest;
    const uses = facts.apiUses.filter((u) => u.kind === 'CALL_STATE' || u.kind === 'CALL_LOG');
    // Listen flags computed at run time are not known to include LISTEN_CALL_STATE: review, not a claim.
    for (const [owner, group] of groupBy(uses, (u) => `${ownerKey(u.owner)}\0${u.uncertain === undefined ? '' : 'uncertain'}`)) {
      const uncertain = group[0]?.uncertain !== undefined;
      const apis = [...new Set(group.map((u) => u.api))];
      yield { messageId: uncertain ? 'listenFlags' : 'code', verdict: uncertain ? 'review' : 'warn', data: { owner: owner.split('\0')[0] as string, apis }, evidence: group.slice(0, MAX_EVIDENCE).map(useEvidence) };
    }
    const receivers = receiverFilters(m.components, CALL_ACTIONS);
    for (const { receiver, filter, action } of receivers) {
      yield { messageId: 'receiver', verdict: 'warn', data: { name: receiver.name, action }, evidence: [componentEvidenceAt(receiver, filter.path, [action])] };
    }
    // The code decides: a requested permission no code uses is c02/unused-dangerous-permission's
    // finding, not a monitoring claim. Only when there is no code to read does the permission stand
    // alone, as a question.
    if (facts.code !== undefined && facts.code.units.length > 0) return;
    for (const p of m.usesPermissions) {
      if (CALL_PERMISSIONS.includes(p.name)) yield { messageId: 'permissionNoCode', verdict: 'review', data: { permission: p.name }, evidence: [manifestEvidence(p.path, p.name)] };
    }
  },
});
