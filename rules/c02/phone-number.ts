import { defineCheck } from '../../src/engine/check.js';
import { manifestEvidence, MAX_EVIDENCE, useEvidence } from '../../src/facts/evidence.js';
import { ownerKey } from '../../src/model/index.js';
import { usesByOwner } from '../lib/uses-by-owner.js';

export default defineCheck({
  meta: {
    id: 'c02/phone-number',
    clause: 2,
    title: { en: 'Device phone number readable', zh: '可读取本机号码' },
    defaultVerdict: 'warn',
    verdicts: ['warn'],
    evidence: 'declared',
    needs: ['manifest'],
    docs: {
      basis: {
        en: 'Necessary-information rule (2021): the necessary item is the registration phone number the user provides, not the device\'s own number; 认定方法 四.1 (PI unrelated to the service).',
        zh: '《常见类型移动互联网应用程序必要个人信息范围规定》：必要的是用户提供的注册手机号，而非本机号码；《认定方法》四.1（收集与业务无关的个人信息）。',
      },
      fix: {
        en: 'Drop READ_PHONE_NUMBERS; let the user type the number or use a carrier one-click login that asks consent.',
        zh: '删除 READ_PHONE_NUMBERS；由用户输入号码，或使用经用户同意的运营商一键登录。',
      },
    },
  },
  messages: {
    permission: {
      en: 'READ_PHONE_NUMBERS is requested: the device number is not necessary information (a registration number is typed by the user)',
      zh: '申请了 READ_PHONE_NUMBERS：本机号码不属于必要个人信息（注册手机号应由用户自行填写）',
    },
    api: {
      en: '{owner:owner} reads the device phone number (TelephonyManager.getLine1Number)',
      zh: '{owner:owner}读取本机号码（TelephonyManager.getLine1Number）',
    },
  },
  *check({ facts }) {
    const p = facts.manifest.usesPermissions.find((u) => u.name === 'android.permission.READ_PHONE_NUMBERS');
    if (p !== undefined) yield { messageId: 'permission', verdict: 'warn', evidence: [manifestEvidence(p.path, p.name)] };
    for (const uses of usesByOwner(facts.piReads.filter((u) => u.kind === 'PHONE_NUMBER'))) {
      yield { messageId: 'api', verdict: 'warn', data: { owner: ownerKey(uses[0]?.owner) }, evidence: uses.slice(0, MAX_EVIDENCE).map(useEvidence) };
    }
  },
});
