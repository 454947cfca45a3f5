import { defineClause } from '../../src/engine/check.js';
import deletionConditions from './deletion-conditions.js';
import localResidue from './local-residue.js';
import noAccountDeletion from './no-account-deletion.js';
import noDeletionTiming from './no-deletion-timing.js';

export default defineClause({
  clause: 7,
  slug: 'account-deletion',
  title: {
    zh: '为用户注销账户提供便捷的方式，用户账户注销后不存储和处理其敏感个人信息',
    en: 'A convenient way to delete the account; no sensitive personal information kept after deletion',
  },
  pledge: '为用户注销账户提供便捷的方式，用户账户注销后不存储和处理其敏感个人信息。',
  requires: ['manifest', 'resources', 'dex', 'assets'],
  checks: [noAccountDeletion, deletionConditions, noDeletionTiming, localResidue],
  // Whether the operator stops storing and processing after deletion happens on its servers.
  neverPasses: 'server-side:deletion',
  manualChecks: [
    {
      en: 'Create an account, then delete it in the app: no unreasonable conditions (ID photo, face scan, zero balance), completion within 15 working days, and the account cannot be recovered afterwards.',
      zh: '注册账号后在应用内注销：不得设置不合理条件（手持身份证、刷脸、余额为零等），15 个工作日内完成，注销后无法恢复。',
    },
  ],
});
