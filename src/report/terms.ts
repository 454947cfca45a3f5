import type { Localized } from '../model/index.js';

/**
 * Fixed phrases that several messages share, rendered by `{name:term}` placeholders. A check hands
 * over the id; the words are here once, written for each language's reader.
 */
export const TERMS = {
  ownerApp: { en: 'first-party code', zh: '应用自身代码' },
  ownerUnknown: { en: 'unattributed (renamed) code', zh: '无法归属的混淆代码' },
  wechatLogin: { en: 'WeChat login (SendAuth)', zh: '微信登录（SendAuth）' },
  /** Where the string index looks, in full: quoted where a clause concludes from an absence. */
  textSourcesFull: {
    en: 'resources (every locale), layouts and XML, DEX strings, assets (bundled H5/JS and policies) and native libraries',
    zh: '资源（所有语言）、布局与 XML、DEX 字符串、assets（内置 H5/JS 与政策文本）和原生库',
  },
  /** Where the string index looks, for messages that report an absence. */
  textSources: { en: 'resources (every locale), layouts, code strings, assets and native libraries', zh: '资源（所有语言）、布局、代码字符串、assets 与原生库' },
  none: { en: 'none', zh: '无' },
  'found:classes': { en: 'classes', zh: '类' },
  'found:components': { en: 'manifest components', zh: '清单组件' },
  'found:metaData': { en: 'manifest meta-data', zh: '清单 meta-data' },
  'found:nativeLibs': { en: 'native libraries', zh: '原生库' },
  'found:assets': { en: 'assets', zh: 'assets 文件' },
  'found:strings': { en: 'characteristic strings', zh: '特征字符串' },
  // Terms of single clauses, by clause; add yours in your clause's section.
  // c01
  'policySection:sdks': { en: 'third-party SDK list', zh: '第三方 SDK 清单' },
  'policySection:sensitive': { en: 'section on sensitive personal information', zh: '敏感个人信息的说明' },
  'policySection:rights': { en: 'user rights (access, correction, deletion, withdrawal of consent)', zh: '用户权利（查阅、更正、删除、撤回同意）' },
  'policySection:contact': { en: 'contact or complaint channel', zh: '联系方式或投诉渠道' },
  /** Runtime permission groups (rules/lib/permissions.ts), as the system permission dialog names them. */
  'permissionGroup:LOCATION': { en: 'location', zh: '位置信息' },
  'permissionGroup:PHONE': { en: 'phone', zh: '电话' },
  'permissionGroup:CALL_LOG': { en: 'call logs', zh: '通话记录' },
  'permissionGroup:CONTACTS': { en: 'contacts', zh: '通讯录' },
  'permissionGroup:CALENDAR': { en: 'calendar', zh: '日历' },
  'permissionGroup:CAMERA': { en: 'camera', zh: '相机' },
  'permissionGroup:MICROPHONE': { en: 'microphone', zh: '麦克风' },
  'permissionGroup:SMS': { en: 'SMS', zh: '短信' },
  'permissionGroup:STORAGE': { en: 'files and media', zh: '文件和媒体（存储）' },
  'permissionGroup:SENSORS': { en: 'body sensors', zh: '身体传感器' },
  'permissionGroup:ACTIVITY_RECOGNITION': { en: 'physical activity', zh: '身体活动' },
  'permissionGroup:NEARBY_DEVICES': { en: 'nearby devices', zh: '附近的设备' },
  'permissionGroup:NOTIFICATIONS': { en: 'notifications', zh: '通知' },
  // c02
  'periodic:timer': { en: 'a Timer scheduled with a period', zh: 'Timer 周期调度' },
  'periodic:executor': { en: 'a ScheduledExecutorService at a fixed rate or delay', zh: 'ScheduledExecutorService 定时调度' },
  'periodic:handler-loop': { en: 'a Handler.postDelayed loop in run()', zh: 'run() 中的 Handler.postDelayed 循环' },
  // c04
  // c05
  // c06–c08
  'piList:collection': { en: 'personal-information collection list (个人信息收集清单)', zh: '个人信息收集清单' },
  'piList:sharing': { en: 'third-party sharing list (第三方共享清单)', zh: '第三方共享清单' },
  'sensitive:id-card': { en: 'ID card number', zh: '身份证号' },
  'sensitive:real-name': { en: 'real name', zh: '真实姓名' },
  'sensitive:face': { en: 'face data', zh: '人脸信息' },
  'sensitive:bank-card': { en: 'bank card number', zh: '银行卡号' },
  complaintText: { en: 'complaint text', zh: '投诉相关文本' },
  // c09
  // c10
  'artifact:manifest': { en: 'the manifest', zh: '清单文件' },
  'artifact:resources': { en: 'resources (resources.arsc, layouts, XML resources)', zh: '资源（resources.arsc、布局、XML 资源）' },
  'artifact:dex': { en: 'the DEX code', zh: 'DEX 代码' },
  'artifact:signing': { en: 'the APK signatures', zh: 'APK 签名' },
  'artifact:native': { en: 'native libraries', zh: '原生库' },
  'artifact:assets': { en: 'assets (bundled H5/JS/text)', zh: 'assets（内置 H5/JS/文本）' },
  'state:failed': { en: 'could not be decoded', zh: '无法解码' },
  'state:not-analysed': { en: 'not analysed by this version', zh: '未被当前版本分析' },
  'state:unavailable': { en: 'not available for this input', zh: '不在此输入中' },
  'logic:flutter': { en: 'compiled Dart in libapp.so', zh: 'libapp.so 中编译后的 Dart 代码' },
  'logic:react-native': { en: 'the JavaScript bundle (index.android.bundle)', zh: 'JavaScript 包（index.android.bundle）' },
  'logic:uni-app': { en: 'JavaScript and H5 under assets/apps/', zh: 'assets/apps/ 下的 JavaScript 与 H5' },
  'logic:cordova': { en: 'H5 and JavaScript under assets/', zh: 'assets/ 下的 H5 与 JavaScript' },
  'logic:xamarin': { en: '.NET assemblies', zh: '.NET 程序集' },
  'logic:unity': { en: 'IL2CPP or Mono code (libil2cpp.so, Managed/*.dll)', zh: 'IL2CPP 或 Mono 代码（libil2cpp.so、Managed/*.dll）' },
  'logic:cocos': { en: 'JavaScript or Lua scripts and native code', zh: 'JavaScript/Lua 脚本与原生代码' },
  'logic:weex': { en: 'JavaScript bundles', zh: 'JavaScript 包' },
} as const satisfies Record<string, Localized>;

export type TermId = keyof typeof TERMS;
