import { defineCheck, defineClause } from '../src/engine/legacy.js';
import type { Evidence } from '../src/model/index.js';
import type { AppFacts } from '../src/facts/app-facts.js';
import { descriptorToClassName } from '../src/facts/app-facts.js';
import type { TextHit } from '../src/facts/strings/types.js';
import { MAX_EVIDENCE, siteEvidence } from './lib/code.js';
import { appHits, byOrigin, handlesPersonalInformation, loginEvidence, policyAnchor, remotePolicy, SOURCES, TEXT_NEEDS, textBlindSpot, textEvidence, timingCommitments } from './lib/rights.js';

/**
 * Terms that name a way to switch off system permissions, not to withdraw consent to the
 * processing itself (PIPL Art. 15) or to access, correct or delete data (Arts. 44–47).
 */
const PERMISSION_ONLY = new Set(['权限管理', '權限管理', '系统权限设置', '系統權限設置', 'manage permissions']);

/** Settings.ACTION_APPLICATION_DETAILS_SETTINGS, inlined by the compiler as a const-string. */
const APP_DETAILS_SETTINGS = 'android.settings.APPLICATION_DETAILS_SETTINGS';

/** Where the app sends the user to the system page that lists its permissions. */
function permissionSettingsLinks(facts: AppFacts): Evidence[] {
  const code = facts.code;
  if (code === undefined) return [];
  return code
    .stringSitesEqual(APP_DETAILS_SETTINGS)
    .filter((s) => {
      const o = facts.ownerOfClass(descriptorToClassName(code.callerClass(s)));
      return o.kind !== 'sdk' && o.kind !== 'library';
    })
    .slice(0, 3)
    .map((s) => siteEvidence(facts, s, `const-string "${APP_DETAILS_SETTINGS}" (system permission page)`));
}

const noRightsPath = defineCheck({
  meta: {
    id: 'c06/no-rights-path',
    title: { en: 'No way to withdraw consent or to access, correct or delete personal information', zh: '没有撤回同意或查阅、更正、删除个人信息的途径' },
    verdicts: ['warn', 'review'],
    needs: TEXT_NEEDS,
    docs: {
      basis: {
        en: 'PIPL Art. 15 (consent can be withdrawn, by a convenient way), Arts. 44–47 (access, copy, correction, deletion) and Art. 50 (a convenient mechanism for requests); 认定方法 三.8 (no way to withdraw consent) and 六 (no way to correct or delete). An app with accounts (login text, a login SDK, a WeChat auth request) and no rights text anywhere the string index reads (撤回同意, 隐私设置, 删除个人信息, 更正个人信息, 修改资料, Withdraw consent, Download my data…) gives users no way in. A jump to the system permission page (Settings.ACTION_APPLICATION_DETAILS_SETTINGS) or a 权限管理 screen switches off permissions, not consent to the processing under the policy, so it only lowers the finding to review. When the policy is only a link to a web page, or the app is a WebView shell, the rights may live in that remote H5: review, not warn; the same when the text cannot all be read (packed code, UI text in files the index does not read, text cut at a size limit).',
        zh: '《个人信息保护法》第十五条（可撤回同意，且应提供便捷方式）、第四十四至四十七条（查阅、复制、更正、删除）和第五十条（便捷的申请受理机制）；《认定方法》三.8（未提供撤回同意的途径）和六（未提供更正、删除途径）。应用有账号（登录文本、登录 SDK、微信授权请求），而在字符串索引读取的所有位置都没有权利相关文本（撤回同意、隐私设置、删除个人信息、更正个人信息、修改资料等），用户就没有行使权利的入口。跳转系统权限页（Settings.ACTION_APPLICATION_DETAILS_SETTINGS）或"权限管理"页面只能关闭权限，不能撤回对隐私政策所述处理的同意，因此只把结论降为待复核。若隐私政策只是网页链接，或应用是 WebView 壳，权利入口可能在远端 H5 中：结论为待复核而非警告；文本无法完整读取时（加固代码、界面文本位于索引未读取的文件中、文本因大小限制被截断）同样如此。',
      },
      fix: {
        en: 'Add a privacy settings screen (settings → 隐私设置) with: withdraw consent to the privacy policy (撤回同意), view and correct profile data, request deletion of personal information, and a link to the system permission page; describe the same paths in the privacy policy.',
        zh: '增加隐私设置页面（设置 → 隐私设置），提供：撤回对隐私政策的同意、查阅与更正个人资料、申请删除个人信息，以及跳转系统权限页的入口；并在隐私政策中写明这些途径。',
      },
    },
    manualCheck: {
      en: 'Log in and look for the rights paths from the settings and the privacy policy (including its remote page): withdraw consent, view and correct profile data, request deletion. Withdrawing consent must stop the processing it covered.',
      zh: '登录后从设置页和隐私政策（含远端页面）查找权利入口：撤回同意、查阅与更正个人资料、申请删除。撤回同意后，相应处理必须停止。',
    },
    messages: {
      none: {
        en: 'the app has accounts ({{login}}) but no way to withdraw consent or to access, correct or delete personal information: none in {{sources}}',
        zh: '应用有账号（{{login}}），但没有撤回同意或查阅、更正、删除个人信息的途径：{{sources}}中均未找到',
      },
      permissionOnly: {
        en: 'the app has accounts ({{login}}); the only rights path found switches off system permissions ({{path}}): no way to withdraw consent to the policy or to access, correct or delete personal information in {{sources}}',
        zh: '应用有账号（{{login}}）；找到的唯一权利入口只能关闭系统权限（{{path}}）：{{sources}}中没有撤回对隐私政策的同意或查阅、更正、删除个人信息的途径',
      },
      remote: {
        en: 'the app has accounts ({{login}}) and no rights text (withdraw consent, access, correct, delete) in {{sources}}, but {{why}}; the rights may be there',
        zh: '应用有账号（{{login}}），{{sources}}中没有权利相关文本（撤回同意、查阅、更正、删除），但{{why}}；权利入口可能在其中',
      },
    },
  },
  run({ facts, report, options }) {
    const lang = options.lang;
    const login = loginEvidence(facts);
    if (facts.strings === undefined || login === undefined) return;
    const withdraw = appHits(facts, 'RIGHTS_WITHDRAW');
    const access = appHits(facts, 'RIGHTS_ACCESS');
    const consentTerms = withdraw.hits.filter((h) => !PERMISSION_ONLY.has(h.term));
    if (access.present || consentTerms.length > 0 || (withdraw.present && withdraw.hits.length === 0)) return;
    const links = permissionSettingsLinks(facts);
    const permissionPath: Evidence[] = [...byOrigin(withdraw.hits).slice(0, 2).map((h) => textEvidence(facts, h)), ...links];
    const pathNames = [...new Set(withdraw.hits.map((h) => `"${h.term}"`)), ...(links.length > 0 ? ['Settings.ACTION_APPLICATION_DETAILS_SETTINGS'] : [])];
    const blind = textBlindSpot(facts);
    const remote = remotePolicy(facts);
    const data = { login: login.summary[lang], sources: SOURCES[lang] };
    if (blind !== undefined || remote !== undefined) {
      const why =
        blind?.why[lang] ??
        (lang === 'zh' ? `隐私政策只有远端链接 ${remote?.value ?? ''}` : `the privacy policy is only a link to ${remote?.value ?? ''}`);
      const where = blind?.evidence ?? (remote === undefined ? [] : [textEvidence(facts, remote)]);
      report({ messageId: 'remote', verdict: 'review', data: { ...data, why }, evidence: [...login.evidence.slice(0, 2), ...where, ...permissionPath].slice(0, MAX_EVIDENCE) });
      return;
    }
    if (permissionPath.length > 0) {
      report({ messageId: 'permissionOnly', verdict: 'review', data: { ...data, path: pathNames.join(', ') }, evidence: [...login.evidence.slice(0, 2), ...permissionPath].slice(0, MAX_EVIDENCE) });
      return;
    }
    report({ messageId: 'none', verdict: 'warn', data, evidence: login.evidence.slice(0, MAX_EVIDENCE) });
  },
});

/** Collection-list terms and sharing-list terms of the RIGHTS_LISTS lexicon group. */
function isSharingList(h: TextHit): boolean {
  return /第三方|third/i.test(h.term);
}

const noPiLists = defineCheck({
  meta: {
    id: 'c06/no-pi-lists',
    title: { en: 'No personal-information collection list or third-party sharing list', zh: '缺少个人信息收集清单或第三方共享清单' },
    verdicts: ['warn', 'review'],
    needs: TEXT_NEEDS,
    docs: {
      basis: {
        en: 'MIIT 信息通信服务感知提升行动 (2021): the 个人信息收集清单 and the 与第三方共享个人信息清单 ("双清单") in a second-level menu; 工信部信管函〔2023〕26号 (已收集个人信息清单). An app that handles personal information (accounts, PI APIs or SDKs) with neither list\'s name anywhere the string index reads (the menu entries are native text even when the lists are H5 pages) does not offer them. WebView shells, packed code and text the index cannot read make it review.',
        zh: '工信部信息通信服务感知提升行动（2021）：在二级菜单中提供"个人信息收集清单"和"与第三方共享个人信息清单"（双清单）；工信部信管函〔2023〕26号（已收集个人信息清单）。应用处理个人信息（有账号、调用个人信息 API 或集成 SDK），而字符串索引读取的所有位置都没有清单名称（即使清单是 H5 页面，菜单入口也是原生文本），即未提供清单。WebView 壳、加固代码或索引无法读取的文本使结论降为待复核。',
      },
      fix: {
        en: 'Add both lists under settings → privacy (个人信息收集清单: what is collected, for what, when; 第三方共享清单: each SDK and partner, the data it receives and why) and link them from the privacy policy.',
        zh: '在设置 → 隐私中增加两份清单（个人信息收集清单：收集的信息、目的、场景；第三方共享清单：每个 SDK 与合作方、所获信息及目的），并在隐私政策中链接。',
      },
    },
    manualCheck: {
      en: 'Open settings → privacy (or the remote pages of a WebView app) and check both lists exist, are reachable in two taps, and match what the app and its SDKs collect.',
      zh: '打开设置 → 隐私（或 WebView 应用的远端页面），确认两份清单存在、两步内可达，且与应用及 SDK 实际收集的一致。',
    },
    messages: {
      missing: {
        en: 'the app handles personal information but offers no {{lists}}: none in {{sources}}',
        zh: '应用处理个人信息，但没有提供{{lists}}：{{sources}}中均未找到',
      },
      blind: {
        en: 'the app handles personal information and no {{lists}} was found in {{sources}}, but {{why}}',
        zh: '应用处理个人信息，{{sources}}中未找到{{lists}}，但{{why}}',
      },
    },
  },
  run({ facts, report, options }) {
    const lang = options.lang;
    if (facts.strings === undefined || !handlesPersonalInformation(facts)) return;
    const lists = appHits(facts, 'RIGHTS_LISTS');
    // Only the first hits are kept when a group is capped: both lists may be among the rest.
    if (lists.present && lists.hits.length === 0) return;
    const collection = lists.hits.some((h) => !isSharingList(h));
    const sharing = lists.hits.some(isSharingList);
    if (collection && sharing) return;
    const names = [
      ...(collection ? [] : [lang === 'zh' ? '个人信息收集清单' : 'personal-information collection list (个人信息收集清单)']),
      ...(sharing ? [] : [lang === 'zh' ? '第三方共享清单' : 'third-party sharing list (第三方共享清单)']),
    ].join(lang === 'zh' ? '和' : ' and ');
    const anchor = [...byOrigin(lists.hits).slice(0, 1).map((h) => textEvidence(facts, h)), policyAnchor(facts)];
    const blind = textBlindSpot(facts);
    if (blind !== undefined) {
      report({ messageId: 'blind', verdict: 'review', data: { lists: names, sources: SOURCES[lang], why: blind.why[lang] }, evidence: [...anchor, ...blind.evidence] });
    } else {
      report({ messageId: 'missing', verdict: 'warn', data: { lists: names, sources: SOURCES[lang] }, evidence: anchor });
    }
  },
});

const noHandlingTime = defineCheck({
  meta: {
    id: 'c06/no-handling-time',
    title: { en: 'No commitment to answer rights requests within 15 working days', zh: '未承诺在 15 个工作日内答复权利请求' },
    verdicts: ['review'],
    needs: TEXT_NEEDS,
    docs: {
      basis: {
        en: '认定方法 六.3 (requests to correct, delete or cancel the account, and complaints, are answered within 15 working days); PIPL Art. 50. The commitment is TIMING text (15个工作日, 十五个工作日, 15 working days) in a bundled policy or next to words about requests; "15日内退货" in a shop is a return window and does not count. Without it the commitment may still be in a remote policy, so the finding is review.',
        zh: '《认定方法》六.3（更正、删除、注销及投诉请求应在 15 个工作日内答复处理）；《个人信息保护法》第五十条。承诺即内置政策中、或请求相关文字旁的时限文本（15个工作日、十五个工作日、15 working days）；商城的"15日内退货"是退货期限，不计入。没有该文本时承诺仍可能在远端政策中，因此结论为待复核。',
      },
      fix: {
        en: 'State in the privacy policy that requests to access, correct, delete, cancel the account and complaints are answered within 15 working days, and make it true.',
        zh: '在隐私政策中写明查阅、更正、删除、注销账号及投诉请求将在 15 个工作日内答复，并切实做到。',
      },
    },
    manualCheck: {
      en: 'Read the privacy policy (bundled or remote) for a response time of at most 15 working days, then file a real request (correction or deletion) and note when it is answered.',
      zh: '阅读隐私政策（内置或远端）是否承诺不超过 15 个工作日的答复时限；再实际提交一次更正或删除请求，记录答复时间。',
    },
    messages: {
      missing: {
        en: 'the app handles personal information but no commitment to answer rights requests within 15 working days was found in {{sources}}',
        zh: '应用处理个人信息，但{{sources}}中未找到在 15 个工作日内答复权利请求的承诺',
      },
    },
  },
  run({ facts, report, options }) {
    if (facts.strings === undefined || !handlesPersonalInformation(facts) || timingCommitments(facts).length > 0) return;
    // Only the first TIMING hits are kept when the group is capped; a commitment may be among the rest.
    if (facts.strings.stats.capped.includes('TIMING')) return;
    const rights = byOrigin([...appHits(facts, 'RIGHTS_ACCESS').hits, ...appHits(facts, 'RIGHTS_WITHDRAW').hits]);
    const first = rights[0];
    report({ messageId: 'missing', verdict: 'review', data: { sources: SOURCES[options.lang] }, evidence: [first === undefined ? policyAnchor(facts) : textEvidence(facts, first)] });
  },
});

export default defineClause({
  clause: 6,
  slug: 'user-rights',
  title: {
    zh: '为用户访问、更正、删除其个人信息或撤回授权提供便捷的途径',
    en: 'Convenient ways to access, correct and delete personal information and withdraw consent',
  },
  pledge: '为用户访问、更正、删除其个人信息或撤回授权提供便捷的途径。',
  requires: ['manifest', 'resources', 'dex', 'assets'],
  checks: [noRightsPath, noPiLists, noHandlingTime],
  manualChecks: [
    {
      en: 'In the app, find the personal-information list, the third-party sharing list, and a way to withdraw consent; submit a deletion request and check it completes within 15 working days.',
      zh: '在应用内找到已收集个人信息清单、第三方共享清单和撤回同意的入口；提交删除请求并确认在 15 个工作日内完成。',
    },
  ],
});
