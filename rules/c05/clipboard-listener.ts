import { defineCheck } from '../../src/engine/check.js';
import { MAX_EVIDENCE, useEvidence } from '../../src/facts/evidence.js';
import { ownerKey } from '../../src/model/index.js';
import { groupBy } from '../lib/group-by.js';

export default defineCheck({
  meta: {
    id: 'c05/clipboard-listener',
    clause: 5,
    title: { en: 'Listens to every clipboard change', zh: '持续监听剪切板变化' },
    defaultVerdict: 'warn',
    verdicts: ['warn'],
    evidence: 'referenced',
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
  },
  messages: {
    listen: {
      en: '{owner:owner} registers a clipboard-change listener',
      zh: '{owner:owner}注册了剪切板变化监听',
    },
  },
  *check({ facts }) {
    const uses = facts.apiUses.filter((u) => u.kind === 'CLIPBOARD' && u.api.endsWith('addPrimaryClipChangedListener'));
    for (const [owner, group] of groupBy(uses, (u) => ownerKey(u.owner))) {
      yield { messageId: 'listen', verdict: 'warn', data: { owner }, evidence: group.slice(0, MAX_EVIDENCE).map(useEvidence) };
    }
  },
});
