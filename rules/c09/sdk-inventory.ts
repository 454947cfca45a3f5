import { defineCheck } from '../../src/engine/check.js';
import { sdkEvidence } from '../../src/facts/evidence.js';

export default defineCheck({
  meta: {
    id: 'c09/sdk-inventory',
    clause: 9,
    title: { en: 'Third-party SDKs to review against the privacy policy', zh: '需对照隐私政策审查的第三方 SDK' },
    defaultVerdict: 'review',
    verdicts: ['review'],
    evidence: 'declared',
    needs: ['manifest'],
    docs: {
      basis: {
        en: 'TC260-PG-20205A (App SDK security guideline); GB/T 35273-2020 9.7; 认定方法 二.1 (list every third-party SDK with its purpose and the PI it collects); the 双清单 requirement. The inventory is the input of the review the pledge asks for.',
        zh: 'TC260-PG-20205A《App 使用 SDK 安全指引》；GB/T 35273-2020 9.7；《认定方法》二.1（逐一列出第三方 SDK 的目的和收集的个人信息）；双清单要求。SDK 清单即承诺所要求审查的输入。',
      },
      fix: {
        en: "List every SDK below in the privacy policy's third-party SDK list (第三方SDK目录) with vendor, purpose, data collected and a link to its policy; remove SDKs nobody can explain.",
        zh: '在隐私政策的第三方 SDK 目录中逐一列出下列 SDK 的厂商、用途、收集的信息及其隐私政策链接；删除无法说明用途的 SDK。',
      },
    },
    manualCheck: {
      en: "Compare the detected SDK inventory with the privacy policy's third-party SDK list (第三方SDK目录): every SDK named, with its purpose, the data it collects and a link to its own policy.",
      zh: '将检测到的 SDK 清单与隐私政策中的第三方 SDK 目录逐一比对：每个 SDK 均应列明用途、收集的信息及其隐私政策链接。',
    },
  },
  messages: {
    sdks: {
      en: 'third-party SDKs ({count}): {sdks:sdk}; their categories: {categories:category}; personal information their own code reads: {pi:pi}',
      zh: '共 {count} 个第三方 SDK：{sdks:sdk}；类别：{categories:category}；SDK 自身代码读取的个人信息：{pi:pi}',
    },
  },
  *check({ facts }) {
    const sdks = facts.sdks;
    if (sdks.length === 0) return;
    // Which SDK has which category and reads what is in c09/sdk-collects-pi and in the report's
    // SDK table; the message names the whole set.
    const data = {
      count: sdks.length,
      sdks: sdks.map((f) => f.record.id),
      categories: [...new Set(sdks.map((f) => f.record.category))],
      pi: [...new Set(sdks.flatMap((f) => f.piKinds))],
    };
    yield { messageId: 'sdks', verdict: 'review', data, evidence: sdks.flatMap((f) => sdkEvidence(facts, f).slice(0, 1)).slice(0, 50) };
  },
});
