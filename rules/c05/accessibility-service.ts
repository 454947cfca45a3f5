import { defineCheck } from '../../src/engine/check.js';
import { componentEvidenceAt, servicesBoundBy } from '../lib/listening-components.js';

export default defineCheck({
  meta: {
    id: 'c05/accessibility-service',
    clause: 5,
    title: { en: "Accessibility service (reads other apps' screens)", zh: '无障碍服务（可读取其他应用界面）' },
    defaultVerdict: 'warn',
    verdicts: ['warn'],
    evidence: 'declared',
    needs: ['manifest'],
    docs: {
      basis: {
        en: "Pledge clause 5 (no monitoring); PIPL Art. 10 (no illegal collection). An accessibility service can read the text of other apps' screens (DroidLysis accessibility_service).",
        zh: '承诺第五条（不得监听监视）；《个人信息保护法》第十条（不得非法收集）。无障碍服务可读取其他应用界面文字（DroidLysis accessibility_service）。',
      },
      fix: {
        en: 'Keep accessibility services only for a disclosed assistive function, set canRetrieveWindowContent="false" where the content is not needed, and describe the service in the privacy policy.',
        zh: '仅在提供已告知的辅助功能时保留无障碍服务；无需读取内容时设置 canRetrieveWindowContent="false"，并在隐私政策中说明。',
      },
    },
  },
  messages: {
    declared: {
      en: "accessibility service {name} can read the text on other apps' screens; it must serve a disclosed assistive purpose",
      zh: '无障碍服务 {name} 可读取其他应用界面上的文字，须用于已告知的辅助功能',
    },
  },
  *check({ facts }) {
    for (const c of servicesBoundBy(facts.manifest.components, 'android.permission.BIND_ACCESSIBILITY_SERVICE')) {
      yield { messageId: 'declared', verdict: 'warn', data: { name: c.name }, evidence: [componentEvidenceAt(c, `${c.path}/@android:permission`)] };
    }
  },
});
