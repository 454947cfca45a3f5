import { defineCheck } from '../../src/engine/check.js';
import { textEvidence } from '../../src/facts/evidence.js';
import { appHits, byOrigin, handlesPersonalInformation, policyAnchor, TEXT_NEEDS, textBlindSpot } from '../../src/facts/rights.js';
import type { TextHit } from '../../src/facts/strings/types.js';

/** Collection-list terms and sharing-list terms of the RIGHTS_LISTS lexicon group. */
function isSharingList(h: TextHit): boolean {
  return /第三方|third/i.test(h.term);
}

export default defineCheck({
  meta: {
    id: 'c06/no-pi-lists',
    clause: 6,
    title: { en: 'No personal-information collection list or third-party sharing list', zh: '缺少个人信息收集清单或第三方共享清单' },
    defaultVerdict: 'warn',
    verdicts: ['warn', 'review'],
    evidence: 'declared',
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
  },
  messages: {
    missing: {
      en: 'the app handles personal information but does not offer these lists: {lists:term}; none was found in {sources:term}',
      zh: '应用处理个人信息，但未提供以下清单：{lists:term}；{sources:term}中均未找到',
    },
    blind: {
      en: 'the app handles personal information and these lists were not found in {sources:term}: {lists:term}; but {why:reason}, so they may be in what could not be read',
      zh: '应用处理个人信息，{sources:term}中未找到以下清单：{lists:term}；但{why:reason}，清单可能在无法读取的内容中',
    },
  },
  *check({ facts }) {
    if (facts.strings === undefined || !handlesPersonalInformation(facts)) return;
    const lists = appHits(facts, 'RIGHTS_LISTS');
    // Only the first hits are kept when a group is capped: both lists may be among the rest.
    if (lists.present && lists.hits.length === 0) return;
    const collection = lists.hits.some((h) => !isSharingList(h));
    const sharing = lists.hits.some(isSharingList);
    if (collection && sharing) return;
    const missing = [...(collection ? [] : ['piList:collection']), ...(sharing ? [] : ['piList:sharing'])];
    const data = { lists: missing, sources: 'textSourcesFull' };
    const anchor = [...byOrigin(lists.hits).slice(0, 1).map((h) => textEvidence(facts, h)), policyAnchor(facts)];
    const blind = textBlindSpot(facts);
    if (blind !== undefined) {
      yield { messageId: 'blind', verdict: 'review', data: { ...data, ...blind.data, why: blind.code }, evidence: [...anchor, ...blind.evidence] };
    } else {
      yield { messageId: 'missing', verdict: 'warn', data, evidence: anchor };
    }
  },
});
