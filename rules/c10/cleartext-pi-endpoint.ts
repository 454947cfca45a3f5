import { defineCheck } from '../../src/engine/check.js';
import { descriptorToClassName } from '../../src/facts/app-facts.js';
import { MAX_EVIDENCE } from '../../src/facts/evidence.js';
import type { ExtractedValue } from '../../src/facts/strings/types.js';
import { ownerKey, type Owner } from '../../src/model/index.js';
import { groupBy } from '../lib/group-by.js';

// Words of paths and parameters that name personal information or credentials (CLAUSES.md clause
// 10). A word says what an address names, not what a request carries: the message quotes the
// words and claims no more (whether code sends PI there is not followed).
const PI_URL_WORD = /(?<=\/|[?&=_-])(login|logon|signin|sign_in|register|signup|user|users|account|member|profile|passport|auth|oauth|token|passw(?:or)?d|pwd|pay|payment|sms|phone|imei|imsi|device_?id|deviceid|android_?id|oaid|idfa|location|gps|idcard|id_card|realname|contacts?)(?=[/?&=_.-]|$)/gi;
// Words that name PI only as a parameter (`?mobile=`, `&lat=`): as a path segment they name a
// platform or a catalogue (`/mobile/api`, `/mac/download`).
const PI_PARAM_WORD = /(?<=[?&])(mobile|tel|mac|lat|lng|lon)(?==)/gi;
const SHOWN_WORDS = 6;

/** The words of an http:// URL's path and query that name PI or credentials, lower-cased. */
export function piWords(url: string): string[] {
  const rest = url.replace(/^http:\/\/[^/?#]+/i, '');
  return [...rest.matchAll(PI_URL_WORD), ...rest.matchAll(PI_PARAM_WORD)].map((m) => (m[1] ?? '').toLowerCase());
}
// Hosts a device never reaches over a network, and XML namespace URIs that are names, not endpoints.
const NOT_AN_ENDPOINT = /^http:\/\/(localhost|127\.|10\.|192\.168\.|0\.0\.0\.0|\[::1\]|schemas\.android\.com|www\.w3\.org|ns\.adobe\.com|xmlpull\.org|www\.apache\.org)/i;
/** Hosts and URLs named in the message; the evidence lists the rest. */
const SHOWN_HOSTS = 5;
const SHOWN_URLS = 3;

export default defineCheck({
  meta: {
    id: 'c10/cleartext-pi-endpoint',
    clause: 10,
    title: { en: 'Plain-HTTP addresses that name personal information or credentials', zh: '明文 HTTP 地址涉及个人信息或凭据' },
    defaultVerdict: 'warn',
    verdicts: ['warn'],
    evidence: 'declared',
    needs: ['resources', 'dex', 'assets'],
    docs: {
      basis: {
        en: 'PIPL Art. 51 (encryption and other security measures); GB/T 35273-2020 6.3 (transmission of personal information). An http:// endpoint whose path or query names a login, account, payment, phone number, device identifier or location travels unencrypted and can be read or altered on the network.',
        zh: '《个人信息保护法》第五十一条（加密等安全技术措施）；GB/T 35273-2020 6.3（个人信息的传输）。路径或参数涉及登录、账户、支付、手机号、设备标识或位置的 http:// 接口以明文传输，可在网络上被窃听或篡改。',
      },
      fix: { en: 'Serve these endpoints over HTTPS only and remove the http:// URLs; block cleartext with the network security config.', zh: '这些接口仅使用 HTTPS，删除 http:// 地址，并在网络安全配置中禁止明文流量。' },
    },
  },
  messages: {
    http: {
      en: '{owner:owner} holds {count} plain-HTTP URL(s) whose path or query names {words:quote} ({hosts}): {urls}',
      zh: '{owner:owner}含 {count} 个明文 HTTP 地址，其路径或参数含 {words:quote} 字样（{hosts}）：{urls}',
    },
  },
  *check({ facts }) {
    const urls = (facts.strings?.urls() ?? []).filter((u) => /^http:\/\//i.test(u.value) && !NOT_AN_ENDPOINT.test(u.value) && piWords(u.value).length > 0);
    // One finding per holder of the URLs (the app, or an SDK whose code carries them).
    const ownerOf = (u: ExtractedValue): Owner | undefined => (u.location.kind === 'dex' ? facts.ownerOfClass(descriptorToClassName(u.location.method.slice(0, u.location.method.indexOf('->')))) : undefined);
    for (const [owner, group] of groupBy(urls, (u) => ownerKey(ownerOf(u)))) {
      const distinct = [...new Set(group.map((u) => u.value))];
      const hosts = [...new Set(distinct.map((u) => /^http:\/\/([^/?#:]+)/i.exec(u)?.[1]?.toLowerCase() ?? u))];
      const holder = ownerOf(group[0] as ExtractedValue);
      const words = [...new Set(distinct.flatMap(piWords))];
      yield {
        messageId: 'http',
        verdict: 'warn',
        data: { count: distinct.length, owner, words: words.length > SHOWN_WORDS ? [...words.slice(0, SHOWN_WORDS), '…'] : words, hosts: hosts.length > SHOWN_HOSTS ? [...hosts.slice(0, SHOWN_HOSTS), '…'] : hosts, urls: distinct.slice(0, SHOWN_URLS) },
        evidence: group.slice(0, MAX_EVIDENCE).map((u) => ({ location: u.location, detail: u.value, ...(holder === undefined ? {} : { owner: holder }) })),
      };
    }
  },
});
