import { defineCheck } from '../../src/engine/check.js';
import { componentEvidence, MAX_EVIDENCE, sdkEvidence, textEvidence } from '../../src/facts/evidence.js';
import { policyAnchor, TEXT_NEEDS } from '../../src/facts/rights.js';
import type { Evidence } from '../../src/model/index.js';
import { anyChannel, complaintChannels } from '../lib/complaint-channels.js';

export default defineCheck({
  meta: {
    id: 'c08/complaint-channel',
    clause: 8,
    title: { en: 'Complaint channel found: is it prominent?', zh: '找到投诉渠道：是否醒目？' },
    defaultVerdict: 'review',
    verdicts: ['review'],
    evidence: 'declared',
    needs: TEXT_NEEDS,
    docs: {
      basis: {
        en: 'Pledge clause 8 asks for the complaint channel to be published in a prominent place in the app; 认定方法 六.5. Static analysis can show where a channel is (COMPLAINT text, e-mail addresses and phone numbers of the app\'s own, customer-service SDKs, feedback activities), not whether users can find it: prominence is a UI fact, so a found channel is review. A channel that is only words (客服, 联系我们) without an address, number or form is called out.',
        zh: '承诺第八条要求"在APP内醒目位置公布申诉方式"；《认定方法》六.5。静态分析能显示渠道在哪里（投诉相关文本、应用自身的邮箱和电话、客服 SDK、反馈页面），不能判断用户是否容易找到：醒目与否是界面事实，因此找到渠道时结论为待复核。若只有文字（客服、联系我们）而没有邮箱、电话或表单，会特别指出。',
      },
      fix: {
        en: 'Make the channel reachable in at most two taps from the main screens (settings → about or privacy) and name it in the privacy policy with a concrete e-mail, phone number or form.',
        zh: '让渠道从主要页面两步内可达（设置 → 关于或隐私），并在隐私政策中给出具体的邮箱、电话或表单。',
      },
    },
    manualCheck: {
      en: 'From the home screen, reach the complaint channel and count the taps; check it is labelled as a personal-information complaint channel, and send a test complaint to see it is answered within 15 working days.',
      zh: '从首页进入投诉渠道并记录点击次数；确认其标明为个人信息投诉渠道，并发送一次测试投诉，确认在 15 个工作日内答复。',
    },
  },
  messages: {
    contact: {
      en: 'complaint channel found ({channels:items}): whether it is published prominently in the app can only be checked in the UI',
      zh: '找到投诉渠道（{channels:items}）：是否在应用内醒目位置公布只能在界面中核实',
    },
    termsOnly: {
      en: 'complaint or contact text found ({channels:items}) but no e-mail address, phone number, feedback form or customer-service SDK of the app\'s own: check in the UI where it leads and whether it is prominent',
      zh: '找到投诉或联系文本（{channels:items}），但没有应用自身的邮箱、电话、反馈表单或客服 SDK：请在界面中核实其去向及是否醒目',
    },
  },
  *check({ facts }) {
    if (facts.strings === undefined) return;
    const c = complaintChannels(facts);
    if (!anyChannel(c)) return;
    const evidence: Evidence[] = [
      ...c.emails.slice(0, 2).map((v) => textEvidence(facts, v)),
      ...c.phones.slice(0, 2).map((v) => textEvidence(facts, v)),
      ...c.terms.slice(0, 3).map((h) => textEvidence(facts, h)),
      ...c.sdks.flatMap((f) => sdkEvidence(facts, f).slice(0, 1)),
      ...c.activities.slice(0, 2).map((a) => componentEvidence(a)),
    ];
    // The index dropped the app's own terms after the cap: say where to look rather than nothing.
    if (evidence.length === 0) evidence.push(policyAnchor(facts));
    // E-mail addresses, phone numbers and activity names as they are; the app's words quoted.
    const channels = [
      ...[...new Set(c.emails.map((v) => v.value))].slice(0, 2),
      ...[...new Set(c.phones.map((v) => v.value))].slice(0, 2),
      ...[...new Set(c.terms.map((h) => `quote:${h.term}`))].slice(0, 3),
      ...c.sdks.map((f) => `sdk:${f.record.id}`),
      ...c.activities.slice(0, 2).map((a) => a.name.slice(a.name.lastIndexOf('.') + 1)),
    ];
    if (channels.length === 0) channels.push('term:complaintText');
    const concrete = c.emails.length > 0 || c.phones.length > 0 || c.sdks.length > 0 || c.activities.length > 0;
    yield { messageId: concrete ? 'contact' : 'termsOnly', verdict: 'review', data: { channels }, evidence: evidence.slice(0, MAX_EVIDENCE) };
  },
});
