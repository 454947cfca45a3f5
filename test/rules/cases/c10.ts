import type { CheckCases } from '../../helpers/rule-tester.js';

const D = 'dex:';
const C = 'Lorg/pledgeaudit/fixture/code';
const APP_ONCREATE = `${D}${C}/App;->onCreate()V`;
const MAIN_ONCREATE = `${D}${C}/MainActivity;->onCreate(Landroid/os/Bundle;)V`;
const PAGE = `${D}${C}/web/Page;->setUp(Landroid/webkit/WebView;)V`;
const CRYPTO_WEAK = `${D}${C}/crypto/Crypto;->weak()V`;
const M = 'manifest:';
const APP = `${M}/manifest/application`;
const R = 'org.pledgeaudit.fixture.risky';
const comp = (kind: string, name: string) => `${APP}/${kind}[@android:name='${name}']`;

const NSC = 'file:res/xml/network_security_config.xml';

/** Fire/silent cases of the clause's checks not yet moved into a test file beside their check. */
export const CASES: Record<string, CheckCases> = {
  'c10/trust-all-certificates': {
    fires: [
      {
        fixture: 'code-risky',
        expect: [{ messageId: 'trustAll', verdict: 'fail', at: `${D}${C}/net/TrustAll;->checkServerTrusted([Ljava/security/cert/X509Certificate;Ljava/lang/String;)V`, owner: 'app' }],
      },
    ],
    silent: [{ fixture: 'code-safe' }],
  },
  'c10/hostname-verifier': {
    fires: [
      {
        fixture: 'code-risky',
        expect: [
          { messageId: 'alwaysTrue', verdict: 'fail', at: `${D}${C}/net/AnyHost;->verify(Ljava/lang/String;Ljavax/net/ssl/SSLSession;)Z` },
          { messageId: 'allowAll', verdict: 'fail', at: `${D}${C}/net/AnyHost;->legacy()Ljava/lang/Object;` },
        ],
      },
    ],
    silent: [{ fixture: 'code-safe' }],
  },
  'c10/webview-ssl-error-proceed': {
    fires: [
      {
        fixture: 'code-risky',
        expect: [{ messageId: 'proceed', verdict: 'fail', at: `${D}${C}/web/Client;->onReceivedSslError(Landroid/webkit/WebView;Landroid/webkit/SslErrorHandler;Landroid/net/http/SslError;)V` }],
      },
    ],
    // code-safe proceeds only on one branch and cancels otherwise.
    silent: [{ fixture: 'code-safe' }],
  },
  'c10/webview-javascript-interface': {
    fires: [
      { fixture: 'code-risky', expect: [{ messageId: 'legacy', verdict: 'fail', at: PAGE }] },
      { fixture: 'demo-shop', expect: [{ messageId: 'bridge', verdict: 'warn', at: `${D}Lcom/example/shiguang/WebActivity;->onCreate(Landroid/os/Bundle;)V` }] },
    ],
    // code-safe exposes an interface but keeps JavaScript disabled.
    silent: [{ fixture: 'code-safe' }],
  },
  'c10/webview-file-access': {
    fires: [
      {
        fixture: 'code-risky',
        expect: [
          { messageId: 'fromFileUrls', verdict: 'warn', at: PAGE },
          { messageId: 'fromFileUrls', verdict: 'warn', at: PAGE },
          { messageId: 'fileWithJs', verdict: 'warn', at: PAGE },
        ],
      },
    ],
    silent: [{ fixture: 'code-safe' }],
  },
  'c10/webview-debugging': {
    fires: [
      {
        fixture: 'code-risky',
        expect: [
          { messageId: 'debugging', verdict: 'warn', at: PAGE },
          { messageId: 'mixed', verdict: 'warn', at: PAGE },
        ],
      },
    ],
    // code-safe enables debugging only behind a flag and uses mixed-content mode 1.
    silent: [{ fixture: 'code-safe' }],
  },
  'c10/weak-crypto': {
    fires: [
      {
        fixture: 'code-risky',
        expect: [
          { messageId: 'broken', verdict: 'warn', at: CRYPTO_WEAK },
          { messageId: 'ecb', verdict: 'warn', at: CRYPTO_WEAK },
          { messageId: 'rsaNoOaep', verdict: 'warn', at: CRYPTO_WEAK },
          { messageId: 'digest', verdict: 'warn', at: CRYPTO_WEAK },
        ],
      },
    ],
    silent: [{ fixture: 'code-safe' }],
  },
  'c10/hardcoded-key': {
    fires: [
      {
        fixture: 'code-risky',
        expect: [
          { messageId: 'key', verdict: 'warn', at: `${D}${C}/crypto/Crypto;->keys()V` },
          { messageId: 'key', verdict: 'warn', at: `${D}${C}/crypto/Crypto;->keys()V` },
        ],
      },
    ],
    // code-safe builds its key from a parameter.
    silent: [{ fixture: 'code-safe' }],
  },
  'c10/world-readable-files': {
    fires: [{ fixture: 'code-risky', expect: [{ messageId: 'world', verdict: 'fail', at: MAIN_ONCREATE }] }],
    silent: [{ fixture: 'code-safe' }],
  },
  'c10/pi-logged': {
    fires: [
      { fixture: 'code-risky', expect: [{ messageId: 'logged', verdict: 'warn', at: APP_ONCREATE, owner: 'app' }] },
      { fixture: 'demo-shop', expect: [{ messageId: 'logged', verdict: 'warn', at: `${D}Lcom/example/shiguang/ShopApplication;->onCreate()V` }] },
    ],
    // sdk-mix reads an IMEI but never logs it.
    silent: [{ fixture: 'code-safe' }, { fixture: 'sdk-mix' }],
  },
  'c10/trusts-user-certificates': {
    fires: [
      {
        fixture: 'tls-weak',
        expect: [
          { messageId: 'user', verdict: 'warn', at: NSC },
          { messageId: 'overridePins', verdict: 'warn', at: NSC },
        ],
      },
    ],
    // nsc-domain-cleartext trusts user CAs only inside <debug-overrides>.
    silent: [{ fixture: 'nsc-domain-cleartext' }, { fixture: 'clean' }],
  },
  'c10/v1-signature-only': {
    fires: [{ fixture: 'signing-v1-only', expect: [{ messageId: 'janus', verdict: 'fail', at: 'signing:v1' }] }],
    // The same app signed v1+v2+v3.
    silent: [{ fixture: 'signing-debug' }, { fixture: 'clean' }],
  },
  'c10/debug-certificate': {
    fires: [{ fixture: 'signing-debug', expect: [{ messageId: 'debug', verdict: 'fail', at: 'signing:v1' }] }],
    silent: [{ fixture: 'signing-v1-only' }, { fixture: 'clean' }],
  },
  'c10/private-key-in-apk': {
    fires: [
      {
        fixture: 'tls-weak',
        expect: [
          { messageId: 'pem', verdict: 'fail', at: 'file:assets/certs/client_key.txt' },
          { messageId: 'file', verdict: 'fail', at: 'file:assets/certs/client.p12' },
        ],
      },
    ],
    // tls-weak's res/raw/corp_ca.pem is a public CA certificate, not a key: it is not reported.
    silent: [{ fixture: 'clean' }, { fixture: 'nsc-domain-cleartext' }],
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
  'c10/cleartext-pi-endpoint': {
    fires: [
      { fixture: 'demo-shop', expect: [{ messageId: 'http', verdict: 'warn', at: 'resource:string/api_user_profile' }] },
      { fixture: 'strings-basic', expect: [{ messageId: 'http', verdict: 'warn', at: 'dex:Lorg/pledgeaudit/fixture/strings/MainActivity;->onCreate(Landroid/os/Bundle;)V', owner: 'app' }] },
    ],
    // An https price endpoint (code-risky); an http policy page carries no PI (demo-shop's privacy_url is not reported).
    silent: [{ fixture: 'clean' }, { fixture: 'code-risky' }],
  },
};
