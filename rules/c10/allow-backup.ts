import { defineCheck } from '../../src/engine/check.js';
import { manifestEvidence } from '../../src/facts/evidence.js';

const APP = '/manifest/application';

export default defineCheck({
  meta: {
    id: 'c10/allow-backup',
    clause: 10,
    title: { en: 'App data can be backed up and extracted', zh: '应用数据可被备份导出' },
    defaultVerdict: 'warn',
    verdicts: ['warn'],
    evidence: 'declared',
    needs: ['manifest'],
    docs: {
      basis: {
        en: "PIPL Art. 51; MobSF app_allowbackup / allowbackup_not_set. With backup allowed and no rules, the app's private data can be copied off the device.",
        zh: '《个人信息保护法》第五十一条；MobSF app_allowbackup / allowbackup_not_set。允许备份且无规则时，应用私有数据可被导出。',
      },
      fix: {
        en: 'Set android:allowBackup="false", or keep backup and add fullBackupContent / dataExtractionRules that exclude tokens, databases and preferences holding personal information.',
        zh: '设置 android:allowBackup="false"，或保留备份但通过 fullBackupContent / dataExtractionRules 排除含个人信息的令牌、数据库和偏好设置。',
      },
    },
  },
  messages: {
    explicit: {
      en: 'android:allowBackup="true" without backup rules: app data, including any personal information it stores, can be copied off the device with adb backup or cloud backup',
      zh: 'android:allowBackup="true" 且未设置备份规则：应用数据（含其存储的个人信息）可通过 adb backup 或云备份导出',
    },
    defaulted: {
      en: 'android:allowBackup is not set (Android defaults to true) and there are no backup rules: app data can be copied off the device',
      zh: '未设置 android:allowBackup（Android 默认 true）且无备份规则：应用数据可被导出',
    },
  },
  *check({ facts }) {
    const app = facts.manifest.application;
    if (app === undefined || app.allowBackup === false) return;
    if (app.fullBackupContent !== undefined || app.dataExtractionRules !== undefined) return;
    if (app.allowBackup === true) {
      yield { messageId: 'explicit', verdict: 'warn', evidence: [manifestEvidence(`${APP}/@android:allowBackup`, 'android:allowBackup="true"')] };
    } else {
      yield { messageId: 'defaulted', verdict: 'warn', evidence: [{ ...manifestEvidence(APP), note: { id: 'backup-not-configured' } }] };
    }
  },
});
