import { defineClause } from '../../src/engine/check.js';
import backgroundLocation from './background-location.js';
import clipboardOnLaunch from './clipboard-on-launch.js';
import collectBeforeConsent from './collect-before-consent.js';
import immutableIdentifiers from './immutable-identifiers.js';
import installedAppList from './installed-app-list.js';
import piNotInPolicy from './pi-not-in-policy.js';
import outsideNecessarySet from './outside-necessary-set.js';
import periodicCollection from './periodic-collection.js';
import phoneNumber from './phone-number.js';
import queryAllPackages from './query-all-packages.js';
import startupPiInNoPiCategory from './startup-pi-in-no-pi-category.js';
import unusedDangerousPermission from './unused-dangerous-permission.js';

export default defineClause({
  clause: 2,
  slug: 'minimum-necessary',
  title: {
    zh: '坚持最小必要原则，根据APP提供服务所必需，合规设置收集个人信息范围',
    en: 'Minimum necessary: collect only the personal information the services need',
  },
  pledge: '坚持最小必要原则，根据APP提供服务所必需，合规设置收集个人信息范围。',
  requires: ['manifest', 'dex'],
  checks: [
    collectBeforeConsent,
    startupPiInNoPiCategory,
    outsideNecessarySet,
    periodicCollection,
    backgroundLocation,
    queryAllPackages,
    phoneNumber,
    immutableIdentifiers,
    installedAppList,
    unusedDangerousPermission,
    clipboardOnLaunch,
    piNotInPolicy,
  ],
  manualChecks: [
    {
      en: 'Run the app with a privacy-monitoring hook (e.g. camille or a Frida script): record which identifiers, location and app-list reads happen, how often, and whether they happen before consent or in the background.',
      zh: '使用隐私合规监测工具（如 camille 或 Frida 脚本）运行应用：记录设备标识、位置、应用列表的读取次数和时机，确认是否在同意前或后台发生。',
    },
  ],
});
