import { defineCheck } from '../../src/engine/check.js';
import { manifestEvidence } from '../../src/facts/evidence.js';
import { hasCategory } from '../lib/categories.js';

export default defineCheck({
  meta: {
    id: 'c02/background-location',
    clause: 2,
    title: { en: 'Location collected in the background', zh: '后台收集位置信息' },
    defaultVerdict: 'warn',
    verdicts: ['warn', 'review'],
    evidence: 'declared',
    needs: ['manifest'],
    docs: {
      basis: {
        en: '164号文 1.2 (collection in the background / silent state); PIPL Art. 6 (minimum necessary). Background location is necessary only for types such as 地图导航, 网络约车, 用车服务, 运动健身 (necessary-information rule, 2021).',
        zh: '164号文 1.2（静默状态下或在后台运行时收集）；《个人信息保护法》第六条（最小必要）。仅地图导航、网络约车、用车服务、运动健身等类型确需后台定位（2021 年必要个人信息范围规定）。',
      },
      fix: {
        en: 'Remove ACCESS_BACKGROUND_LOCATION and location foreground services unless a core, user-visible feature needs them; request the permission separately with its purpose when that feature starts.',
        zh: '除非核心且用户可感知的功能确需，删除 ACCESS_BACKGROUND_LOCATION 与定位类前台服务；确需时在功能启动时单独申请并说明用途。',
      },
    },
    manualCheck: {
      en: 'For a navigation, ride-hailing, car or fitness app: check background location runs only during a trip or workout the user started, with a visible notification, and stops when it ends.',
      zh: '对地图导航、网络约车、用车服务、运动健身类应用：确认仅在用户发起的行程或运动中后台定位，有可见通知，结束后即停止。',
    },
  },
  messages: {
    permission: {
      en: 'ACCESS_BACKGROUND_LOCATION is requested: location can be read while the app is not in use',
      zh: '申请了 ACCESS_BACKGROUND_LOCATION：应用不在使用时也能读取位置',
    },
    service: {
      en: 'foreground service {service} declares foregroundServiceType="location": location is tracked while the user is elsewhere',
      zh: '前台服务 {service} 声明了 foregroundServiceType="location"：用户离开应用后仍会持续定位',
    },
  },
  *check({ facts, options }) {
    const m = facts.manifest;
    // Navigation, ride-hailing, car and fitness apps track location as their basic function.
    const verdict = hasCategory(options, '地图导航类', '网络约车类', '用车服务类', '运动健身类') ? 'review' : 'warn';
    const bg = m.usesPermissions.find((p) => p.name === 'android.permission.ACCESS_BACKGROUND_LOCATION');
    if (bg !== undefined) yield { messageId: 'permission', verdict, evidence: [manifestEvidence(bg.path, bg.name)] };
    for (const c of m.components) {
      if (c.kind !== 'service' || !c.foregroundServiceTypes.includes('location')) continue;
      yield { messageId: 'service', verdict, data: { service: c.name }, evidence: [manifestEvidence(`${c.path}/@android:foregroundServiceType`, c.foregroundServiceTypes.join('|'))] };
    }
  },
});
