import { defineCheck } from '../../src/engine/check.js';
import { matchLexicon } from '../../src/facts/strings/index.js';

/** Characters of the consent text quoted in the message. */
const MAX_TEXT = 80;

export default defineCheck({
  meta: {
    id: 'c01/pre-ticked-consent',
    clause: 1,
    title: { en: 'Consent checkbox ticked by default', zh: '默认勾选同意' },
    defaultVerdict: 'warn',
    verdicts: ['warn'],
    evidence: 'declared',
    needs: ['resources'],
    docs: {
      basis: {
        en: '认定方法 三.4 ("以默认选择同意隐私政策等非明示方式征求用户同意"); 164号文 1.1 scenario 8; the 2023 MIIT notice forbids default ticks. A layout that declares a consent checkbox android:checked="true" ships the default tick.',
        zh: '《认定方法》三.4（以默认选择同意隐私政策等非明示方式征求用户同意）；164号文 1.1 场景8；工信部 2023 年通知禁止默认勾选。布局中声明 android:checked="true" 的同意复选框即默认勾选。',
      },
      fix: {
        en: 'Leave consent checkboxes unticked (android:checked="false") and enable the next step only when the user ticks.',
        zh: '同意复选框默认不勾选（android:checked="false"），用户勾选后才允许继续。',
      },
    },
  },
  messages: {
    ticked: {
      en: '{widget} in {file} is checked by default next to {text:quote}',
      zh: '{file} 中的 {widget} 默认处于勾选状态，旁边的文字为{text:quote}',
    },
  },
  *check({ facts }) {
    for (const t of facts.strings?.checkedToggles() ?? []) {
      const texts = [t.text, ...t.siblingText].filter((x) => x !== '');
      const consent = texts.find((x) => matchLexicon(x).some((m) => m.group === 'CONSENT_READ' || m.group === 'POLICY' || (m.group === 'CONSENT_AGREE' && m.term !== '接受' && m.term !== 'accept')));
      if (consent === undefined) continue;
      const file = t.location.kind === 'file' || t.location.kind === 'resource' ? t.location.entry : '';
      yield { messageId: 'ticked', verdict: 'warn', data: { widget: t.widget, file, text: consent.slice(0, MAX_TEXT) }, evidence: [{ location: t.location, detail: `${t.path} android:checked="true"` }] };
    }
  },
});
