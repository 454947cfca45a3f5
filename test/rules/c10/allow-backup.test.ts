import check from '../../../rules/c10/allow-backup.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [
    { fixture: 'manifest-risky', expect: [{ messageId: 'explicit', verdict: 'warn', at: 'manifest:/manifest/application/@android:allowBackup' }] },
    { fixture: 'manifest-defaults', expect: [{ messageId: 'defaulted', verdict: 'warn', at: 'manifest:/manifest/application' }] },
  ],
  silent: [{ fixture: 'clean' }, { fixture: 'manifest-protected' }],
});
