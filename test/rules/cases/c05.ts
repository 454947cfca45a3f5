import type { CheckCases } from '../../helpers/rule-tester.js';

const D = 'dex:';
const C = 'Lorg/pledgeaudit/fixture/code';
const MAIN_ONCREATE = `${D}${C}/MainActivity;->onCreate(Landroid/os/Bundle;)V`;
const ADS = `${D}Lcom/bytedance/sdk/openadsdk/core/DeviceSignals;`;
const M = 'manifest:';
const APP = `${M}/manifest/application`;
const R = 'org.pledgeaudit.fixture.risky';
const perm = (name: string) => `${M}/manifest/uses-permission[@android:name='android.permission.${name}']`;
const comp = (kind: string, name: string) => `${APP}/${kind}[@android:name='${name}']`;

/** Fire/silent cases of the clause's checks not yet moved into a test file beside their check. */
export const CASES: Record<string, CheckCases> = {
  'c05/clipboard-listener': {
    fires: [{ fixture: 'code-risky', expect: [{ messageId: 'listen', verdict: 'warn', at: MAIN_ONCREATE, owner: 'app' }] }],
    silent: [{ fixture: 'code-safe' }],
  },
  'c05/monitoring-api-in-ads-sdk': {
    fires: [
      { fixture: 'code-risky', expect: [{ messageId: 'sdk', verdict: 'warn', at: `${ADS}->record(Landroid/media/AudioRecord;)V`, owner: 'pangle' }] },
      { fixture: 'code-risky', options: { strict: true }, expect: [{ messageId: 'sdk', verdict: 'fail', owner: 'pangle' }] },
    ],
    silent: [{ fixture: 'code-safe' }],
  },
  'c05/accessibility-service': {
    fires: [{ fixture: 'manifest-risky', expect: [{ messageId: 'declared', verdict: 'warn', at: `${comp('service', `${R}.ScreenReader`)}/@android:permission` }] }],
    silent: [{ fixture: 'clean' }],
  },
  'c05/notification-listener': {
    fires: [{ fixture: 'manifest-risky', expect: [{ messageId: 'declared', verdict: 'warn', at: `${comp('service', `${R}.NotificationSpy`)}/@android:permission` }] }],
    silent: [{ fixture: 'clean' }],
  },
  'c05/sms-access': {
    fires: [
      {
        fixture: 'manifest-risky',
        expect: [
          { messageId: 'permission', verdict: 'warn', at: perm('READ_SMS') },
          { messageId: 'permission', verdict: 'warn', at: perm('RECEIVE_SMS') },
          { messageId: 'receiver', verdict: 'warn', at: `${comp('receiver', `${R}.SmsReceiver`)}/intent-filter[1]` },
        ],
      },
      {
        // A security app scans messages for fraud as its basic function: review, not warn.
        fixture: 'manifest-risky',
        options: { categories: ['安全管理类'] },
        expect: [
          { messageId: 'permission', verdict: 'review', at: perm('READ_SMS') },
          { messageId: 'permission', verdict: 'review', at: perm('RECEIVE_SMS') },
          { messageId: 'receiver', verdict: 'review', at: `${comp('receiver', `${R}.SmsReceiver`)}/intent-filter[1]` },
        ],
      },
    ],
    silent: [{ fixture: 'clean' }, { fixture: 'clean', options: { categories: ['安全管理类'] } }],
  },
  'c05/call-monitoring': {
    fires: [
      {
        fixture: 'manifest-risky',
        expect: [
          { messageId: 'permission', verdict: 'warn', at: perm('READ_CALL_LOG') },
          { messageId: 'receiver', verdict: 'warn', at: `${comp('receiver', `${R}.CallReceiver`)}/intent-filter[1]` },
        ],
      },
    ],
    silent: [{ fixture: 'clean' }],
  },
  'c05/usage-stats': {
    fires: [{ fixture: 'manifest-risky', expect: [{ messageId: 'permission', verdict: 'warn', at: perm('PACKAGE_USAGE_STATS') }] }],
    silent: [{ fixture: 'clean' }],
  },
  'c05/background-capture-service': {
    fires: [{ fixture: 'manifest-risky', expect: [{ messageId: 'service', verdict: 'warn', at: `${comp('service', `${R}.TrackerService`)}/@android:foregroundServiceType` }] }],
    silent: [{ fixture: 'clean' }, { fixture: 'manifest-protected' }],
  },
  'c05/input-method': {
    fires: [{ fixture: 'manifest-risky', expect: [{ messageId: 'ime', verdict: 'review', at: `${comp('service', `${R}.Keyboard`)}/@android:permission` }] }],
    silent: [{ fixture: 'clean' }],
  },
};
