import { defineCheck } from '../../src/engine/check.js';
import { componentEvidenceAt, servicesBoundBy } from '../lib/listening-components.js';

export default defineCheck({
  meta: {
    id: 'c05/input-method',
    clause: 5,
    title: { en: 'App is an input method (sees every keystroke)', zh: '应用是输入法（可见全部按键输入）' },
    defaultVerdict: 'review',
    verdicts: ['review'],
    evidence: 'declared',
    needs: ['manifest'],
    docs: {
      basis: {
        en: 'Necessary-information rule (2021): 输入法 apps need no personal information for their basic function; keystrokes are personal information.',
        zh: '《常见类型移动互联网应用程序必要个人信息范围规定》：输入法类应用基本功能无须个人信息；按键输入内容属于个人信息。',
      },
      fix: {
        en: 'Keep typing local by default; make cloud input, association and statistics opt-in, and never transmit password-field input.',
        zh: '默认仅在本地处理输入；云输入、联想与统计功能应由用户主动开启，且不得传输密码框输入内容。',
      },
    },
    manualCheck: {
      en: 'Type test strings (including a password field) with the keyboard and capture its network traffic: nothing typed may leave the device without the user enabling cloud input.',
      zh: '使用该输入法输入测试字符（含密码框）并抓包：未经用户开启云输入，输入内容不得上传。',
    },
  },
  messages: {
    ime: {
      en: 'input method service {name} receives everything the user types; with INTERNET it could upload keystrokes',
      zh: '输入法服务 {name} 可接收用户的全部输入；应用具备联网权限（INTERNET），可能上传按键内容',
    },
  },
  *check({ facts }) {
    const m = facts.manifest;
    if (!m.usesPermissions.some((p) => p.name === 'android.permission.INTERNET')) return;
    for (const c of servicesBoundBy(m.components, 'android.permission.BIND_INPUT_METHOD')) {
      yield { messageId: 'ime', verdict: 'review', data: { name: c.name }, evidence: [componentEvidenceAt(c, `${c.path}/@android:permission`)] };
    }
  },
});
