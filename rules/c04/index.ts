import { defineClause } from '../../src/engine/check.js';
import faceRecognitionSdk from './face-recognition-sdk.js';
import marketingSdkSensitivePi from './marketing-sdk-sensitive-pi.js';
import noPersonaliseOption from './no-personalise-option.js';
import separateConsent from './separate-consent.js';
import smsOrNumberWithMarketingSdk from './sms-or-number-with-marketing-sdk.js';
import thirdPartyEndpoints from './third-party-endpoints.js';

export default defineClause({
  clause: 4,
  slug: 'sensitive-marketing',
  title: {
    zh: '未经用户单独同意，不利用敏感个人信息进行线上精准营销和线下推销',
    en: 'No precision marketing with sensitive personal information without separate consent',
  },
  pledge: '未经用户单独同意，不利用敏感个人信息进行线上精准营销和线下推销。',
  requires: ['manifest', 'dex', 'resources', 'assets'],
  checks: [marketingSdkSensitivePi, noPersonaliseOption, separateConsent, thirdPartyEndpoints, faceRecognitionSdk, smsOrNumberWithMarketingSdk],
  manualChecks: [
    {
      en: 'Check that sensitive information (location, contacts, face data) is asked for with a separate consent, that a non-personalised option exists for ads and recommendations, and that declining it does not block basic functions.',
      zh: '确认敏感个人信息（位置、通讯录、人脸）有单独同意弹窗，广告与推荐提供非个性化选项，且拒绝不影响基本功能。',
    },
  ],
});
