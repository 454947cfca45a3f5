import { defineCheck } from '../../src/engine/check.js';
import { MAX_EVIDENCE, useEvidence } from '../../src/facts/evidence.js';
import { groupBy } from '../lib/group-by.js';

export default defineCheck({
  meta: {
    id: 'c09/sdk-collects-pi',
    clause: 9,
    title: { en: 'SDK reads personal information in its own code', zh: 'SDK 在其代码中读取个人信息' },
    defaultVerdict: 'warn',
    verdicts: ['warn'],
    evidence: 'referenced',
    needs: ['dex'],
    docs: {
      basis: {
        en: "164号文 1.1 scenario 6 (SDKs collecting PI) and the MIIT/CAC notices that name SDK providers; TC260-PG-20205A. Each item must appear in the privacy policy's SDK list and have a consent basis.",
        zh: '164号文 1.1 场景6（SDK 收集个人信息）以及点名 SDK 提供方的工信部/网信办通报；TC260-PG-20205A。每项信息都应列入隐私政策的 SDK 清单并有同意基础。',
      },
      fix: {
        en: 'Disclose these items for this SDK, switch off what the service does not need (vendor options), and keep the SDK idle until consent.',
        zh: '在 SDK 清单中披露这些信息，关闭业务不需要的收集项（厂商选项），在同意前不启用该 SDK。',
      },
    },
  },
  messages: {
    reads: { en: '{sdk:sdk} reads {kinds:pi}', zh: '{sdk:sdk}读取{kinds:pi}' },
  },
  *check({ facts }) {
    const bySdk = groupBy(
      facts.piReads.filter((u) => u.owner.kind === 'sdk'),
      (u) => (u.owner.kind === 'sdk' ? u.owner.id : ''),
    );
    for (const f of facts.sdks) {
      const uses = bySdk.get(f.record.id);
      if (uses === undefined) continue;
      const kinds = [...new Set(uses.map((u) => u.kind))];
      yield { messageId: 'reads', verdict: 'warn', data: { sdk: f.record.id, kinds }, evidence: uses.slice(0, MAX_EVIDENCE).map(useEvidence) };
    }
  },
});
