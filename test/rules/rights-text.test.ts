import { describe, expect, it } from 'vitest';
import { appHits, loginEvidence, nearHits, timingCommitments } from '../../src/facts/rights.js';
import { locationIdentity } from '../../src/engine/fingerprint.js';
import { fixtureFacts } from '../helpers/fixtures.js';

// The text helpers behind clauses 6–8, where one fixture exercises several paths that a
// check's first evidence alone cannot tell apart.

describe('nearHits (deletion conditions)', () => {
  it('finds conditions in the same string, a few layout lines away, and within a bundled document', async () => {
    const near = nearHits(await fixtureFacts('rights-conditions'), 'DELETE_CONDITIONS', 'DELETE');
    const at = near.map((n) => `${locationIdentity(n.hit.location)}#${n.hit.location.kind === 'file' ? n.hit.location.line : ''} ${n.hit.term}`);
    // 注销须知 and its conditions in one string, as a resource and in the layout.
    expect(at).toContain('resource:string/delete_notice# 手持身份证');
    expect(at).toContain('file:res/layout/activity_delete_account.xml#10 人脸识别');
    // 刷脸 four lines below 注销账号 in the deletion layout…
    expect(at).toContain('file:res/layout/activity_delete_account.xml#14 刷脸');
    // …but the same string on its own says nothing about deletion.
    expect(at.filter((a) => a.startsWith('resource:string/delete_face'))).toEqual([]);
    // The agreement's 刷脸 is about login, more than 200 characters before its deletion section.
    expect(at.filter((a) => a.startsWith('file:assets/agreement.html') && a.endsWith('刷脸'))).toEqual([]);
    // 结清 81 characters after 注销账号 in the agreement: beyond the excerpt, within the document.
    const doc = near.find((n) => n.hit.term === '结清');
    expect(doc?.hit.location).toMatchObject({ kind: 'file', entry: 'assets/agreement.html' });
    expect(doc?.excerpt).toMatch(/注销账号.*结清/);
  });

  it('ignores conditions far from deletion in a bundled policy', async () => {
    const facts = await fixtureFacts('rights-complete');
    expect(appHits(facts, 'DELETE_CONDITIONS').hits.map((h) => h.term)).toContain('刷脸');
    expect(nearHits(facts, 'DELETE_CONDITIONS', 'DELETE')).toEqual([]);
  });
});

describe('loginEvidence', () => {
  it('does not read a company registration address (注册地址) as accounts', async () => {
    const facts = await fixtureFacts('rights-share-only');
    expect(facts.strings?.hits('LOGIN').map((h) => h.term)).toContain('注册');
    expect(appHits(facts, 'LOGIN').hits).toEqual([]);
    // WeChat OpenSDK is there, but only to share.
    expect(facts.sdks.map((f) => f.record.id)).toContain('wechat-opensdk');
    expect(loginEvidence(facts)).toBeUndefined();
  });

  it('reads a WeChat auth request and a used login SDK as accounts', async () => {
    expect(loginEvidence(await fixtureFacts('rights-remote'))?.items).toEqual(['term:wechatLogin']);
    const shell = loginEvidence(await fixtureFacts('rights-shell'));
    expect(shell?.items).toEqual(['sdk:cucc-login']);
    expect(shell?.noOwnAccount).toBe(false);
    // Shown first where the app calls the SDK (owner app), then by the SDK's classes.
    expect(shell?.evidence.map((e) => `${locationIdentity(e.location)} ${e.owner?.kind ?? ''}`)).toEqual([
      'dex:Lorg/pledgeaudit/fixture/rights/shell/MainActivity;->oneClickLogin()V app',
      'dex:Lcom/sdk/mobile/manager/login/cucc/OauthManager; sdk',
    ]);
  });

  it('does not take resources an SDK looks up by name for the app\'s text', async () => {
    const facts = await fixtureFacts('rights-sdk-resources');
    // ShareSDK's unprefixed Instapaper sign-in: strings, an HTML form with a password field, a layout.
    const login = facts.strings?.hits('LOGIN').map((h) => locationIdentity(h.location)) ?? [];
    expect(login).toEqual(expect.arrayContaining(['resource:string/instapaper_login', 'resource:string/instapaper_login_html', 'file:res/layout/instapaper_login_page.xml']));
    expect(appHits(facts, 'LOGIN').hits).toEqual([]);
    expect(facts.strings?.hits('ACCOUNT').length).toBeGreaterThan(0);
    expect(appHits(facts, 'ACCOUNT').hits).toEqual([]);
    expect(loginEvidence(facts)).toBeUndefined();
    // A name the app's own code looks up too stays the app's.
    expect(appHits(facts, 'COMPLAINT').hits.map((h) => locationIdentity(h.location))).toEqual(['resource:string/feedback_title']);
  });

  it('tells a platform authorisation from an account of the app\'s own', async () => {
    // Weibo SSO and "当前登录用户", nothing about an account of its own.
    const facts = await fixtureFacts('rights-platform-auth');
    // The Weibo SDK's resource, named after its package, is not the app's (its 账号 would be).
    const app = appHits(facts, 'LOGIN').hits.map((h) => `${locationIdentity(h.location)} ${h.term}`);
    expect(app).not.toContain('resource:string/com_sina_weibo_sdk_login_with_weibo_account 登录');
    expect(facts.strings?.hits('LOGIN').map((h) => locationIdentity(h.location))).toContain('resource:string/com_sina_weibo_sdk_login_with_weibo_account');
    // 注册 on the screen is the string weibo_mobile_login: Weibo's registration, not the app's.
    expect(app).toContain('file:res/layout/activity_auth.xml 注册');
    const weibo = loginEvidence(facts);
    expect(weibo?.thirdPartyOnly).toBe(false);
    expect(weibo?.noOwnAccount).toBe(true);
    // "微博登录" with the Weibo SDK names the platform; its own account words decide the rest.
    expect(loginEvidence(await fixtureFacts('sdk-starts'))?.thirdPartyOnly).toBe(true);
    // Login and user registration (注册 naming no platform), no social SDK.
    expect(loginEvidence(await fixtureFacts('rights-missing'))?.noOwnAccount).toBe(false);
  });
});

describe('timingCommitments', () => {
  it('does not take a shop\'s return window for a commitment to answer requests', async () => {
    const facts = await fixtureFacts('rights-missing');
    expect(appHits(facts, 'TIMING').hits.map((h) => h.snippet)).toEqual(['签收后15日内可申请退货']);
    expect(timingCommitments(facts)).toEqual([]);
  });

  it('takes 15个工作日 in a bundled policy, reading past a first use about delivery', async () => {
    const facts = await fixtureFacts('rights-complete');
    // The index keeps the first occurrence only: the gift-delivery time.
    expect(appHits(facts, 'TIMING').hits.map((h) => h.snippet)).toEqual([expect.stringContaining('发货')]);
    const found = timingCommitments(facts);
    expect(found.map((h) => locationIdentity(h.location))).toEqual(['file:assets/privacy.html']);
    expect(found[0]?.snippet).toContain('答复');
  });
});
