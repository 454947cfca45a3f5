import { defineCheck } from '../../src/engine/check.js';
import { componentEvidence } from '../../src/facts/evidence.js';

/** System broadcasts that start an app without the user opening it (关联启动/自启动). */
const WAKE_ACTIONS = new Set([
  'android.intent.action.BOOT_COMPLETED',
  'android.intent.action.LOCKED_BOOT_COMPLETED',
  'android.intent.action.QUICKBOOT_POWERON',
  'com.htc.intent.action.QUICKBOOT_POWERON',
  'android.intent.action.USER_PRESENT',
  'android.intent.action.ACTION_POWER_CONNECTED',
  'android.net.conn.CONNECTIVITY_CHANGE',
  'android.intent.action.PACKAGE_ADDED',
  'android.intent.action.PACKAGE_REMOVED',
]);

export default defineCheck({
  meta: {
    id: 'c09/self-start-receiver',
    clause: 9,
    title: { en: 'Starts itself on system events (自启动)', zh: '监听系统事件自启动' },
    defaultVerdict: 'warn',
    verdicts: ['warn'],
    evidence: 'declared',
    needs: ['manifest'],
    docs: {
      basis: {
        en: '164号文 2.2 (频繁自启动和关联启动) and the 2023 MIIT notice: apps must not start themselves or other apps without a reasonable user-facing reason.',
        zh: '164号文 2.2（频繁自启动和关联启动）及工信部 2023 年通知：无合理场景不得自启动或关联启动。',
      },
      fix: {
        en: 'Remove BOOT_COMPLETED/USER_PRESENT/connectivity receivers that only keep push SDKs alive; schedule deferrable work with WorkManager and rely on the system push channel.',
        zh: '删除仅用于推送保活的开机、解锁、网络变化广播接收器；可延迟任务使用 WorkManager，推送依赖系统通道。',
      },
    },
  },
  messages: {
    receiver: {
      en: 'receiver {name} is started by {actions} without the user opening the app',
      zh: '广播接收器 {name} 会被 {actions} 唤起，无需用户打开应用',
    },
  },
  *check({ facts }) {
    for (const c of facts.manifest.components) {
      if (c.kind !== 'receiver' || !c.enabled) continue;
      const actions = [...new Set(c.intentFilters.flatMap((f) => f.actions.filter((a) => WAKE_ACTIONS.has(a))))];
      if (actions.length === 0) continue;
      yield { messageId: 'receiver', verdict: 'warn', data: { name: c.name, actions }, evidence: [componentEvidence(c, actions, facts.ownerOfClass(c.name))] };
    }
  },
});
