import type { Localized } from '../model/index.js';

/**
 * Why a text absence may not be real (src/facts/rights.ts BlindSpot), rendered by `{why:reason}`
 * with the finding's own data. Each completes a sentence "…, but …".
 */
export const REASONS = {
  'webview-shell': {
    en: 'the app is a WebView shell (the launcher {activity} loads {url}) whose pages are remote',
    zh: '应用是 WebView 壳（启动页 {activity} 加载 {url}），页面在远端',
  },
  packed: { en: 'the code is packed by {packer:packer}, which encrypts its strings', zh: '代码经{packer:packer}加固，其中的字符串已加密' },
  'unindexed-framework': {
    en: 'it is a {framework} app whose UI text lives in {logic:term}, which is not searched',
    zh: '这是 {framework} 应用，界面文本位于未检索的{logic:term}中',
  },
  truncated: { en: 'some text was cut at its size limit', zh: '部分文本因超出大小限制被截断' },
} as const satisfies Record<string, Localized>;
