import type { CheckCases } from '../helpers/rule-tester.js';

const M = 'manifest:';
const APP = `${M}/manifest/application`;
const R = 'org.pledgeaudit.fixture.risky';
const perm = (name: string) => `${M}/manifest/uses-permission[@android:name='android.permission.${name}']`;
const comp = (kind: string, name: string) => `${APP}/${kind}[@android:name='${name}']`;

/** Fire/silent cases of every manifest-level check (fixtures/src/manifest-*, clean). */
export const MANIFEST_CASES: Record<string, CheckCases> = {
  'c01/target-sdk-below-23': {
    fires: [{ fixture: 'manifest-risky', expect: [{ messageId: 'legacy', verdict: 'warn', at: `${M}/manifest/uses-sdk/@android:targetSdkVersion` }] }],
    silent: [{ fixture: 'clean' }, { fixture: 'manifest-legacy' }],
  },
  'c02/background-location': {
    fires: [
      {
        fixture: 'manifest-risky',
        expect: [
          { messageId: 'permission', verdict: 'warn', at: perm('ACCESS_BACKGROUND_LOCATION') },
          { messageId: 'service', verdict: 'warn', at: `${comp('service', `${R}.TrackerService`)}/@android:foregroundServiceType` },
        ],
      },
      {
        // A fitness app tracks workouts in the background as its basic function.
        fixture: 'manifest-risky',
        options: { categories: ['运动健身类'] },
        expect: [
          { messageId: 'permission', verdict: 'review', at: perm('ACCESS_BACKGROUND_LOCATION') },
          { messageId: 'service', verdict: 'review', at: `${comp('service', `${R}.TrackerService`)}/@android:foregroundServiceType` },
        ],
      },
    ],
    silent: [{ fixture: 'clean' }, { fixture: 'manifest-protected' }],
  },
  'c02/query-all-packages': {
    fires: [{ fixture: 'manifest-risky', expect: [{ messageId: 'queryAll', verdict: 'warn', at: perm('QUERY_ALL_PACKAGES') }] }],
    silent: [{ fixture: 'clean' }],
  },
  'c02/phone-number': {
    fires: [{ fixture: 'manifest-risky', expect: [{ messageId: 'permission', verdict: 'warn', at: perm('READ_PHONE_NUMBERS') }] }],
    silent: [{ fixture: 'clean' }],
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
  'c09/auto-init-provider': {
    fires: [
      {
        fixture: 'manifest-risky',
        expect: [
          { messageId: 'provider', verdict: 'warn', at: comp('provider', 'cn.jpush.android.service.InitProvider'), owner: 'jpush' },
          {
            messageId: 'initializer',
            verdict: 'warn',
            at: `${comp('provider', 'androidx.startup.InitializationProvider')}/meta-data[@android:name='com.umeng.commonsdk.UMInitializer']`,
            owner: 'umeng-common',
          },
        ],
      },
    ],
    // manifest-protected registers Sentry's provider but sets io.sentry.auto-init=false.
    silent: [{ fixture: 'clean' }, { fixture: 'manifest-protected' }],
  },
  'c09/self-start-receiver': {
    fires: [{ fixture: 'manifest-risky', expect: [{ messageId: 'receiver', verdict: 'warn', at: comp('receiver', `${R}.BootReceiver`) }] }],
    silent: [{ fixture: 'clean' }, { fixture: 'manifest-protected' }],
  },
  'c10/debuggable': {
    fires: [{ fixture: 'manifest-risky', expect: [{ messageId: 'debuggable', verdict: 'fail', at: `${APP}/@android:debuggable` }] }],
    silent: [{ fixture: 'clean' }],
  },
  'c10/test-only': {
    fires: [{ fixture: 'manifest-risky', expect: [{ messageId: 'testOnly', verdict: 'fail', at: `${APP}/@android:testOnly` }] }],
    silent: [{ fixture: 'clean' }],
  },
  'c10/cleartext-traffic': {
    fires: [
      { fixture: 'manifest-risky', expect: [{ messageId: 'explicit', verdict: 'warn', at: `${APP}/@android:usesCleartextTraffic` }] },
      { fixture: 'manifest-defaults', expect: [{ messageId: 'defaulted', verdict: 'warn', at: `${M}/manifest/uses-sdk/@android:targetSdkVersion` }] },
      { fixture: 'tls-weak', expect: [{ messageId: 'nscBase', verdict: 'warn', at: 'file:res/xml/network_security_config.xml' }] },
    ],
    // nsc-domain-cleartext allows HTTP for one named domain only (targetSdk 30, base-config unset).
    silent: [{ fixture: 'clean' }, { fixture: 'manifest-protected' }, { fixture: 'nsc-domain-cleartext' }],
  },
  'c10/allow-backup': {
    fires: [
      { fixture: 'manifest-risky', expect: [{ messageId: 'explicit', verdict: 'warn', at: `${APP}/@android:allowBackup` }] },
      { fixture: 'manifest-defaults', expect: [{ messageId: 'defaulted', verdict: 'warn', at: APP }] },
    ],
    silent: [{ fixture: 'clean' }, { fixture: 'manifest-protected' }],
  },
  'c10/exported-provider': {
    fires: [
      {
        fixture: 'manifest-risky',
        expect: [
          { messageId: 'exported', verdict: 'warn', at: `${comp('provider', `${R}.OrdersProvider`)}/@android:exported` },
          { messageId: 'broadGrant', verdict: 'warn', at: comp('provider', `${R}.OrdersProvider`) },
        ],
      },
      { fixture: 'manifest-legacy', expect: [{ messageId: 'implied', verdict: 'warn', at: comp('provider', 'org.pledgeaudit.fixture.legacy.NotesProvider') }] },
    ],
    silent: [{ fixture: 'clean' }, { fixture: 'manifest-protected' }, { fixture: 'manifest-defaults' }],
  },
};
