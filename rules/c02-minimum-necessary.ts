import { defineCheck, defineClause } from '../src/engine/types.js';
import { manifestEvidence } from './lib/evidence.js';

const P = 'android.permission.';

const backgroundLocation = defineCheck({
  meta: {
    id: 'c02/background-location',
    title: { en: 'Location collected in the background', zh: '后台收集位置信息' },
    verdicts: ['warn'],
    needs: ['manifest'],
    docs: {
      basis: {
        en: "164号文 1.2 (collection in the background / silent state); PIPL Art. 6 (minimum necessary). Background location is necessary only for types such as 地图导航, 网络约车, 用车服务, 运动健身 (necessary-information rule, 2021).",
        zh: "164号文 1.2（静默状态下或在后台运行时收集）；《个人信息保护法》第六条（最小必要）。仅地图导航、网络约车、用车服务、运动健身等类型确需后台定位（2021 年必要个人信息范围规定）。",
      },
      fix: {
        en: "Remove ACCESS_BACKGROUND_LOCATION and location foreground services unless a core, user-visible feature needs them; request the permission separately with its purpose when that feature starts.",
        zh: "除非核心且用户可感知的功能确需，删除 ACCESS_BACKGROUND_LOCATION 与定位类前台服务；确需时在功能启动时单独申请并说明用途。",
      },
    },
    messages: {
      permission: {
        en: 'ACCESS_BACKGROUND_LOCATION is requested: location can be read while the app is not in use',
        zh: '申请了 ACCESS_BACKGROUND_LOCATION：应用不在使用时也能读取位置',
      },
      service: {
        en: 'foreground service {{name}} declares foregroundServiceType="location": location is tracked while the user is elsewhere',
        zh: '前台服务 {{name}} 声明 foregroundServiceType="location"：用户离开应用时仍持续定位',
      },
    },
  },
  run({ facts, report }) {
    const m = facts.manifest;
    const bg = m.usesPermissions.find((p) => p.name === `${P}ACCESS_BACKGROUND_LOCATION`);
    if (bg !== undefined) report({ messageId: 'permission', verdict: 'warn', evidence: [manifestEvidence(bg.path, bg.name)] });
    for (const c of m.components) {
      if (c.kind === 'service' && c.foregroundServiceTypes.includes('location')) {
        report({ messageId: 'service', verdict: 'warn', data: { name: c.name }, evidence: [manifestEvidence(`${c.path}/@android:foregroundServiceType`, c.foregroundServiceTypes.join('|'))] });
      }
    }
  },
});

const queryAllPackages = defineCheck({
  meta: {
    id: 'c02/query-all-packages',
    title: { en: 'Installed-app list visible (QUERY_ALL_PACKAGES)', zh: '可获取软件安装列表（QUERY_ALL_PACKAGES）' },
    verdicts: ['warn'],
    needs: ['manifest'],
    docs: {
      basis: {
        en: "164号文 names 软件安装列表 among the PI collected beyond need; Google Play treats the installed-app list as personal and sensitive (developer.android.com/training/package-visibility).",
        zh: "164号文将\"软件安装列表\"列为超范围收集的个人信息；Google Play 将已安装应用列表视为个人敏感信息（developer.android.com/training/package-visibility）。",
      },
      fix: {
        en: "Replace QUERY_ALL_PACKAGES with specific <queries> entries for the packages or intents the app really interacts with.",
        zh: "以 <queries> 精确声明确需交互的应用包名或 Intent，取代 QUERY_ALL_PACKAGES。",
      },
    },
    messages: {
      queryAll: {
        en: 'QUERY_ALL_PACKAGES is requested: the app can list every installed app, which regulators and Google Play treat as personal information',
        zh: '申请了 QUERY_ALL_PACKAGES：可读取全部已安装应用列表（监管与 Google Play 均视为个人信息）',
      },
    },
  },
  run({ facts, report }) {
    const p = facts.manifest.usesPermissions.find((u) => u.name === `${P}QUERY_ALL_PACKAGES`);
    if (p !== undefined) report({ messageId: 'queryAll', verdict: 'warn', evidence: [manifestEvidence(p.path, p.name)] });
  },
});

const phoneNumber = defineCheck({
  meta: {
    id: 'c02/phone-number',
    title: { en: "Device phone number readable", zh: '可读取本机号码' },
    verdicts: ['warn'],
    needs: ['manifest'],
    docs: {
      basis: {
        en: "Necessary-information rule (2021): the necessary item is the registration phone number the user provides, not the device's own number; 认定方法 四.1 (PI unrelated to the service).",
        zh: "《常见类型移动互联网应用程序必要个人信息范围规定》：必要的是用户提供的注册手机号，而非本机号码；《认定方法》四.1（收集与业务无关的个人信息）。",
      },
      fix: {
        en: "Drop READ_PHONE_NUMBERS; let the user type the number or use a carrier one-click login that asks consent.",
        zh: "删除 READ_PHONE_NUMBERS；由用户输入号码，或使用经用户同意的运营商一键登录。",
      },
    },
    messages: {
      permission: {
        en: 'READ_PHONE_NUMBERS is requested: the device number is not necessary information (a registration number is typed by the user)',
        zh: '申请了 READ_PHONE_NUMBERS：本机号码不属于必要信息（注册手机号应由用户输入）',
      },
    },
  },
  run({ facts, report }) {
    const p = facts.manifest.usesPermissions.find((u) => u.name === `${P}READ_PHONE_NUMBERS`);
    if (p !== undefined) report({ messageId: 'permission', verdict: 'warn', evidence: [manifestEvidence(p.path, p.name)] });
  },
});

export default defineClause({
  clause: 2,
  slug: 'minimum-necessary',
  title: {
    zh: '坚持最小必要原则，根据APP提供服务所必需，合规设置收集个人信息范围',
    en: 'Minimum necessary: collect only the personal information the services need',
  },
  pledge: '坚持最小必要原则，根据APP提供服务所必需，合规设置收集个人信息范围。',
  requires: ['manifest', 'dex'],
  checks: [backgroundLocation, queryAllPackages, phoneNumber],
  manualChecks: [
    {
      en: 'Run the app with a privacy-monitoring hook (e.g. camille or a Frida script): record which identifiers, location and app-list reads happen, how often, and whether they happen before consent or in the background.',
      zh: '使用隐私合规监测工具（如 camille 或 Frida 脚本）运行应用：记录设备标识、位置、应用列表的读取次数和时机，确认是否在同意前或后台发生。',
    },
  ],
});
