import { defineCheck } from '../../src/engine/check.js';
import { sdkEvidence, textEvidence } from '../../src/facts/evidence.js';
import type { SdkFinding } from '../../src/facts/sdk-inventory.js';
import { anyPolicyUrls, privacyPolicyDocs } from '../../src/facts/text.js';

// Words that name no vendor on their own (an SDK called "Push" is not named by "push").
const GENERIC = new Set(['sdk', 'mobile', 'push', 'analytics', 'ads', 'map', 'maps', 'location', 'share', 'login', 'pay', 'android', 'app', 'open', 'cloud', 'services', 'service', 'the']);

/** Ways a privacy policy may name an SDK: its names and vendor (Chinese and English) and packages. */
function namesOf(f: SdkFinding): string[] {
  const r = f.record;
  // "友盟+" is written "友盟" in policies; a name's parenthesis is an alias ("(U-App)"), a
  // vendor's is its parent company ("(Alibaba)"), which names nothing in particular.
  const bare = (s: string): string => s.replace(/[（(].*?[)）]/g, '').replace(/[+＋]+$/, '').trim();
  const name = (s: string | undefined): string[] => (s === undefined ? [] : [bare(s), ...[...s.matchAll(/[（(](.*?)[)）]/g)].map((m) => m[1] ?? '')]);
  const vendor = (s: string | undefined): string[] => (s === undefined ? [] : [bare(s)]);
  const words = bare(r.name.en).split(/[\s/]+/).filter((w) => w.length >= 4 && !GENERIC.has(w.toLowerCase()));
  return [...name(r.name.en), ...name(r.name.zh), ...vendor(r.vendor.en), ...vendor(r.vendor.zh), ...words.slice(0, 1), ...r.packages]
    .map((n) => n.toLowerCase().replace(/\s+/g, ''))
    .filter((n) => n.length >= 2 && !GENERIC.has(n));
}

export default defineCheck({
  meta: {
    id: 'c09/sdk-not-in-policy',
    clause: 9,
    title: { en: 'SDK not named in the privacy policy', zh: '隐私政策未列明的 SDK' },
    defaultVerdict: 'warn',
    verdicts: ['warn', 'review'],
    evidence: 'declared',
    needs: ['dex', 'assets', 'resources'],
    docs: {
      basis: {
        en: '认定方法 二.1 ("未逐一列出App（包括委托的第三方或嵌入的第三方代码、插件）收集使用个人信息的目的、方式、范围"); the MIIT 双清单 (third-party sharing list). Each detected SDK is looked for, by its Chinese and English names, vendor and package, in the privacy policy bundled with the app; when the policy is only a link, the comparison is for review.',
        zh: '《认定方法》二.1（未逐一列出App（包括委托的第三方或嵌入的第三方代码、插件）收集使用个人信息的目的、方式、范围）；工信部"双清单"（第三方共享清单）。按中英文名称、厂商和包名在应用内置的隐私政策中查找每个检测到的 SDK；政策仅以链接提供时，需人工比对。',
      },
      fix: {
        en: "Name every SDK in the policy's third-party SDK list with its vendor, purpose, the data it collects and a link to its own policy.",
        zh: '在隐私政策的第三方 SDK 目录中列明每个 SDK 的厂商、用途、收集的信息及其隐私政策链接。',
      },
    },
    manualCheck: {
      en: "Open the linked privacy policy and check each listed SDK is named in its third-party SDK list with purpose, data and a link to the SDK's own policy.",
      zh: '打开链接的隐私政策，检查所列每个 SDK 是否在第三方 SDK 目录中列明用途、信息种类及其隐私政策链接。',
    },
  },
  messages: {
    unnamed: {
      en: '{sdk:sdk} is bundled but {entry} does not name it (looked for {names})',
      zh: '集成了{sdk:sdk}，但 {entry} 未提及（查找了 {names}）',
    },
    remote: {
      en: 'the privacy policy is only linked ({url}): check that it names {sdks:sdk}',
      zh: '隐私政策仅以链接提供（{url}）：请核对其是否列明{sdks:sdk}',
    },
  },
  *check({ facts }) {
    const sdks = facts.sdks;
    if (sdks.length === 0) return;
    const docs = privacyPolicyDocs(facts);
    if (docs.length === 0) {
      const url = anyPolicyUrls(facts)[0];
      if (url !== undefined) yield { messageId: 'remote', verdict: 'review', data: { url: url.value, sdks: sdks.map((f) => f.record.id) }, evidence: [textEvidence(facts, url)] };
      return;
    }
    const text = docs.map((d) => d.text.toLowerCase().replace(/\s+/g, '')).join('\n');
    const doc = docs[0] as (typeof docs)[number];
    for (const f of sdks) {
      const names = namesOf(f);
      if (names.some((n) => text.includes(n))) continue;
      yield {
        messageId: 'unnamed',
        verdict: 'warn',
        data: { sdk: f.record.id, entry: doc.entry, names: names.slice(0, 4) },
        evidence: [...sdkEvidence(facts, f).slice(0, 1), { location: doc.location, detail: doc.text.slice(0, 80), note: { id: 'bundled-policy' } }],
      };
    }
  },
});
