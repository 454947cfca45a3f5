import { defineCheck } from '../../src/engine/check.js';
import { manifestEvidence } from '../../src/facts/evidence.js';

const CAPTURE_TYPES = ['microphone', 'camera', 'mediaProjection'];

export default defineCheck({
  meta: {
    id: 'c05/background-capture-service',
    clause: 5,
    title: { en: 'Foreground service that captures audio, camera or screen', zh: '可录音、拍摄或录屏的前台服务' },
    defaultVerdict: 'warn',
    verdicts: ['warn'],
    evidence: 'declared',
    needs: ['manifest'],
    docs: {
      basis: {
        en: 'Pledge clause 5; 164号文 1.2 (background collection). Android requires a foregroundServiceType per foreground service (developer.android.com/guide/components/fg-service-types); camera, microphone and mediaProjection types capture while the user is elsewhere.',
        zh: '承诺第五条；164号文 1.2（后台收集）。Android 要求前台服务声明类型（developer.android.com/guide/components/fg-service-types）；camera、microphone、mediaProjection 类型可在用户离开应用后继续采集。',
      },
      fix: {
        en: 'Capture only from a visible activity in response to a user action; if a background capture service is essential (calls, recording apps), show a persistent notice and stop it when the task ends.',
        zh: '仅在可见界面、由用户操作触发时采集；确需后台采集（通话、录音类应用）时显示常驻提示并在任务结束时停止服务。',
      },
    },
  },
  messages: {
    service: {
      en: 'service {name} declares foregroundServiceType {types}: it can keep capturing while the user is in another app',
      zh: '服务 {name} 声明了 foregroundServiceType {types}：用户切换到其他应用后仍可持续采集',
    },
  },
  *check({ facts }) {
    for (const c of facts.manifest.components) {
      const types = c.foregroundServiceTypes.filter((t) => CAPTURE_TYPES.includes(t));
      if (c.kind === 'service' && types.length > 0) {
        yield { messageId: 'service', verdict: 'warn', data: { name: c.name, types: types.join('|') }, evidence: [manifestEvidence(`${c.path}/@android:foregroundServiceType`, c.foregroundServiceTypes.join('|'))] };
      }
    }
  },
});
