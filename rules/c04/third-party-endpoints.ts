import { defineCheck } from '../../src/engine/check.js';
import type { AppFacts } from '../../src/facts/app-facts.js';
import { MAX_EVIDENCE, textEvidence } from '../../src/facts/evidence.js';
import type { ExtractedValue } from '../../src/facts/strings/types.js';
import { ADS_ANALYTICS } from '../lib/sdk-categories.js';

const HOST = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)/i;

export default defineCheck({
  meta: {
    id: 'c04/third-party-endpoints',
    clause: 4,
    title: { en: 'Endpoints of ad and tracking vendors in the app', zh: '应用中含广告与追踪厂商的接口地址' },
    defaultVerdict: 'review',
    verdicts: ['review'],
    evidence: 'declared',
    needs: ['resources', 'dex', 'assets'],
    docs: {
      basis: {
        en: 'PIPL Art. 23 (separate consent to provide personal information to another processor); 认定方法 五.1 (provided to third parties through embedded code). URLs whose host belongs to an ads, attribution or analytics vendor (the Exodus network signatures in the SDK catalogue) are where data can leave for that vendor.',
        zh: '《个人信息保护法》第二十三条（向他人提供个人信息需单独同意）；《认定方法》五.1（通过嵌入的第三方代码向他人提供）。主机属于广告、归因或统计厂商的 URL（SDK 目录中的 Exodus 网络特征）即数据可能流向该厂商之处。',
      },
      fix: {
        en: "Name each vendor, its purpose and the data sent in the privacy policy's third-party list, and send personal information only after a separate consent.",
        zh: '在隐私政策的第三方清单中写明各厂商、目的及发送的数据，并在取得单独同意后才发送个人信息。',
      },
    },
    manualCheck: {
      en: "Capture the app's traffic (e.g. with a proxy) from first launch and check which of these hosts receive identifiers, location or the app list, and whether before consent.",
      zh: '从首次启动开始抓包（如使用代理），检查这些主机是否收到标识符、位置或应用列表，以及是否发生在同意之前。',
    },
  },
  messages: {
    hosts: {
      en: '{count} endpoint(s) of {sdk:sdk}: {hosts}',
      zh: '{sdk:sdk}的接口地址 {count} 个：{hosts}',
    },
  },
  *check({ facts }) {
    const urls = facts.strings?.urls() ?? [];
    if (urls.length === 0) return;
    const vendors = vendorMatchers(facts);
    const byVendor = new Map<string, ExtractedValue[]>();
    for (const u of urls) {
      const host = HOST.exec(u.value)?.[1]?.toLowerCase();
      if (host === undefined) continue;
      const sdk = vendors.of(host);
      if (sdk === undefined) continue;
      const hits = byVendor.get(sdk) ?? [];
      hits.push(u);
      byVendor.set(sdk, hits);
    }
    for (const [sdk, hits] of byVendor) {
      const hosts = [...new Set(hits.map((h) => HOST.exec(h.value)?.[1] ?? h.value))];
      yield { messageId: 'hosts', verdict: 'review', data: { count: hits.length, sdk, hosts: hosts.slice(0, 5) }, evidence: hits.slice(0, MAX_EVIDENCE).map((h) => textEvidence(facts, h)) };
    }
  },
});

/** Which ad/tracker vendor (SDK catalogue id) a host belongs to: literal domains by suffix, the rest by regex. */
interface VendorIndex {
  of(host: string): string | undefined;
}

let vendorCache: VendorIndex | undefined;

/**
 * Host signatures (Exodus network signatures) of the catalogue's ads, attribution and analytics
 * SDKs. Most are a domain written as a regex (`\\.umeng\\.com`, `.*\\.jiguang\\.cn`): those become
 * a suffix table, so a URL costs one lookup per label instead of hundreds of regex tests; the few
 * real patterns (`mt[0-9]*\\.google\\.cn`) stay regexes, searched in the host as Exodus does.
 */
function vendorMatchers(facts: AppFacts): VendorIndex {
  if (vendorCache !== undefined) return vendorCache;
  const bySuffix = new Map<string, string>();
  const patterns: { re: RegExp; sdk: string }[] = [];
  for (const s of facts.catalogue.sdks) {
    if (!ADS_ANALYTICS.has(s.category)) continue;
    for (const sig of s.network) {
      const literal = sig.replace(/^(\.\*)?(\\)?\.?/, '').replace(/\\([.-])/g, '$1').toLowerCase();
      if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(literal)) {
        if (!bySuffix.has(literal)) bySuffix.set(literal, s.id);
        continue;
      }
      try {
        patterns.push({ re: new RegExp(sig, 'i'), sdk: s.id });
      } catch {
        // A signature that is not a valid JavaScript regex is skipped rather than guessed at.
      }
    }
  }
  vendorCache = {
    of(host) {
      for (let i = -1; i < host.length; i = host.indexOf('.', i + 1)) {
        const hit = bySuffix.get(host.slice(i + 1));
        if (hit !== undefined) return hit;
        if (host.indexOf('.', i + 1) < 0) break;
      }
      return patterns.find((p) => p.re.test(host))?.sdk;
    },
  };
  return vendorCache;
}
