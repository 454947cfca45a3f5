import { defineClause } from '../../src/engine/check.js';
import accessibilityService from './accessibility-service.js';
import backgroundCaptureService from './background-capture-service.js';
import callMonitoring from './call-monitoring.js';
import clipboardListener from './clipboard-listener.js';
import inputMethod from './input-method.js';
import monitoringApiInAdsSdk from './monitoring-api-in-ads-sdk.js';
import notificationListener from './notification-listener.js';
import smsAccess from './sms-access.js';
import usageStats from './usage-stats.js';

export default defineClause({
  clause: 5,
  slug: 'no-monitoring',
  title: {
    zh: '严守个人隐私边界，绝不以监听监视等非法方式获取个人信息',
    en: 'Never obtain personal information by eavesdropping or monitoring',
  },
  pledge: '严守个人隐私边界，绝不以监听监视等非法方式获取个人信息。',
  requires: ['manifest', 'dex'],
  checks: [accessibilityService, notificationListener, smsAccess, callMonitoring, usageStats, backgroundCaptureService, inputMethod, clipboardListener, monitoringApiInAdsSdk],
  manualChecks: [
    {
      en: 'Whether capture actually happens without user action is runtime behaviour: leave the app in the background and watch the microphone/camera indicators and privacy dashboard.',
      zh: '是否在无用户操作时采集属于运行时行为：将应用置于后台，观察麦克风/摄像头指示与隐私仪表盘。',
    },
  ],
});
