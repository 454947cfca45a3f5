import { defineClause } from '../../src/engine/check.js';
import allowBackup from './allow-backup.js';
import cleartextPiEndpoint from './cleartext-pi-endpoint.js';
import cleartextTraffic from './cleartext-traffic.js';
import debugCertificate from './debug-certificate.js';
import debuggable from './debuggable.js';
import exportedProvider from './exported-provider.js';
import hardcodedKey from './hardcoded-key.js';
import hostnameVerifier from './hostname-verifier.js';
import piLogged from './pi-logged.js';
import privateKeyInApk from './private-key-in-apk.js';
import testOnly from './test-only.js';
import trustAllCertificates from './trust-all-certificates.js';
import trustsUserCertificates from './trusts-user-certificates.js';
import v1SignatureOnly from './v1-signature-only.js';
import weakCrypto from './weak-crypto.js';
import webviewDebugging from './webview-debugging.js';
import webviewFileAccess from './webview-file-access.js';
import webviewJavascriptInterface from './webview-javascript-interface.js';
import webviewSslErrorProceed from './webview-ssl-error-proceed.js';
import worldReadableFiles from './world-readable-files.js';

export default defineClause({
  clause: 10,
  slug: 'security',
  title: {
    zh: '强化网络安全防护，采取充分有效的安全技术和管理措施，防止个人信息泄露',
    en: 'Strong network-security protection against personal-information leaks',
  },
  pledge: '强化网络安全防护，采取充分有效的安全技术和管理措施，防止个人信息泄露。',
  requires: ['manifest', 'resources', 'dex', 'signing', 'assets'],
  // In the order of the legacy module, so that reports list the checks as before.
  checks: [
    debuggable,
    testOnly,
    cleartextTraffic,
    cleartextPiEndpoint,
    trustsUserCertificates,
    v1SignatureOnly,
    debugCertificate,
    privateKeyInApk,
    allowBackup,
    exportedProvider,
    trustAllCertificates,
    hostnameVerifier,
    webviewSslErrorProceed,
    webviewJavascriptInterface,
    webviewFileAccess,
    webviewDebugging,
    weakCrypto,
    hardcodedKey,
    worldReadableFiles,
    piLogged,
  ],
});
