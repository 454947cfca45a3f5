import { defineCheck } from '../../src/engine/check.js';
import { MAX_EVIDENCE } from '../../src/facts/evidence.js';
import { loginEvidence, TEXT_NEEDS, textBlindSpot } from '../../src/facts/rights.js';
import { deletion } from '../lib/account-deletion.js';

export default defineCheck({
  meta: {
    id: 'c07/no-account-deletion',
    clause: 7,
    title: { en: 'Accounts but no way to delete one', zh: '有账号但没有注销账号的途径' },
    defaultVerdict: 'fail',
    verdicts: ['fail', 'review'],
    evidence: 'declared',
    needs: TEXT_NEEDS,
    docs: {
      basis: {
        en: '认定方法 六.1 (no way to delete the account); GB/T 35273-2020 8.5; PIPL Art. 47. An app with accounts (its own login text, a login-category SDK it uses such as carrier one-click login, or a WeChat auth request) must offer deletion, and the entry to it is text the app carries even when the deletion page itself is H5: 注销账号, 账号注销, 注销须知, Delete account, a URL or API route naming deletion. Absence from every source the string index reads (resources in every locale, layouts, DEX strings, assets including bundled H5/JS and policies, native libraries) is robust, hence FAIL. It is review when that absence cannot be trusted: a WebView shell (its pages are remote), packed code, UI text in files the index does not read (Xamarin, Unity, Cocos), or text cut at a size limit. It is review too when a sharing or login platform\'s SDK is bundled and nothing shows an account of the app\'s own (no account, password or registration text of its own, no login SDK it calls, no WeChat auth request): the login may only authorise that platform, whose account is the platform\'s to delete. Login strings that SDK code looks up by name (resources shipped with an SDK) are the SDK\'s, not the app\'s.',
        zh: '《认定方法》六.1（未提供注销账号途径）；GB/T 35273-2020 8.5；《个人信息保护法》第四十七条。有账号的应用（自身的登录文本、所用的登录类 SDK 如运营商一键登录，或微信授权请求）必须提供注销；即使注销页面本身是 H5，其入口也是应用携带的文本：注销账号、账号注销、注销须知、Delete account，或指向注销的 URL、接口路径。在字符串索引读取的所有位置（各语言资源、布局、DEX 字符串、含内置 H5/JS 和政策的 assets、原生库）都不存在，这一结论是可靠的，因此为 FAIL。若该"不存在"不可信则为待复核：WebView 壳（页面在远端）、加固代码、界面文本位于索引未读取的文件中（Xamarin、Unity、Cocos），或文本因大小限制被截断。集成了分享或登录平台的 SDK、而没有任何迹象表明应用有自己的账号（没有自身的账号、密码或注册文本，没有调用登录 SDK，也没有微信授权请求）时同样为待复核：登录可能只是向该平台授权，该平台的账号应由平台提供注销。由 SDK 代码按名称查找的登录字符串（随 SDK 提供的资源）属于 SDK，而非应用。',
      },
      fix: {
        en: 'Add 注销账号 to the account or settings screen, with a notice of the consequences (注销须知), no conditions beyond identity verification the account already uses, and completion within 15 working days.',
        zh: '在账号或设置页面增加"注销账号"，附注销须知，不设置账号既有身份验证以外的条件，并在 15 个工作日内完成注销。',
      },
    },
    manualCheck: {
      en: 'Log in and look for account deletion (settings, account and security, the remote pages of the app); delete a test account and check it cannot log in again.',
      zh: '登录后查找注销账号入口（设置、账号与安全、应用的远端页面）；注销测试账号，确认无法再次登录。',
    },
  },
  messages: {
    none: {
      en: 'the app has accounts ({login:items}) but no way to delete one: no account-deletion text, URL or API route in {sources:term}',
      zh: '应用有账号（{login:items}），但没有注销账号的途径：{sources:term}中没有注销相关的文本、URL 或接口路径',
    },
    platformOnly: {
      en: 'every login found names another platform ({login:items}) and no account-deletion text, URL or API route is in {sources:term}: if the app keeps no account of its own (the login only authorises that platform, for sharing), there is nothing to delete; if it does, a way to delete the account is missing',
      zh: '找到的登录均指向其他平台（{login:items}），{sources:term}中也没有注销相关的文本、URL 或接口路径：如果应用不保留自己的账号（登录只是为分享向该平台授权），则无账号可注销；如果保留，则缺少注销途径',
    },
    noOwnAccount: {
      en: 'the app has login text ({login:items}) and bundles the SDK of a sharing or login platform, but nothing shows an account of its own (no account, password or registration text of its own, no login SDK it calls), and no account-deletion text, URL or API route is in {sources:term}: if the login only authorises that platform, there is nothing to delete; if the app keeps accounts, a way to delete them is missing',
      zh: '应用有登录文本（{login:items}），并集成了分享或登录平台的 SDK，但没有任何迹象表明它有自己的账号（没有自身的账号、密码或注册文本，也没有调用登录 SDK），{sources:term}中也没有注销相关的文本、URL 或接口路径：如果登录只是向该平台授权，则无账号可注销；如果应用保留账号，则缺少注销途径',
    },
    blind: {
      en: 'the app has accounts ({login:items}) and no account-deletion text, URL or API route was found in {sources:term}, but {why:reason}; the deletion page may be there',
      zh: '应用有账号（{login:items}），{sources:term}中未找到注销相关的文本、URL 或接口路径，但{why:reason}；注销页面可能在其中',
    },
  },
  *check({ facts }) {
    const login = loginEvidence(facts);
    if (facts.strings === undefined || login === undefined || deletion(facts).present) return;
    const data = { login: login.items, sources: 'textSourcesFull' };
    const blind = textBlindSpot(facts);
    if (blind !== undefined) {
      yield { messageId: 'blind', verdict: 'review', data: { ...data, ...blind.data, why: blind.code }, evidence: [...login.evidence, ...blind.evidence].slice(0, MAX_EVIDENCE) };
    } else if (login.thirdPartyOnly) {
      yield { messageId: 'platformOnly', verdict: 'review', data, evidence: login.evidence.slice(0, MAX_EVIDENCE) };
    } else if (login.noOwnAccount) {
      yield { messageId: 'noOwnAccount', verdict: 'review', data, evidence: login.evidence.slice(0, MAX_EVIDENCE) };
    } else {
      yield { messageId: 'none', verdict: 'fail', data, evidence: login.evidence.slice(0, MAX_EVIDENCE) };
    }
  },
});
