import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analysePolicy, decodePolicyBytes, identifyingNames, MAX_QUOTE, policyLexicon, readPolicyFile, type PolicyText } from '../../src/facts/policy.js';
import { piTable } from '../../src/facts/pi-table.js';
import { loadCatalogue } from '../../src/sdk/catalogue.js';
import { isPledgeError } from '../../src/util/errors.js';
import { policyFixture } from '../helpers/policies.js';

const work = mkdtempSync(join(tmpdir(), 'pledge-policy-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function text(t: string): PolicyText {
  return { origin: 'file', entry: 'p.txt', location: { kind: 'file', entry: 'p.txt' }, text: t };
}

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return isPledgeError(e) ? e.code : `not a PledgeError: ${String(e)}`;
  }
  return undefined;
}

describe('readPolicyFile', () => {
  it('reads .txt, .md and .html; HTML loses its markup, script and style, and keeps its lines', () => {
    const html = policyFixture('demo-shop-complete.en.html');
    expect(html.origin).toBe('file');
    expect(html.entry).toBe('demo-shop-complete.en.html');
    expect(html.text).not.toContain('<p>');
    expect(html.text).not.toContain('WeChat');
    expect(html.text).not.toContain('font-family');
    expect(html.text).toContain('Umeng Analytics & Umeng Common SDK');
    expect(html.text.split('\n').findIndex((l) => l.includes('Information we collect'))).toBe(9);
    expect(policyFixture('demo-shop-complete.zh.md').text).toContain('第三方 SDK 目录');
  });

  it('decodes UTF-8 with a BOM, UTF-16 with a BOM and GB18030', () => {
    const s = '隐私政策：我们收集您的位置信息。';
    expect(decodePolicyBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s)]))).toBe(s);
    expect(decodePolicyBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]))).toBe(s);
    const be = Buffer.from(s, 'utf16le');
    be.swap16();
    expect(decodePolicyBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toBe(s);
    // "位置" in GB18030/GBK.
    expect(decodePolicyBytes(Buffer.from([0xce, 0xbb, 0xd6, 0xc3]))).toBe('位置');
  });

  it('refuses what is not text: NUL bytes, bytes no supported encoding reads, odd UTF-16, lone surrogates', () => {
    expect(decodePolicyBytes(Buffer.from('abc\u0000def'))).toBeUndefined();
    expect(decodePolicyBytes(Buffer.from([0x81, 0x30, 0xff, 0xff]))).toBeUndefined();
    expect(decodePolicyBytes(Buffer.from([0xff, 0xfe, 0x41]))).toBeUndefined();
    expect(decodePolicyBytes(Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]))).toBeUndefined();
  });

  it('every bad file is one clean PledgeError code', () => {
    const w = (name: string, data: string | Buffer): string => {
      const p = join(work, name);
      writeFileSync(p, data);
      return p;
    };
    mkdirSync(join(work, 'dir.txt'));
    expect(codeOf(() => readPolicyFile(join(work, 'missing.txt')))).toBe('E_POLICY_UNREADABLE');
    expect(codeOf(() => readPolicyFile(join(work, 'dir.txt')))).toBe('E_POLICY_UNREADABLE');
    expect(codeOf(() => readPolicyFile(w('policy.pdf', '%PDF-1.4')))).toBe('E_POLICY_UNSUPPORTED');
    expect(codeOf(() => readPolicyFile(w('noext', 'text')))).toBe('E_POLICY_UNSUPPORTED');
    expect(codeOf(() => readPolicyFile(w('binary.txt', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))))).toBe('E_POLICY_INVALID');
    expect(codeOf(() => readPolicyFile(w('latin1.txt', Buffer.from([0x81, 0x30, 0xff, 0xff]))))).toBe('E_POLICY_INVALID');
    expect(codeOf(() => readPolicyFile(w('empty.html', '<html><script>var a = "隐私政策";</script></html>')))).toBe('E_POLICY_INVALID');
    expect(codeOf(() => readPolicyFile(w('blank.md', ' \n\t\n')))).toBe('E_POLICY_INVALID');
    // The message names the file as the user gave it, escaped.
    try {
      readPolicyFile(join(work, 'missing.txt'), 'bad\u001b[31m.txt');
    } catch (e) {
      expect(String((e as Error).message)).not.toContain('\u001b');
    }
  });
});

describe('the policy lexicon (rules/data/policy-terms.json)', () => {
  it('maps terms only to PI kinds the facts use, and covers the kinds of the issue', () => {
    const known = Object.keys(piTable().kinds);
    const kinds = policyLexicon().kinds.map((k) => k.kind);
    for (const k of kinds) expect(known).toContain(k);
    for (const k of ['IMEI', 'ANDROID_ID', 'ADID', 'MAC', 'IMSI', 'LOCATION', 'CONTACTS', 'CALL_LOG', 'SMS', 'APPLIST', 'CLIPBOARD', 'CAMERA', 'MICROPHONE']) expect(kinds).toContain(k);
  });

  it.each([
    ['我们会收集您的设备标识符（IMEI/MEID）。', 'IMEI'],
    ['收集 OAID 用于广告归因。', 'ADID'],
    ['读取 Android ID', 'ANDROID_ID'],
    ['获取 MAC地址', 'MAC'],
    ['SIM 卡的 ICCID', 'IMSI'],
    ['GPS 定位', 'LOCATION'],
    ['访问您的通讯录', 'CONTACTS'],
    ['读取通话记录', 'CALL_LOG'],
    ['读取短信验证码', 'SMS'],
    ['获取已安装应用列表', 'APPLIST'],
    ['读取剪贴板', 'CLIPBOARD'],
    ['调用摄像头', 'CAMERA'],
    ['使用麦克风录音', 'MICROPHONE'],
    ['We collect your device ID and advertising ID.', 'ADID'],
    ['the list of installed apps', 'APPLIST'],
    ['We read the clipboard.', 'CLIPBOARD'],
    ['ＭＡＣ Address (full width)', 'MAC'],
  ])('%s names %s', (sentence, kind) => {
    expect([...analysePolicy([text(sentence)]).piKinds.keys()]).toContain(kind);
  });

  it('matches Latin terms as whole words only', () => {
    const p = analysePolicy([text('We dislocationally smsish gpsx; macaddress contactsless.')]);
    expect([...p.piKinds.keys()]).toEqual([]);
  });
});

describe('analysePolicy', () => {
  it('quotes the matched sentence, bounded and escaped', () => {
    const long = `${'甲'.repeat(300)}我们会收集位置信息${'乙'.repeat(300)}。`;
    const [m] = analysePolicy([text(long)]).piKinds.get('LOCATION') ?? [];
    expect(m?.quote.length).toBeLessThanOrEqual(MAX_QUOTE + 2);
    expect(m?.quote).toContain('位置');
    const hostile = analysePolicy([text('我们会收集\u001b[31m位置\u202e信息</td><script>。')]).piKinds.get('LOCATION')?.[0];
    expect(hostile?.quote).not.toMatch(/[\u001b\u202e]/);
    expect(hostile?.quote).toContain('\\u{1b}');
  });

  it('gives the line of a --policy sentence and finds the third-party section', () => {
    const p = analysePolicy([policyFixture('demo-shop-omits.zh.txt')]);
    expect(p.thirdPartySection?.location).toEqual({ kind: 'file', entry: 'demo-shop-omits.zh.txt', line: 10 });
    expect(p.piKinds.get('LOCATION')?.[0]?.location).toEqual({ kind: 'file', entry: 'demo-shop-omits.zh.txt', line: 7 });
    expect(analysePolicy([policyFixture('demo-shop-no-sdk-section.zh.txt')]).thirdPartySection).toBeUndefined();
  });

  it('identifies an SDK by its names and packages, never by its vendor, a generic word or a PI term', () => {
    const byId = new Map(loadCatalogue().sdks.map((r) => [r.id, r]));
    const getui = identifyingNames(byId.get('getui-push')!);
    expect(getui).toContain('个推推送');
    expect(getui).not.toContain('每日互动');
    const firebase = identifyingNames(byId.get('firebase-core')!);
    expect(firebase).not.toContain('core');
    for (const r of loadCatalogue().sdks) for (const n of identifyingNames(r)) expect(['OAID', 'oaid', 'SDK', 'Google']).not.toContain(n);
  });
});
