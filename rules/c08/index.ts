import { defineClause } from '../../src/engine/check.js';
import complaintChannel from './complaint-channel.js';
import noComplaintChannel from './no-complaint-channel.js';

export default defineClause({
  clause: 8,
  slug: 'complaint-channel',
  title: {
    zh: '为用户提供个人信息保护的申诉渠道，在APP内醒目位置公布申诉方式',
    en: 'A personal-information complaint channel, published prominently in the app',
  },
  pledge: '为用户提供个人信息保护的申诉渠道，在APP内醒目位置公布申诉方式。',
  requires: ['manifest', 'resources', 'dex', 'assets'],
  checks: [noComplaintChannel, complaintChannel],
  // "醒目位置" is a property of the UI: an APK shows where the channel is, never how visible it is.
  neverPasses: 'ui:prominence',
  manualChecks: [
    {
      en: 'Find the complaint channel from the app\'s main screens (settings, "about", privacy policy) and check it is prominent and answered within 15 working days.',
      zh: '从应用主要页面（设置、关于、隐私政策）查找申诉渠道，确认位置醒目且在 15 个工作日内答复。',
    },
  ],
});
