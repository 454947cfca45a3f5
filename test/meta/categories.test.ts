import { describe, expect, it } from 'vitest';
import { allCategories, findCategory, resolveCategories, UnknownCategoryError } from '../../src/engine/categories.js';

describe('the 39 app types of the 2021 necessary-information rule', () => {
  it('has 39 types in the rule\'s order, 13 of which need no personal information', () => {
    const all = allCategories();
    expect(all.map((c) => c.no)).toEqual(Array.from({ length: 39 }, (_, i) => i + 1));
    expect(all.filter((c) => c.noPiNeeded).map((c) => c.short)).toEqual(['女性健康', '网络直播', '在线影音', '短视频', '新闻资讯', '运动健身', '浏览器', '输入法', '安全管理', '电子图书', '拍摄美化', '应用商店', '实用工具']);
    // Location is the only device-sourced PI any type's necessary set implies (CLAUSES.md §4).
    expect(all.filter((c) => (c.necessaryKinds ?? []).length > 0).map((c) => [c.short, c.necessaryKinds])).toEqual([
      ['地图导航', ['LOCATION']],
      ['网络约车', ['LOCATION']],
    ]);
    const aliases = all.flatMap((c) => c.aliases);
    expect(new Set(aliases).size).toBe(aliases.length);
  });

  it('resolves names with or without 类, English aliases in any case, numbers, and lists', () => {
    expect(findCategory('网上购物')?.name).toBe('网上购物类');
    expect(findCategory('网上购物类')?.name).toBe('网上购物类');
    expect(findCategory('Online-Shopping')?.name).toBe('网上购物类');
    expect(findCategory('30')?.name).toBe('新闻资讯类');
    expect(resolveCategories(['news, 浏览器', '新闻资讯', 'browser'])).toEqual(['新闻资讯类', '浏览器类']);
    expect(resolveCategories(['地图导航、网约车'.replace('网约车', 'ride-hailing')])).toEqual(['地图导航类', '网络约车类']);
  });

  it('rejects unknown names, naming each of them', () => {
    expect(() => resolveCategories(['news', 'casino', '40'])).toThrow(UnknownCategoryError);
    try {
      resolveCategories(['news', 'casino', '40']);
    } catch (e) {
      expect((e as UnknownCategoryError).unknown).toEqual(['casino', '40']);
    }
  });
});
