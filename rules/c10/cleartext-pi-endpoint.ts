import { defineCheck } from '../../src/engine/check.js';
import { descriptorToClassName } from '../../src/facts/app-facts.js';
import { MAX_EVIDENCE } from '../../src/facts/evidence.js';
import type { ExtractedValue } from '../../src/facts/strings/types.js';
import { ownerKey, type Owner } from '../../src/model/index.js';
import { groupBy } from '../lib/group-by.js';

// Paths and parameters that carry personal information or credentials (CLAUSES.md clause 10).
const PI_URL_PART = /(\/|[?&=_-])(login|logon|signin|sign_in|register|signup|user|users|account|member|profile|passport|auth|oauth|token|passw(or)?d|pwd|pay|payment|order|sms|phone|mobile|tel|imei|imsi|device_?id|deviceid|android_?id|oaid|idfa|mac|location|lat|lng|lon|gps|idcard|id_card|realname|contacts?)([/?&=_.-]|$)/i;
// Hosts a device never reaches over a network, and XML namespace URIs that are names, not endpoints.
const NOT_AN_ENDPOINT = /^http:\/\/(localhost|127\.|10\.|192\.168\.|0\.0\.0\.0|\[::1\]|schemas\.android\.com|www\.w3\.org|ns\.adobe\.com|xmlpull\.org|www\.apache\.org)/i;
/** Hosts and URLs named in the message; the evidence lists the rest. */
const SHOWN_HOSTS = 5;
const SHOWN_URLS = 3;

export default defineCheck({
  meta: {
    id: 'c10/cleartext-pi-endpoint',
    clause: 10,
    title: { en: 'Personal information sent over plain HTTP', zh: '通过明文 HTTP 传输个人信息' },
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
      en: '{owner:owner} holds {count} plain-HTTP URL(s) that carry personal information or credentials ({hosts}): {urls}',
      zh: '{owner:owner}含 {count} 个传输个人信息或凭据的明文 HTTP 地址（{hosts}）：{urls}',
    },
  },
  *check({ facts }) {
    const urls = (facts.strings?.urls() ?? []).filter((u) => /^http:\/\//i.test(u.value) && !NOT_AN_ENDPOINT.test(u.value) && PI_URL_PART.test(u.value.replace(/^http:\/\/[^/?#]+/i, '')));
    // One finding per holder of the URLs (the app, or an SDK whose code carries them).
    const ownerOf = (u: ExtractedValue): Owner | undefined => (u.location.kind === 'dex' ? facts.ownerOfClass(descriptorToClassName(u.location.method.slice(0, u.location.method.indexOf('->')))) : undefined);
    for (const [owner, group] of groupBy(urls, (u) => ownerKey(ownerOf(u)))) {
      const distinct = [...new Set(group.map((u) => u.value))];
      const hosts = [...new Set(distinct.map((u) => /^http:\/\/([^/?#:]+)/i.exec(u)?.[1]?.toLowerCase() ?? u))];
      const holder = ownerOf(group[0] as ExtractedValue);
      yield {
        messageId: 'http',
        verdict: 'warn',
        data: { count: distinct.length, owner, hosts: hosts.length > SHOWN_HOSTS ? [...hosts.slice(0, SHOWN_HOSTS), '…'] : hosts, urls: distinct.slice(0, SHOWN_URLS) },
        evidence: group.slice(0, MAX_EVIDENCE).map((u) => ({ location: u.location, detail: u.value, ...(holder === undefined ? {} : { owner: holder }) })),
      };
    }
  },
});
