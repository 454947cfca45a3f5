import { defineCheck, defineClause } from '../src/engine/types.js';
import type { ApiUse } from '../src/facts/api-uses.js';
import { loadData } from '../src/util/data-path.js';
import { groupBy, kindLabel, MAX_EVIDENCE, ownerKey, ownerLabel, useEvidence } from './lib/code.js';
import { manifestEvidence } from './lib/evidence.js';
import { reachEvidence, rootLabel, shortPath } from './lib/reach.js';

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
      api: {
        en: '{{owner}} reads the device phone number (TelephonyManager.getLine1Number)',
        zh: '{{owner}}读取本机号码（TelephonyManager.getLine1Number）',
      },
    },
  },
  run({ facts, report, options }) {
    const p = facts.manifest.usesPermissions.find((u) => u.name === `${P}READ_PHONE_NUMBERS`);
    if (p !== undefined) report({ messageId: 'permission', verdict: 'warn', evidence: [manifestEvidence(p.path, p.name)] });
    reportByOwner(facts.apiUses.filter((u) => u.kind === 'PHONE_NUMBER'), (owner, uses) =>
      report({ messageId: 'api', verdict: 'warn', data: { owner: ownerLabel(owner, options.lang) }, evidence: uses.slice(0, MAX_EVIDENCE).map(useEvidence) }),
    );
  },
});


/** Calls `emit` once per owner (first party, each SDK, unattributed code), in first-seen order. */
function reportByOwner(uses: readonly ApiUse[], emit: (owner: ApiUse['owner'], uses: ApiUse[]) => void): void {
  for (const group of groupBy(uses, (u) => ownerKey(u.owner)).values()) {
    const first = group[0];
    if (first !== undefined) emit(first.owner, group);
  }
}

const IMMUTABLE = ['IMEI', 'IMSI', 'SERIAL', 'MAC'];

const deviceIdentifiers = defineCheck({
  meta: {
    id: 'c02/immutable-identifiers',
    title: { en: 'Reads identifiers the user cannot reset', zh: '读取不可重置的设备标识' },
    verdicts: ['warn'],
    needs: ['dex'],
    docs: {
      basis: {
        en: 'GB/T 41391-2022 Appendix F lists immutable unique device identifiers (IMEI, MEID, IMSI, serial, MAC); Android\'s guidance is to avoid hardware identifiers (developer.android.google.cn/training/articles/user-data-ids); MIIT notices name IMEI/MAC collection most often (164号文).',
        zh: 'GB/T 41391-2022 附录F 列出常见不可变更的唯一设备识别码（IMEI、MEID、IMSI、序列号、MAC）；Android 官方建议避免使用硬件标识（developer.android.google.cn/training/articles/user-data-ids）；工信部通报中 IMEI/MAC 收集最为常见（164号文）。',
      },
      fix: {
        en: 'Use resettable identifiers (an app-scoped UUID, the advertising ID with consent) and make every SDK that reads IMEI, IMSI, serial or MAC stop before consent or drop it.',
        zh: '改用可重置标识（应用内 UUID、经同意的广告标识符），并使读取 IMEI、IMSI、序列号或 MAC 的 SDK 在同意前不调用或删除该 SDK。',
      },
    },
    messages: {
      read: {
        en: '{{owner}} reads {{kinds}}: identifiers the user cannot reset',
        zh: '{{owner}}读取{{kinds}}：用户无法重置的标识',
      },
    },
  },
  run({ facts, report, options }) {
    const uses = facts.apiUses.filter((u) => IMMUTABLE.includes(u.kind));
    reportByOwner(uses, (owner, group) => {
      const kinds = [...new Set(group.map((u) => kindLabel(u.kind, options.lang)))].join(options.lang === 'zh' ? '、' : ', ');
      report({ messageId: 'read', verdict: 'warn', data: { owner: ownerLabel(owner, options.lang), kinds }, evidence: group.slice(0, MAX_EVIDENCE).map(useEvidence) });
    });
  },
});

const installedApps = defineCheck({
  meta: {
    id: 'c02/installed-app-list',
    title: { en: 'Reads the list of installed apps', zh: '读取软件安装列表' },
    verdicts: ['warn'],
    needs: ['dex'],
    docs: {
      basis: {
        en: '164号文 names 软件安装列表 among the PI most often collected beyond need; Google Play treats the installed-app list as personal and sensitive (developer.android.com/training/package-visibility).',
        zh: '164号文将软件安装列表列为超范围收集最常见的个人信息之一；Google Play 将已安装应用列表视为个人敏感信息（developer.android.com/training/package-visibility）。',
      },
      fix: {
        en: 'Query only the packages you need (PackageManager.getPackageInfo on a known name, <queries> entries) instead of listing every installed app; keep SDKs that list apps from running before consent.',
        zh: '仅查询所需应用（对已知包名调用 getPackageInfo，配合 <queries>），不要枚举全部已安装应用；阻止枚举应用列表的 SDK 在同意前运行。',
      },
    },
    messages: {
      read: {
        en: '{{owner}} lists installed apps ({{apis}})',
        zh: '{{owner}}枚举已安装应用（{{apis}}）',
      },
    },
  },
  run({ facts, report, options }) {
    reportByOwner(facts.apiUses.filter((u) => u.kind === 'APPLIST'), (owner, group) => {
      const apis = [...new Set(group.map((u) => u.api.replace(/^L.+\/(\w+);->/, '$1.')))].join(', ');
      report({ messageId: 'read', verdict: 'warn', data: { owner: ownerLabel(owner, options.lang), apis }, evidence: group.slice(0, MAX_EVIDENCE).map(useEvidence) });
    });
  },
});

interface PermissionEvidence {
  permissions: Record<string, { untracked?: boolean; methods?: string[]; fields?: string[]; uris?: string[]; strings?: string[] }>;
}

const unusedPermission = defineCheck({
  meta: {
    id: 'c02/unused-dangerous-permission',
    title: { en: 'Dangerous permission requested but never used', zh: '申请了未使用的危险权限' },
    verdicts: ['warn', 'fail'],
    needs: ['dex'],
    docs: {
      basis: {
        en: '认定方法 四.1 (requesting permissions unrelated to the service); GB/T 41391-2022 6.5. The evidence of use is the framework API, field, content URI or broadcast each permission guards (axplorer API→permission maps, CLAUSES.md §2.1). Use through reflection or native code is invisible, hence WARN (FAIL only under --strict).',
        zh: '《认定方法》四.1（申请与业务无关的权限）；GB/T 41391-2022 6.5。使用证据是各权限保护的框架 API、字段、内容 URI 或广播（axplorer API→权限映射、CLAUSES.md §2.1）。反射或原生代码的使用无法看到，因此默认 WARN（仅 --strict 下 FAIL）。',
      },
      fix: {
        en: 'Remove the permission from the manifest (and from merged library manifests with tools:node="remove") if no feature needs it.',
        zh: '如无功能需要，从清单中删除该权限（依赖库合并进来的用 tools:node="remove" 删除）。',
      },
    },
    messages: {
      unused: {
        en: '{{permission}} is requested, but no code in the app (first party or SDK) calls an API that needs it',
        zh: '申请了 {{permission}}，但应用（含 SDK）中没有任何代码调用需要该权限的 API',
      },
    },
  },
  run({ facts, report }) {
    const code = facts.code;
    if (code === undefined || code.units.length === 0) return;
    const table = loadData<PermissionEvidence>('permission-evidence.json').permissions;
    const m = facts.manifest;
    const receiverActions = new Set(m.components.flatMap((c) => c.intentFilters.flatMap((f) => f.actions)));
    const strings = new Set<string>();
    const seen = new Set<string>();
    for (const p of m.usesPermissions) {
      if (seen.has(p.name)) continue;
      seen.add(p.name);
      const row = table[p.name];
      if (row === undefined || row.untracked === true) continue;
      if (p.maxSdkVersion !== undefined && p.maxSdkVersion < m.effectiveMinSdk) continue;
      const used =
        (row.methods ?? []).some((r) => {
          const [cls, name] = r.split('->') as [string, string];
          return code.invokesOf(cls, name).length > 0;
        }) ||
        (row.fields ?? []).some((r) => {
          const [cls, name] = r.split('->') as [string, string];
          return code.fieldReadsOf(cls, name).length > 0;
        }) ||
        [...(row.uris ?? []), ...(row.strings ?? [])].some((u) => {
          if (!strings.has(u) && code.stringSitesWithPrefix(u).length > 0) strings.add(u);
          return strings.has(u);
        }) ||
        (p.name.endsWith('.RECEIVE_SMS') && receiverActions.has('android.provider.Telephony.SMS_RECEIVED')) ||
        (p.name.endsWith('.RECEIVE_MMS') && receiverActions.has('android.provider.Telephony.WAP_PUSH_RECEIVED'));
      if (!used) report({ messageId: 'unused', verdict: 'warn', strictVerdict: 'fail', data: { permission: p.name }, evidence: [manifestEvidence(p.path, p.name)] });
    }
  },
});

const LAUNCH_METHODS = ['onCreate', 'onStart', 'onResume'];

const clipboardOnLaunch = defineCheck({
  meta: {
    id: 'c02/clipboard-on-launch',
    title: { en: 'Reads the clipboard when the app opens', zh: '打开应用时读取剪切板' },
    verdicts: ['warn'],
    needs: ['dex'],
    docs: {
      basis: {
        en: 'No user action asks for the clipboard when the first screen opens; Android 12 shows a toast for such reads and Android 10 blocks background reads (developer.android.com/privacy-and-security/risks/secure-clipboard-handling). CLAUSES.md clause 2.',
        zh: '首屏打开时读取剪切板并非用户操作所需；Android 12 会对此弹出提示，Android 10 禁止后台读取（developer.android.com/privacy-and-security/risks/secure-clipboard-handling）。CLAUSES.md 第2条。',
      },
      fix: {
        en: 'Read the clipboard only when the user pastes (an explicit paste button or the system paste action).',
        zh: '仅在用户粘贴时（明确的粘贴按钮或系统粘贴操作）读取剪切板。',
      },
    },
    messages: {
      launch: {
        en: 'the launcher activity reads the clipboard in {{method}} ({{owner}})',
        zh: '启动页在 {{method}} 中读取剪切板（{{owner}}）',
      },
    },
  },
  run({ facts, report, options }) {
    const launchers = new Set(facts.manifest.launcherActivities.map((n) => `L${n.replace(/\./g, '/')};`));
    const aliases = facts.manifest.components.filter((c) => c.kind === 'activity-alias' && c.targetActivity !== undefined && facts.manifest.launcherActivities.includes(c.name));
    for (const a of aliases) launchers.add(`L${(a.targetActivity as string).replace(/\./g, '/')};`);
    for (const u of facts.apiUses) {
      if (u.kind !== 'CLIPBOARD' || u.api.endsWith('addPrimaryClipChangedListener')) continue;
      const method = u.caller.slice(u.caller.indexOf('->') + 2, u.caller.indexOf('('));
      if (!launchers.has(u.callerClass) || !LAUNCH_METHODS.includes(method)) continue;
      report({ messageId: 'launch', verdict: 'warn', data: { method, owner: ownerLabel(u.owner, options.lang) }, evidence: [useEvidence(u)] });
    }
  },
});


const beforeConsent = defineCheck({
  meta: {
    id: 'c02/collect-before-consent',
    title: { en: 'Personal information read before the user agrees', zh: '用户同意前收集个人信息' },
    verdicts: ['fail', 'warn'],
    needs: ['dex'],
    docs: {
      basis: {
        en: '认定方法 三.1 ("征得用户同意前就开始收集个人信息"); 164号文 1.1 scenarios 1–6 (IMEI, MAC, app list… collected before consent, the most frequent finding of MIIT notices); CLAUSES.md §2.6. Providers and the Application start before any screen, so nothing there can have asked the user yet.',
        zh: '《认定方法》三.1（征得用户同意前就开始收集个人信息）；164号文 1.1 场景1–6（同意前收集 IMEI、MAC、应用列表等，为工信部通报中最常见的问题）；CLAUSES.md §2.6。Provider 与 Application 在任何界面之前启动，此时不可能已征得用户同意。',
      },
      fix: {
        en: 'Show the privacy dialog first; move every PI read (and the code that triggers it) behind the saved consent flag, out of ContentProvider.onCreate and Application.onCreate.',
        zh: '先展示隐私弹窗；把所有个人信息读取（及触发它的代码）移到已保存的同意标志之后，移出 ContentProvider.onCreate 与 Application.onCreate。',
      },
    },
    messages: {
      direct: {
        en: '{{kind}} is read directly in {{root}} with no branch at all ({{owner}}): collected before any consent is possible',
        zh: '{{kind}}在 {{root}} 中被直接读取且没有任何分支（{{owner}}）：在可能征得同意之前即收集',
      },
      reachable: {
        en: '{{kind}} is read on startup from {{root}} with no consent gate on the path ({{owner}}): {{path}}',
        zh: '{{kind}}在启动时从 {{root}} 被读取，路径上没有同意判断（{{owner}}）：{{path}}',
      },
    },
  },
  run({ facts, report, options }) {
    const reach = facts.reachability;
    if (reach === undefined) return;
    for (const h of reach.hits) {
      if (h.what !== 'pi' || h.gated || h.use === undefined) continue;
      const direct = h.direct && !h.rootBranches;
      report({
        messageId: direct ? 'direct' : 'reachable',
        verdict: direct ? 'fail' : 'warn',
        data: { kind: kindLabel(h.use.kind, options.lang), root: rootLabel(h.root, options.lang), owner: ownerLabel(h.use.owner, options.lang), path: shortPath(h.path) },
        evidence: [reachEvidence(facts, h)],
      });
    }
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
  checks: [beforeConsent, backgroundLocation, queryAllPackages, phoneNumber, deviceIdentifiers, installedApps, unusedPermission, clipboardOnLaunch],
  manualChecks: [
    {
      en: 'Run the app with a privacy-monitoring hook (e.g. camille or a Frida script): record which identifiers, location and app-list reads happen, how often, and whether they happen before consent or in the background.',
      zh: '使用隐私合规监测工具（如 camille 或 Frida 脚本）运行应用：记录设备标识、位置、应用列表的读取次数和时机，确认是否在同意前或后台发生。',
    },
  ],
});
