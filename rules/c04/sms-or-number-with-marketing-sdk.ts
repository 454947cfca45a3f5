import { ownerKey } from '../../src/model/index.js';
import { defineCheck } from '../../src/engine/check.js';
import { manifestEvidence, MAX_EVIDENCE, useEvidence } from '../../src/facts/evidence.js';
import { MARKETING } from '../lib/sdk-categories.js';

export default defineCheck({
  meta: {
    id: 'c04/sms-or-number-with-marketing-sdk',
    clause: 4,
    title: { en: 'Phone number or SMS sending next to marketing SDKs', zh: '读取本机号码或发送短信且集成营销 SDK' },
    defaultVerdict: 'warn',
    verdicts: ['warn'],
    evidence: 'referenced',
    needs: ['dex'],
    docs: {
      basis: {
        en: 'Pledge clause 4 (no offline promotion with PI without separate consent); PIPL Art. 29. Harvesting the device number or sending SMS in an app that also carries marketing SDKs is the pattern of SMS promotion.',
        zh: '承诺第四条（未经单独同意不利用个人信息线下推销）；《个人信息保护法》第二十九条。读取本机号码或发送短信且同时集成营销 SDK，是短信营销的典型模式。',
      },
      fix: {
        en: 'Do not read the device number or send SMS from the app unless the user triggers it; send marketing messages only to users who opted in.',
        zh: '除非由用户触发，不要读取本机号码或从应用发送短信；营销短信仅发送给主动订阅的用户。',
      },
    },
  },
  messages: {
    smsAndNumber: {
      en: '{readers:owner} sends SMS and reads the device phone number, and the app bundles marketing SDKs ({sdks:sdk})',
      zh: '{readers:owner}会发送短信并读取本机号码，且应用集成了营销 SDK（{sdks:sdk}）',
    },
    smsOnly: {
      en: '{readers:owner} sends SMS, and the app bundles marketing SDKs ({sdks:sdk})',
      zh: '{readers:owner}会发送短信，且应用集成了营销 SDK（{sdks:sdk}）',
    },
    numberOnly: {
      en: '{readers:owner} reads the device phone number, and the app bundles marketing SDKs ({sdks:sdk})',
      zh: '{readers:owner}会读取本机号码，且应用集成了营销 SDK（{sdks:sdk}）',
    },
  },
  *check({ facts }) {
    // Promotion by SMS or to a harvested number is what ad, attribution and push SDKs do; an
    // analytics SDK alone is not a marketing channel.
    const marketing = facts.sdks.filter((f) => MARKETING.has(f.record.category) && f.record.category !== 'analytics');
    if (marketing.length === 0) return;
    const send = facts.apiUses.filter((u) => u.kind === 'SMS' && u.api.includes('sendTextMessage'));
    const number = facts.apiUses.filter((u) => u.kind === 'PHONE_NUMBER');
    const sendPerm = facts.manifest.usesPermissions.find((p) => p.name === 'android.permission.SEND_SMS');
    const sends = send.length > 0 || sendPerm !== undefined;
    const reads = number.length > 0;
    if (!sends && !reads) return;
    const evidence = [...send, ...number].slice(0, MAX_EVIDENCE).map(useEvidence);
    if (sendPerm !== undefined) evidence.unshift(manifestEvidence(sendPerm.path, sendPerm.name));
    const messageId = sends && reads ? 'smsAndNumber' : sends ? 'smsOnly' : 'numberOnly';
    // Who sends or reads, by the code that does it; the SEND_SMS permission alone is the app's.
    const readers = [...new Set([...send, ...number].map((u) => ownerKey(u.owner)))];
    if (readers.length === 0) readers.push('app');
    yield { messageId, verdict: 'warn', data: { readers, sdks: marketing.map((f) => f.record.id) }, evidence };
  },
});
