import check from '../../../rules/c07/local-residue.js';
import { testCheck } from '../../helpers/rule-tester.js';

const M = 'Lorg/pledgeaudit/fixture/rights/missing/LoginActivity;';

testCheck(check, {
  fires: [
    {
      // Real-name verification results kept in SharedPreferences and in a SQLite table, and
      // nothing clears either.
      fixture: 'rights-missing',
      expect: [
        {
          messageId: 'preferences',
          verdict: 'review',
          at: `dex:${M}->onVerified(Ljava/lang/String;Ljava/lang/String;)V`,
          owner: 'app',
          data: { kinds: ['sensitive:id-card', 'sensitive:real-name'], keys: ['idcard', 'realName'] },
        },
        {
          messageId: 'database',
          verdict: 'review',
          at: `dex:${M}->createTables(Landroid/database/sqlite/SQLiteDatabase;)V`,
          owner: 'app',
          data: { kinds: ['sensitive:real-name', 'sensitive:id-card', 'sensitive:face'], table: 'user_profile', columns: ['real_name', 'id_card_no', 'face_token'] },
        },
      ],
    },
  ],
  // The same keys and columns, cleared on logout (Editor.clear, deleteDatabase); demo-shop
  // stores only its consent flag.
  silent: [{ fixture: 'rights-complete' }, { fixture: 'demo-shop' }],
});
