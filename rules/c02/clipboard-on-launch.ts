import { defineCheck } from '../../src/engine/check.js';
import { useEvidence } from '../../src/facts/evidence.js';
import { ownerKey } from '../../src/model/index.js';

/** What Android calls when the launcher activity comes to the screen. */
const LAUNCH_METHODS = ['onCreate', 'onStart', 'onResume'];

export default defineCheck({
  meta: {
    id: 'c02/clipboard-on-launch',
    clause: 2,
    title: { en: 'Reads the clipboard when the app opens', zh: '打开应用时读取剪切板' },
    defaultVerdict: 'warn',
    verdicts: ['warn'],
    evidence: 'referenced',
    needs: ['dex'],
    docs: {
      basis: {
        en: 'No user action asks for the clipboard when the first screen opens; Android 12 shows a toast for such reads and Android 10 blocks background reads (developer.android.com/privacy-and-security/risks/secure-clipboard-handling). CLAUSES.md clause 2.',
        zh: '首屏打开时读取剪切板并非用户操作所需；Android 12 会对此弹出提示，Android 10 禁止后台读取（developer.android.com/privacy-and-security/risks/secure-clipboard-handling）。CLAUSES.md 第2条。',
      },
      fix: {
        en: 'Read the clipboard only when the user pastes (an explicit paste button or the system paste action).',
        zh: '仅在用户粘贴时（明确的粘贴按钮或系统粘贴操作）读取剪切板。',
      },
    },
  },
  messages: {
    launch: {
      en: 'the launcher activity reads the clipboard in {method:method} ({owner:owner})',
      zh: '启动页在 {method:method} 中读取剪切板（{owner:owner}）',
    },
  },
  *check({ facts }) {
    const m = facts.manifest;
    const launchers = new Set(m.launcherActivities.map((n) => `L${n.replace(/\./g, '/')};`));
    for (const a of m.components) {
      if (a.kind === 'activity-alias' && a.targetActivity !== undefined && m.launcherActivities.includes(a.name)) launchers.add(`L${a.targetActivity.replace(/\./g, '/')};`);
    }
    for (const u of facts.apiUses) {
      // Registering a listener reads nothing yet.
      if (u.kind !== 'CLIPBOARD' || u.api.endsWith('addPrimaryClipChangedListener')) continue;
      const method = u.caller.slice(u.caller.indexOf('->') + 2, u.caller.indexOf('('));
      if (!launchers.has(u.callerClass) || !LAUNCH_METHODS.includes(method)) continue;
      yield { messageId: 'launch', verdict: 'warn', data: { method: u.caller, owner: ownerKey(u.owner) }, evidence: [useEvidence(u)], key: u.api };
    }
  },
});
