import { defineCheck } from '../../src/engine/check.js';
import { flowAt } from '../../src/facts/flow.js';
import { ownerKey, type Evidence } from '../../src/model/index.js';
import { groupBy } from '../lib/group-by.js';

const LOG_SINK = /^Landroid\/util\/Log;->(d|i|v|w|e|wtf|println)\(/;

export default defineCheck({
  meta: {
    id: 'c10/pi-logged',
    clause: 10,
    title: { en: 'Personal information written to the system log', zh: '个人信息写入系统日志' },
    defaultVerdict: 'warn',
    verdicts: ['warn'],
    evidence: 'flows',
    needs: ['dex'],
    docs: {
      basis: {
        en: 'PIPL Art. 51; MobSF android_logging. Logcat is readable over adb and, on older Android versions, by other apps with READ_LOGS; identifiers and locations logged there leak.',
        zh: '《个人信息保护法》第五十一条；MobSF android_logging。Logcat 可通过 adb 读取，旧版本 Android 上持有 READ_LOGS 的应用也能读取，写入其中的标识符和位置会泄露。',
      },
      fix: {
        en: 'Remove logging of identifiers, locations and account data, and strip Log calls from release builds (R8 -assumenosideeffects).',
        zh: '删除对标识符、位置和账户信息的日志输出，并在发布构建中移除 Log 调用（R8 -assumenosideeffects）。',
      },
    },
  },
  messages: {
    logged: {
      en: 'the result of {api:method} ({kind:pi}) is passed to {sink:method} ({owner:owner})',
      zh: '{api:method}（{kind:pi}）的结果被传给 {sink:method}（{owner:owner}）',
    },
  },
  *check({ facts }) {
    if (facts.code === undefined) return;
    // PI reads by the method that holds them: one pass over each such method follows their values.
    const byMethod = groupBy(
      facts.piReads.filter((u) => u.site !== undefined && u.via === 'invoke'),
      (u) => `${u.entry}|${u.caller}`,
    );
    for (const uses of byMethod.values()) {
      const first = uses[0];
      if (first?.site === undefined) continue;
      const apis = new Map(uses.map((u) => [u.api, u]));
      const events = flowAt(facts, first.site, (callee) => {
        const key = callee.slice(0, callee.indexOf('('));
        return apis.has(key) ? key : undefined;
      });
      for (const e of events) {
        if (!LOG_SINK.test(e.callee)) continue;
        const tainted = e.args.find((a) => a?.t === 'tainted');
        if (tainted?.t !== 'tainted') continue;
        const use = apis.get(tainted.by);
        if (use === undefined) continue;
        const sink = e.callee.slice(0, e.callee.indexOf('('));
        const ev: Evidence = { location: { kind: 'dex', entry: use.entry, method: use.caller, pc: e.pc }, owner: use.owner, detail: `${use.api} → ${sink}` };
        yield { messageId: 'logged', verdict: 'warn', data: { api: use.api, kind: use.kind, sink, owner: ownerKey(use.owner) }, evidence: [ev], key: `${use.api}|${sink}` };
      }
    }
  },
});
