import { defineCheck, defineClause } from '../src/engine/legacy.js';
import type { ApiUse } from '../src/facts/api-uses.js';
import { loadData } from '../src/util/data-path.js';
import { groupBy, kindLabel, MAX_EVIDENCE, ownerKey, ownerLabel, siteEvidence, useEvidence } from './lib/code.js';
import { descriptorToClassName } from '../src/facts/app-facts.js';
import { manifestEvidence } from './lib/evidence.js';
import { reachEvidence, rootLabel, shortPath } from './lib/reach.js';
import type { ReachHit } from '../src/facts/reach.js';
import { CATEGORY_KINDS, categoryLabel, chosenCategories, hasCategory } from './lib/categories.js';

const P = 'android.permission.';

const backgroundLocation = defineCheck({
  meta: {
    id: 'c02/background-location',
    title: { en: 'Location collected in the background', zh: '后台收集位置信息' },
    verdicts: ['warn', 'review'],
    manualCheck: {
      en: 'For a navigation, ride-hailing, car or fitness app: check background location runs only during a trip or workout the user started, with a visible notification, and stops when it ends.',
      zh: '对地图导航、网络约车、用车服务、运动健身类应用：确认仅在用户发起的行程或运动中后台定位，有可见通知，结束后即停止。',
    },
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
  run({ facts, report, options }) {
    const m = facts.manifest;
    // Navigation, ride-hailing, car and fitness apps track location as their basic function.
    const verdict = hasCategory(options, '地图导航类', '网络约车类', '用车服务类', '运动健身类') ? 'review' : 'warn';
    const bg = m.usesPermissions.find((p) => p.name === `${P}ACCESS_BACKGROUND_LOCATION`);
    if (bg !== undefined) report({ messageId: 'permission', verdict, evidence: [manifestEvidence(bg.path, bg.name)] });
    for (const c of m.components) {
      if (c.kind === 'service' && c.foregroundServiceTypes.includes('location')) {
        report({ messageId: 'service', verdict, data: { name: c.name }, evidence: [manifestEvidence(`${c.path}/@android:foregroundServiceType`, c.foregroundServiceTypes.join('|'))] });
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
    verdicts: ['fail', 'warn'],
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
      readBeforeConsent: {
        en: '{{owner}} reads {{kinds}} on startup with no consent gate on the path: identifiers the user cannot reset, collected before consent',
        zh: '{{owner}}在启动时读取{{kinds}}，路径上没有同意判断：用户无法重置的标识在同意前被收集',
      },
    },
  },
  run({ facts, report, options }) {
    const uses = facts.apiUses.filter((u) => IMMUTABLE.includes(u.kind));
    // Read on startup with no consent gate on the way (E2): FAIL (CLAUSES.md clause 2).
    const early = new Map<ApiUse, ReachHit>();
    for (const h of facts.reachability?.hits ?? []) if (h.what === 'pi' && !h.gated && h.use !== undefined && !early.has(h.use)) early.set(h.use, h);
    reportByOwner(uses, (owner, group) => {
      const before = group.filter((u) => early.has(u));
      const shown = before.length > 0 ? before : group;
      const kinds = [...new Set(shown.map((u) => kindLabel(u.kind, options.lang)))].join(options.lang === 'zh' ? '、' : ', ');
      if (before.length > 0) {
        const evidence = before.slice(0, MAX_EVIDENCE).map((u) => reachEvidence(facts, early.get(u) as ReachHit));
        report({ messageId: 'readBeforeConsent', verdict: 'fail', data: { owner: ownerLabel(owner, options.lang), kinds }, evidence });
      } else {
        report({ messageId: 'read', verdict: 'warn', data: { owner: ownerLabel(owner, options.lang), kinds }, evidence: group.slice(0, MAX_EVIDENCE).map(useEvidence) });
      }
    });
  },
});

const installedApps = defineCheck({
  meta: {
    id: 'c02/installed-app-list',
    title: { en: 'Reads the list of installed apps', zh: '读取软件安装列表' },
    verdicts: ['warn', 'review'],
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
      readByStore: {
        en: '{{owner}} lists installed apps ({{apis}}); an app store or security app may need this for its basic function: check it is used for nothing else',
        zh: '{{owner}}枚举已安装应用（{{apis}}）；应用商店类、安全管理类应用的基本功能可能需要，请确认未用于其他目的',
      },
    },
    manualCheck: {
      en: 'For an app store or security app: confirm the list is used only to show updates or scan for threats, is not uploaded beyond that, and that the privacy policy says so.',
      zh: '对应用商店或安全管理类应用：确认应用列表仅用于展示更新或安全扫描，未超出该目的上传，且隐私政策已说明。',
    },
  },
  run({ facts, report, options }) {
    reportByOwner(facts.apiUses.filter((u) => u.kind === 'APPLIST'), (owner, group) => {
      const apis = [...new Set(group.map((u) => u.api.replace(/^L.+\/(\w+);->/, '$1.')))].join(', ');
      // An app store or security app needs the list for its basic function (CLAUSES.md clause 2).
      const needed = hasCategory(options, '应用商店类', '安全管理类');
      report({ messageId: needed ? 'readByStore' : 'read', verdict: needed ? 'review' : 'warn', data: { owner: ownerLabel(owner, options.lang), apis }, evidence: group.slice(0, MAX_EVIDENCE).map(useEvidence) });
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


const outsideNecessary = defineCheck({
  meta: {
    id: 'c02/outside-necessary-set',
    title: { en: "Personal information outside the app type's necessary set", zh: '超出本类型必要个人信息范围' },
    verdicts: ['warn', 'review'],
    needs: ['dex'],
    docs: {
      basis: {
        en: "必要信息规定 (2021) 第四、五条: each of 39 app types has a necessary set for its basic function, and 第六条: refusing non-necessary PI must not block the basic function. Only device-sourced PI is visible to a static audit; registration phone numbers, names and addresses are typed by the user (CLAUSES.md §4). Needs --category; without it the reads are listed for review.",
        zh: "《常见类型移动互联网应用程序必要个人信息范围规定》（2021）第四、五条：39 类应用各有基本功能所需的必要个人信息范围；第六条：不得因用户不同意提供非必要个人信息而拒绝其使用基本功能。静态审查只能看到来自设备的个人信息；注册手机号、姓名、地址等由用户输入（CLAUSES.md §4）。需 --category；未指定时仅列出读取情况供复核。",
      },
      fix: {
        en: 'Drop the reads the basic function does not need, or move them into an optional feature that asks for them when used and keeps the basic function working when refused.',
        zh: '删除基本功能不需要的读取，或将其放入可选功能：使用时再申请，用户拒绝时基本功能仍可使用。',
      },
    },
    manualCheck: {
      en: 'Decide the app type (one of the 39 of the 2021 rule) and rerun with --category, or compare each listed read with that type\'s necessary personal information by hand.',
      zh: '确定应用类型（2021 年规定的 39 类之一）后使用 --category 重新运行，或人工对照该类型的必要个人信息逐项检查。',
    },
    messages: {
      outside: {
        en: "{{kind}} is read ({{owners}}) but is not necessary for {{categories}}: only an optional feature the user agrees to may use it, and refusing must not block basic functions",
        zh: '{{kind}}被读取（{{owners}}），但不属于{{categories}}的必要个人信息：只能用于用户另行同意的可选功能，拒绝时不得影响基本功能',
      },
      noCategory: {
        en: 'reads {{kinds}}: whether each is necessary depends on the app type (pass --category)',
        zh: '读取{{kinds}}：是否必要取决于应用类型（请使用 --category 指定）',
      },
      unknownSet: {
        en: "reads {{kinds}}: this version has no transcription of the necessary personal information of {{categories}}, so compare by hand",
        zh: '读取{{kinds}}：当前版本未收录{{categories}}的必要个人信息范围，请人工对照',
      },
    },
  },
  run({ facts, report, options }) {
    const uses = facts.apiUses.filter((u) => CATEGORY_KINDS.includes(u.kind));
    if (uses.length === 0) return;
    const byKind = groupBy(uses, (u) => u.kind);
    const kinds = (ks: readonly string[]): string => ks.map((k) => kindLabel(k, options.lang)).join(options.lang === 'zh' ? '、' : ', ');
    const firstOfEach = (ks: readonly string[]) => ks.map((k) => byKind.get(k)?.[0]).filter((u) => u !== undefined).slice(0, MAX_EVIDENCE).map(useEvidence);
    const cats = chosenCategories(options);
    if (cats.length === 0) {
      report({ messageId: 'noCategory', verdict: 'review', data: { kinds: kinds([...byKind.keys()]) }, evidence: firstOfEach([...byKind.keys()]) });
      return;
    }
    const unknown = cats.filter((c) => c.necessaryKinds === null);
    if (unknown.length > 0) {
      report({ messageId: 'unknownSet', verdict: 'review', data: { kinds: kinds([...byKind.keys()]), categories: categoryLabel(unknown, options.lang) }, evidence: firstOfEach([...byKind.keys()]) });
      return;
    }
    const necessary = new Set(cats.flatMap((c) => c.necessaryKinds ?? []));
    for (const [kind, group] of byKind) {
      if (necessary.has(kind)) continue;
      const owners = [...new Set(group.map((u) => ownerLabel(u.owner, options.lang)))].join(options.lang === 'zh' ? '、' : ', ');
      report({ messageId: 'outside', verdict: 'warn', data: { kind: kindLabel(kind, options.lang), owners, categories: categoryLabel(cats, options.lang) }, evidence: group.slice(0, MAX_EVIDENCE).map(useEvidence) });
    }
  },
});

const startupPiNoPiCategory = defineCheck({
  meta: {
    id: 'c02/startup-pi-in-no-pi-category',
    title: { en: 'Personal information read on startup by an app type that needs none', zh: '无须个人信息的应用类型在启动时读取个人信息' },
    verdicts: ['fail'],
    needs: ['dex'],
    docs: {
      basis: {
        en: '必要信息规定 (2021) 第五条: 13 types (女性健康, 网络直播, 在线影音, 短视频, 新闻资讯, 运动健身, 浏览器, 输入法, 安全管理, 电子图书, 拍摄美化, 应用商店, 实用工具) can provide their basic function without any personal information. First-party code reading device PI from a startup entry point with no consent gate (E2, CLAUSES.md §2.6) collects it before the user can have chosen any optional feature.',
        zh: '《常见类型移动互联网应用程序必要个人信息范围规定》（2021）第五条：女性健康、网络直播、在线影音、短视频、新闻资讯、运动健身、浏览器、输入法、安全管理、电子图书、拍摄美化、应用商店、实用工具等 13 类应用无须个人信息即可提供基本功能。应用自身代码从启动入口、在没有同意判断的路径上读取设备个人信息（E2，CLAUSES.md §2.6），即在用户选择任何可选功能之前已收集。',
      },
      fix: {
        en: 'Remove the read from startup; if an optional feature needs it, read it when the user opens that feature and has agreed.',
        zh: '从启动流程中移除该读取；如可选功能确需，在用户打开该功能并同意后再读取。',
      },
    },
    messages: {
      startup: {
        en: '{{kind}} is read by first-party code on startup from {{root}} ({{path}}), but {{categories}} needs no personal information for its basic function',
        zh: '应用自身代码在启动时从 {{root}} 读取{{kind}}（{{path}}），而{{categories}}的基本功能无须任何个人信息',
      },
    },
  },
  run({ facts, report, options }) {
    const cats = chosenCategories(options);
    // Only when every chosen type needs nothing: an app that is also a map app may read location.
    if (cats.length === 0 || !cats.every((c) => c.noPiNeeded)) return;
    for (const h of facts.reachability?.hits ?? []) {
      if (h.what !== 'pi' || h.gated || h.use === undefined || h.use.owner.kind !== 'app' || !CATEGORY_KINDS.includes(h.use.kind)) continue;
      report({
        messageId: 'startup',
        verdict: 'fail',
        data: { kind: kindLabel(h.use.kind, options.lang), root: rootLabel(h.root, options.lang), path: shortPath(h.path), categories: categoryLabel(cats, options.lang) },
        evidence: [reachEvidence(facts, h)],
      });
    }
  },
});

const SHAPE = {
  en: { timer: 'Timer schedule with a period', executor: 'ScheduledExecutorService at a fixed rate', 'handler-loop': 'Handler.postDelayed loop in run()' },
  zh: { timer: 'Timer 周期调度', executor: 'ScheduledExecutorService 定时调度', 'handler-loop': 'run() 中 Handler.postDelayed 循环' },
} as const;

const periodicCollection = defineCheck({
  meta: {
    id: 'c02/periodic-collection',
    title: { en: 'Personal information read on a timer', zh: '定时周期性读取个人信息' },
    verdicts: ['review'],
    needs: ['dex'],
    docs: {
      basis: {
        en: '认定方法 四.3 (collecting at a frequency beyond what the service needs); 164号文 1.2 (scenarios of reads "every 30 s / every 2 s"). How often is a runtime fact: the static finding is the loop and the personal information it reaches (CLAUSES.md clause 2).',
        zh: '《认定方法》四.3（收集频度超出业务功能实际需要）；164号文 1.2（"每30秒/每2秒"读取等场景）。频率属于运行时事实：静态结论是定时循环及其读取的个人信息（CLAUSES.md 第二条）。',
      },
      fix: {
        en: 'Read the value once and cache it, or only when the user acts; if a feature must refresh it, use the longest period that works and stop the timer in the background.',
        zh: '读取一次后缓存，或仅在用户操作时读取；确需刷新时使用可行的最长周期，并在后台停止定时器。',
      },
    },
    manualCheck: {
      en: 'Run the app with a privacy-monitoring hook (e.g. camille) for a few minutes in the foreground and in the background, and count the reads of each listed item per minute.',
      zh: '使用隐私监测 Hook（如 camille）在前台与后台各运行数分钟，统计所列各项每分钟的读取次数。',
    },
    messages: {
      loop: {
        en: '{{kinds}} read every time {{task}} runs ({{shape}}): check how often',
        zh: '{{task}}每次运行都读取{{kinds}}（{{shape}}）：需确认频率',
      },
    },
  },
  run({ facts, report, options }) {
    for (const t of facts.periodicTasks) {
      const reads = [...new Map(t.reads.map((r) => [`${r.use.kind}|${r.path.join('>')}`, r])).values()];
      const kinds = [...new Set(t.reads.map((r) => kindLabel(r.use.kind, options.lang)))].join(options.lang === 'zh' ? '、' : ', ');
      report({
        messageId: 'loop',
        verdict: 'review',
        data: { kinds, task: descriptorToClassName(t.cls), shape: SHAPE[options.lang][t.shape] },
        evidence: [
          ...reads.slice(0, MAX_EVIDENCE - 1).map((r) => ({ ...useEvidence(r.use), detail: shortPath(r.path), path: r.path })),
          siteEvidence(facts, t.scheduledAt, options.lang === 'zh' ? '调度位置' : 'scheduled here'),
        ],
      });
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
  checks: [beforeConsent, startupPiNoPiCategory, outsideNecessary, periodicCollection, backgroundLocation, queryAllPackages, phoneNumber, deviceIdentifiers, installedApps, unusedPermission, clipboardOnLaunch],
  manualChecks: [
    {
      en: 'Run the app with a privacy-monitoring hook (e.g. camille or a Frida script): record which identifiers, location and app-list reads happen, how often, and whether they happen before consent or in the background.',
      zh: '使用隐私合规监测工具（如 camille 或 Frida 脚本）运行应用：记录设备标识、位置、应用列表的读取次数和时机，确认是否在同意前或后台发生。',
    },
  ],
});
