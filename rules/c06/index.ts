import { defineClause } from '../../src/engine/check.js';
import noHandlingTime from './no-handling-time.js';
import noPiLists from './no-pi-lists.js';
import noRightsPath from './no-rights-path.js';

export default defineClause({
  clause: 6,
  slug: 'user-rights',
  title: {
    zh: '为用户访问、更正、删除其个人信息或撤回授权提供便捷的途径',
    en: 'Convenient ways to access, correct and delete personal information and withdraw consent',
  },
  pledge: '为用户访问、更正、删除其个人信息或撤回授权提供便捷的途径。',
  requires: ['manifest', 'resources', 'dex', 'assets'],
  checks: [noRightsPath, noPiLists, noHandlingTime],
  manualChecks: [
    {
      en: 'In the app, find the personal-information list, the third-party sharing list, and a way to withdraw consent; submit a deletion request and check it completes within 15 working days.',
      zh: '在应用内找到已收集个人信息清单、第三方共享清单和撤回同意的入口；提交删除请求并确认在 15 个工作日内完成。',
    },
  ],
});
