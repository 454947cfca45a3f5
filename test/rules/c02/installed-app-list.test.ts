import check from '../../../rules/c02/installed-app-list.js';
import { testCheck } from '../../helpers/rule-tester.js';

const APP_ONCREATE = 'dex:Lorg/pledgeaudit/fixture/code/App;->onCreate()V';
const data = { owner: 'app', apis: ['Landroid/content/pm/PackageManager;->getInstalledApplications'] };

testCheck(check, {
  fires: [
    { fixture: 'code-risky', expect: [{ messageId: 'read', verdict: 'warn', at: APP_ONCREATE, owner: 'app', data }] },
    // An app store needs the list for its basic function.
    { fixture: 'code-risky', options: { categories: ['应用商店类'] }, expect: [{ messageId: 'readByStore', verdict: 'review', at: APP_ONCREATE, owner: 'app', data }] },
  ],
  silent: [{ fixture: 'code-safe' }],
});
