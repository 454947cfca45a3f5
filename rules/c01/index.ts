import { defineClause } from '../../src/engine/check.js';
import bulkPermissionRequest from './bulk-permission-request.js';
import bundledPolicyIncomplete from './bundled-policy-incomplete.js';
import noConsentChoice from './no-consent-choice.js';
import noPrivacyPolicy from './no-privacy-policy.js';
import policyNotChinese from './policy-not-chinese.js';
import preTickedConsent from './pre-ticked-consent.js';
import targetSdkBelow23 from './target-sdk-below-23.js';

export default defineClause({
  clause: 1,
  slug: 'lawful',
  title: {
    zh: '严格遵守国家法律、法规及相关政策，切实加强个人信息保护的合规建设',
    en: 'Obey laws, regulations and policies; build personal-information compliance',
  },
  pledge: '严格遵守国家法律、法规及相关政策，切实加强个人信息保护的合规建设。',
  requires: ['manifest', 'resources', 'dex', 'assets'],
  // CLAUSES.md clause 1: PASS only with a policy, a consent choice and no FAIL in clauses 2, 7, 10.
  passOnlyWithout: [2, 7, 10],
  checks: [noPrivacyPolicy, noConsentChoice, preTickedConsent, policyNotChinese, bundledPolicyIncomplete, targetSdkBelow23, bulkPermissionRequest],
  manualChecks: [
    {
      en: 'Open the app on a clean install: a privacy-policy dialog must appear before any data is collected, with distinct Agree and Disagree buttons, the policy reachable within 4 taps, in Simplified Chinese.',
      zh: '全新安装后打开应用：在收集任何信息前应弹出隐私政策，提供"同意"与"不同意"按钮，政策在 4 次点击内可达，且为简体中文。',
    },
  ],
});
