import { defineClause } from '../../src/engine/check.js';
import autoInitProvider from './auto-init-provider.js';
import dynamicCodeLoading from './dynamic-code-loading.js';
import sdkCollectsPi from './sdk-collects-pi.js';
import sdkConsentApiUnused from './sdk-consent-api-unused.js';
import sdkCodeBeforeConsent from './sdk-code-before-consent.js';
import sdkInitBeforeConsent from './sdk-init-before-consent.js';
import sdkInventory from './sdk-inventory.js';
import sdkNotInPolicy from './sdk-not-in-policy.js';
import policySdkNotBundled from './policy-sdk-not-bundled.js';
import selfStartReceiver from './self-start-receiver.js';
import undeclaredSdk from './undeclared-sdk.js';

export default defineClause({
  clause: 9,
  slug: 'third-party-sdks',
  title: {
    zh: '在接入SDK等第三方服务前对其严格审查，确保符合本APP个人信息处理规则',
    en: 'Review SDKs and other third-party services before integrating them',
  },
  pledge: '在接入SDK等第三方服务前对其严格审查，确保符合本APP个人信息处理规则。',
  requires: ['manifest', 'dex', 'native', 'assets'],
  checks: [sdkInitBeforeConsent, sdkCodeBeforeConsent, autoInitProvider, selfStartReceiver, sdkInventory, sdkNotInPolicy, policySdkNotBundled, undeclaredSdk, sdkConsentApiUnused, sdkCollectsPi, dynamicCodeLoading],
  manualChecks: [
    {
      en: "Compare the detected SDK inventory with the privacy policy's third-party SDK list (第三方SDK目录): every SDK named, with its purpose, the data it collects and a link to its own policy.",
      zh: '将检测到的 SDK 清单与隐私政策中的第三方 SDK 目录逐一比对：每个 SDK 均应列明用途、收集的信息及其隐私政策链接。',
    },
  ],
});
