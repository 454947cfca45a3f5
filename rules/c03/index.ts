import { defineClause } from '../../src/engine/check.js';
import pricingCapability from './pricing-capability.js';

export default defineClause({
  clause: 3,
  slug: 'fair-pricing',
  title: {
    zh: '保护用户公平交易权，不利用大数据"杀熟"',
    en: 'Fair trading: no big-data price discrimination against existing customers',
  },
  pledge: '保护用户公平交易权，不利用大数据"杀熟"。',
  requires: ['manifest', 'dex', 'resources'],
  checks: [pricingCapability],
  // Prices are computed on servers: an APK can show capability, never discrimination.
  neverPasses: 'server-side:pricing',
  manualChecks: [
    {
      en: 'Dynamic test: buy the same item with two accounts (or devices) that differ only in purchase history, membership or device model, at the same time and place, and compare prices, coupons and delivery fees.',
      zh: '动态测试：用仅在消费记录、会员等级或设备型号上不同的两个账号（或设备），同时同地购买同一商品，比较价格、优惠券和配送费。',
    },
  ],
});
