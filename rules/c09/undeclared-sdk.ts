import { defineCheck } from '../../src/engine/check.js';
import { isDeclared, packageList, UNDECLARED_SDK_CHECK } from '../../src/engine/declared-sdks.js';
import { MAX_EVIDENCE, sdkEvidence } from '../../src/facts/evidence.js';

/**
 * Clause 9 against the app's own SDK list: an SDK in the APK that the privacy policy does not
 * name. It runs only when a list is declared (pledge-audit.config.json "sdks"); without one there
 * is nothing to compare and c09/sdk-inventory asks for the comparison by hand.
 */
export default defineCheck({
  meta: {
    id: UNDECLARED_SDK_CHECK,
    clause: 9,
    title: { en: 'SDK missing from the declared SDK list', zh: 'SDK 未列入声明的第三方 SDK 目录' },
    defaultVerdict: 'warn',
    verdicts: ['warn'],
    evidence: 'declared',
    needs: ['manifest'],
    docs: {
      basis: {
        en: 'TC260-PG-20205A (App SDK security guideline); GB/T 35273-2020 9.7; 认定方法 二.1 (list every third-party SDK with its purpose and the PI it collects); the 双清单 requirement. An SDK the policy does not name collects without disclosure. The declared list is "sdks" in pledge-audit.config.json, copied from the privacy policy\'s 第三方SDK目录 (name and package prefix).',
        zh: 'TC260-PG-20205A《App 使用 SDK 安全指引》；GB/T 35273-2020 9.7；《认定方法》二.1（逐一列出第三方 SDK 的目的和收集的个人信息）；双清单要求。隐私政策未列出的 SDK 属于未告知即收集。声明的目录即 pledge-audit.config.json 中的 "sdks"，从隐私政策的第三方SDK目录抄录（名称和包名前缀）。',
      },
      fix: {
        en: 'Add the SDK to the privacy policy\'s third-party SDK list with its vendor, purpose, the data it collects and a link to its own policy, then add it to "sdks" in pledge-audit.config.json; or remove the SDK from the app.',
        zh: '在隐私政策的第三方 SDK 目录中补充该 SDK 的厂商、用途、收集的信息及其隐私政策链接，并同步加入 pledge-audit.config.json 的 "sdks"；或从应用中移除该 SDK。',
      },
    },
  },
  messages: {
    undeclared: {
      en: '{sdk:sdk} is in the app but not in its declared SDK list (pledge-audit.config.json "sdks", the privacy policy\'s 第三方SDK目录); its packages: {packages}',
      zh: '应用中包含{sdk:sdk}，但它不在声明的 SDK 目录中（pledge-audit.config.json 的 "sdks"，即隐私政策的第三方SDK目录）；其包名：{packages}',
    },
  },
  *check({ facts, options }) {
    const declared = options.declaredSdks;
    if (declared === undefined) return;
    for (const f of facts.sdks) {
      if (isDeclared(f.record.packages, declared)) continue;
      yield {
        messageId: 'undeclared',
        verdict: 'warn',
        data: { sdk: f.record.id, packages: packageList(f.record.packages) },
        // The first item is the one c09/sdk-inventory shows for this SDK.
        evidence: sdkEvidence(facts, f).slice(0, MAX_EVIDENCE),
      };
    }
  },
});
