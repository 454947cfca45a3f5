import { defineCheck } from '../../src/engine/check.js';
import type { AppFacts } from '../../src/facts/app-facts.js';
import { descriptorToClassName } from '../../src/facts/app-facts.js';
import { MAX_EVIDENCE, siteEvidence, textEvidence } from '../../src/facts/evidence.js';
import { appHits, byOrigin, loginEvidence, remotePolicy, TEXT_NEEDS, textBlindSpot } from '../../src/facts/rights.js';
import type { Evidence } from '../../src/model/index.js';

/**
 * Terms that name a way to switch off system permissions, not to withdraw consent to the
 * processing itself (PIPL Art. 15) or to access, correct or delete data (Arts. 44–47).
 */
const PERMISSION_ONLY = new Set(['权限管理', '權限管理', '系统权限设置', '系統權限設置', 'manage permissions']);

/** Settings.ACTION_APPLICATION_DETAILS_SETTINGS, inlined by the compiler as a const-string. */
const APP_DETAILS_SETTINGS = 'android.settings.APPLICATION_DETAILS_SETTINGS';
/** The same as the API names it, for the message. */
const APP_DETAILS_API = 'Settings.ACTION_APPLICATION_DETAILS_SETTINGS';

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
    .map((s) => ({ ...siteEvidence(facts, s, `const-string "${APP_DETAILS_SETTINGS}"`), note: { id: 'system-permission-page' } }));
}

export default defineCheck({
  meta: {
    id: 'c06/no-rights-path',
    clause: 6,
    title: { en: 'No way to withdraw consent or to access, correct or delete personal information', zh: '没有撤回同意或查阅、更正、删除个人信息的途径' },
    defaultVerdict: 'warn',
    verdicts: ['warn', 'review'],
    evidence: 'declared',
    needs: TEXT_NEEDS,
    docs: {
      basis: {
        en: 'PIPL Art. 15 (consent can be withdrawn, by a convenient way), Arts. 44–47 (access, copy, correction, deletion) and Art. 50 (a convenient mechanism for requests); 认定方法 三.8 (no way to withdraw consent) and 六 (no way to correct or delete). An app with accounts (login text, a login SDK, a WeChat auth request) and no rights text anywhere the string index reads (撤回同意, 隐私设置, 删除个人信息, 更正个人信息, 修改资料, Withdraw consent, Download my data…) gives users no way in. A jump to the system permission page (Settings.ACTION_APPLICATION_DETAILS_SETTINGS) or a 权限管理 screen switches off permissions, not consent to the processing under the policy, so it only lowers the finding to review. When the policy is only a link to a web page, or the app is a WebView shell, the rights may live in that remote H5: review, not warn; the same when the text cannot all be read (packed code, UI text in files the index does not read, text cut at a size limit). Login strings that an SDK\'s code looks up by name, or named after a found SDK\'s package, are the SDK\'s (a share SDK\'s sign-in form to another platform), not accounts of the app; a login SDK is shown where the app\'s code calls it, since the accounts and the rights owed are the app\'s.',
        zh: '《个人信息保护法》第十五条（可撤回同意，且应提供便捷方式）、第四十四至四十七条（查阅、复制、更正、删除）和第五十条（便捷的申请受理机制）；《认定方法》三.8（未提供撤回同意的途径）和六（未提供更正、删除途径）。应用有账号（登录文本、登录 SDK、微信授权请求），而在字符串索引读取的所有位置都没有权利相关文本（撤回同意、隐私设置、删除个人信息、更正个人信息、修改资料等），用户就没有行使权利的入口。跳转系统权限页（Settings.ACTION_APPLICATION_DETAILS_SETTINGS）或"权限管理"页面只能关闭权限，不能撤回对隐私政策所述处理的同意，因此只把结论降为待复核。若隐私政策只是网页链接，或应用是 WebView 壳，权利入口可能在远端 H5 中：结论为待复核而非警告；文本无法完整读取时（加固代码、界面文本位于索引未读取的文件中、文本因大小限制被截断）同样如此。由 SDK 代码按名称查找的登录字符串，或以已发现 SDK 包名命名的资源，属于该 SDK（例如分享 SDK 登录其他平台的表单），不表明应用有账号；登录 SDK 以应用代码调用它的位置为证据，因为账号及其所负的义务属于应用。',
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
  },
  messages: {
    none: {
      en: 'the app has accounts ({login:items}) but no way to withdraw consent or to access, correct or delete personal information: none in {sources:term}',
      zh: '应用有账号（{login:items}），但没有撤回同意或查阅、更正、删除个人信息的途径：{sources:term}中均未找到',
    },
    platformOnly: {
      en: 'every login found names another platform ({login:items}) and no way to withdraw consent or to access, correct or delete personal information is in {sources:term}: whether the app keeps accounts and personal information of its own, beyond that platform\'s authorisation, cannot be told from the APK',
      zh: '找到的登录均指向其他平台（{login:items}），{sources:term}中也没有撤回同意或查阅、更正、删除个人信息的途径：应用除该平台的授权外是否保留自己的账号和个人信息，无法从安装包判断',
    },
    permissionOnly: {
      en: 'the app has accounts ({login:items}); the only rights path found switches off system permissions ({path:items}): no way to withdraw consent to the policy or to access, correct or delete personal information in {sources:term}',
      zh: '应用有账号（{login:items}）；找到的唯一权利入口只能关闭系统权限（{path:items}）：{sources:term}中没有撤回对隐私政策的同意或查阅、更正、删除个人信息的途径',
    },
    remote: {
      en: 'the app has accounts ({login:items}) and no rights text (withdraw consent, access, correct, delete) in {sources:term}, but the privacy policy is only a link to {url}; the rights may be on that page',
      zh: '应用有账号（{login:items}），{sources:term}中没有权利相关文本（撤回同意、查阅、更正、删除），但隐私政策只有远端链接 {url}；权利入口可能在该页面中',
    },
    blind: {
      en: 'the app has accounts ({login:items}) and no rights text (withdraw consent, access, correct, delete) was found in {sources:term}, but {why:reason}; the rights may be in what could not be read',
      zh: '应用有账号（{login:items}），{sources:term}中未找到权利相关文本（撤回同意、查阅、更正、删除），但{why:reason}；权利入口可能在无法读取的内容中',
    },
  },
  *check({ facts }) {
    const login = loginEvidence(facts);
    if (facts.strings === undefined || login === undefined) return;
    const withdraw = appHits(facts, 'RIGHTS_WITHDRAW');
    const access = appHits(facts, 'RIGHTS_ACCESS');
    const consentTerms = withdraw.hits.filter((h) => !PERMISSION_ONLY.has(h.term));
    if (access.present || consentTerms.length > 0 || (withdraw.present && withdraw.hits.length === 0)) return;
    // What is left is a way to switch off permissions, if anything.
    const links = permissionSettingsLinks(facts);
    const permissionPath: Evidence[] = [...byOrigin(withdraw.hits).slice(0, 2).map((h) => textEvidence(facts, h)), ...links];
    const path = [...new Set(withdraw.hits.map((h) => `quote:${h.term}`)), ...(links.length > 0 ? [APP_DETAILS_API] : [])];
    const data = { login: login.items, sources: 'textSourcesFull' };
    const accounts = login.evidence.slice(0, 2);
    const blind = textBlindSpot(facts);
    if (blind !== undefined) {
      yield { messageId: 'blind', verdict: 'review', data: { ...data, ...blind.data, why: blind.code }, evidence: [...accounts, ...blind.evidence, ...permissionPath].slice(0, MAX_EVIDENCE) };
      return;
    }
    const remote = remotePolicy(facts);
    if (remote !== undefined) {
      yield { messageId: 'remote', verdict: 'review', data: { ...data, url: remote.value }, evidence: [...accounts, textEvidence(facts, remote), ...permissionPath].slice(0, MAX_EVIDENCE) };
      return;
    }
    if (permissionPath.length > 0) {
      yield { messageId: 'permissionOnly', verdict: 'review', data: { ...data, path }, evidence: [...accounts, ...permissionPath].slice(0, MAX_EVIDENCE) };
      return;
    }
    if (login.thirdPartyOnly) yield { messageId: 'platformOnly', verdict: 'review', data, evidence: login.evidence.slice(0, MAX_EVIDENCE) };
    else yield { messageId: 'none', verdict: 'warn', data, evidence: login.evidence.slice(0, MAX_EVIDENCE) };
  },
});
