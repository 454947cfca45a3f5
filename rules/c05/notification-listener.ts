import { defineCheck } from '../../src/engine/check.js';
import { componentEvidenceAt, servicesBoundBy } from '../lib/listening-components.js';

export default defineCheck({
  meta: {
    id: 'c05/notification-listener',
    clause: 5,
    title: { en: "Notification listener (reads other apps' notifications)", zh: '通知监听服务（可读取其他应用通知）' },
    defaultVerdict: 'warn',
    verdicts: ['warn'],
    evidence: 'declared',
    needs: ['manifest'],
    docs: {
      basis: {
        en: "Pledge clause 5; PIPL Art. 10. A notification listener receives every notification, including other apps' messages and verification codes.",
        zh: '承诺第五条；《个人信息保护法》第十条。通知监听服务可收到全部通知，包括其他应用的消息和验证码。',
      },
      fix: {
        en: "Remove the NotificationListenerService unless it is the app's disclosed core function (e.g. a wearable companion), and state what it reads in the privacy policy.",
        zh: '除非是应用已告知的核心功能（如穿戴设备伴侣应用），删除通知监听服务，并在隐私政策中说明读取内容。',
      },
    },
  },
  messages: {
    declared: {
      en: "notification listener {name} can read every notification, including other apps' messages and verification codes",
      zh: '通知监听服务 {name} 可读取全部通知，包括其他应用的消息和验证码',
    },
  },
  *check({ facts }) {
    for (const c of servicesBoundBy(facts.manifest.components, 'android.permission.BIND_NOTIFICATION_LISTENER_SERVICE')) {
      yield { messageId: 'declared', verdict: 'warn', data: { name: c.name }, evidence: [componentEvidenceAt(c, `${c.path}/@android:permission`)] };
    }
  },
});
