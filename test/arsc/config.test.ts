import { describe, expect, it } from 'vitest';
import { bcp47Locale, configMatches, deviceConfig, formatQualifiers, isDefaultConfig, parseLocale, readResConfig } from '../../src/arsc/index.js';
import { packLocaleCode, unpackLocaleCode } from '../../src/arsc/config.js';
import { ByteCursor } from '../../src/util/cursor.js';
import { configBytes, type ConfigSpec } from './arsc-builder.js';

function config(spec: ConfigSpec, avail?: number): ReturnType<typeof readResConfig> {
  const b = configBytes(spec);
  return readResConfig(new ByteCursor(b, 'E_ARSC_BAD_CHUNK'), 0, avail ?? b.length);
}

describe('ResTable_config qualifiers, as aapt prints them', () => {
  it.each<[ConfigSpec, string]>([
    [{}, 'default'],
    [{ language: 'zh', region: 'CN' }, 'zh-rCN'],
    [{ language: 'zh' }, 'zh'],
    [{ language: 'sr', localeScript: 'Latn' }, 'b+sr+Latn'],
    [{ language: 'sr', localeScript: 'Latn', localeScriptWasComputed: true }, 'sr'],
    [{ language: 'fil' }, 'fil'],
    [{ language: 'es', region: '419' }, 'es-r419'],
    [{ language: 'ca', region: 'ES', localeVariant: 'valencia' }, 'b+ca+ES+valencia'],
    [{ language: 'ar', localeNumberingSystem: 'latn' }, 'b+ar+u+nu+latn'],
    [{ uiMode: 0x20 }, 'night'],
    [{ uiMode: 0x10 }, 'notnight'],
    [{ uiMode: 0x04 }, 'television'],
    [{ uiMode: 0x01 }, 'uiModeType=1'],
    [{ sdkVersion: 21 }, 'v21'],
    [{ sdkVersion: 33, minorVersion: 2 }, 'v33.2'],
    [{ density: 320 }, 'xhdpi'],
    [{ density: 0xfffe }, 'anydpi'],
    [{ density: 0xffff }, 'nodpi'],
    [{ density: 300 }, '300dpi'],
    [{ orientation: 2, density: 320, sdkVersion: 21 }, 'land-xhdpi-v21'],
    [{ mcc: 460, mnc: 1, language: 'zh', region: 'CN' }, 'mcc460-mnc1-zh-rCN'],
    [{ screenLayout: 0x80 }, 'ldrtl'],
    [{ smallestScreenWidthDp: 600, screenWidthDp: 820, screenHeightDp: 720 }, 'sw600dp-w820dp-h720dp'],
    [{ screenLayout: 0x03 | 0x20 }, 'large-long'],
    [{ screenLayout2: 2, colorMode: 2 | 8 }, 'round-widecg-highdr'],
    [{ touchscreen: 1, inputFlags: 2 | 8, keyboard: 2, navigation: 2 }, 'notouch-keyshidden-qwerty-navhidden-dpad'],
    [{ screenWidth: 1920, screenHeight: 1080 }, '1920x1080'],
    [{ grammaticalInflection: 2, language: 'fr' }, 'fr-feminine'],
    [{ uiMode: 0x26, sdkVersion: 20 }, 'watch-night-v20'],
  ])('%o → %s', (spec, expected) => {
    expect(formatQualifiers(config(spec))).toBe(expected);
  });

  it('reads only what the size covers: an Android 1.x 28-byte config ignores the bytes after it', () => {
    const b = configBytes({ size: 64, sdkVersion: 4, screenLayout: 0x03, uiMode: 0x20, screenWidthDp: 999 });
    new DataView(b.buffer).setUint32(0, 28, true);
    const c = readResConfig(new ByteCursor(b, 'E_ARSC_BAD_CHUNK'), 0, 64);
    expect(c).toMatchObject({ size: 28, sdkVersion: 4, screenLayout: 0, uiMode: 0, screenWidthDp: 0 });
    expect(formatQualifiers(c)).toBe('v4');
  });

  it('reads no further than the bytes available, whatever size claims', () => {
    const c = config({ size: 64, sdkVersion: 21, uiMode: 0x20 }, 24);
    expect(c).toMatchObject({ size: 64, sdkVersion: 0, uiMode: 0 });
    expect(config({ sdkVersion: 21 }, 2)).toMatchObject({ size: 0, sdkVersion: 0 });
  });

  it('knows the default configuration', () => {
    expect(isDefaultConfig(config({}))).toBe(true);
    expect(isDefaultConfig(config({ size: 28 }))).toBe(true);
    expect(isDefaultConfig(config({ sdkVersion: 1 }))).toBe(false);
    expect(isDefaultConfig(config({ localeNumberingSystem: 'latn' }))).toBe(false);
  });

  it('packs and unpacks three-letter languages and numeric regions (androidfw packLanguageOrRegion)', () => {
    for (const [code, base] of [
      ['fil', 0x61],
      ['ast', 0x61],
      ['419', 0x30],
      ['001', 0x30],
    ] as const) {
      const [b0, b1] = packLocaleCode(code, base);
      expect(b0 & 0x80).toBe(0x80);
      expect(unpackLocaleCode(b0, b1, base)).toBe(code);
    }
    expect(packLocaleCode('fil', 0x61)).toEqual([0xad, 0x05]); // kFilipino in ResourceTypes.cpp
    expect(unpackLocaleCode(0x7a, 0x68, 0x61)).toBe('zh');
    expect(unpackLocaleCode(0, 0, 0x61)).toBe('');
  });

  it('formats BCP-47 locales for listing', () => {
    expect(bcp47Locale(config({ language: 'zh', region: 'TW' }))).toBe('zh-TW');
    expect(bcp47Locale(config({ language: 'sr', localeScript: 'Latn', region: 'RS' }))).toBe('sr-Latn-RS');
    expect(bcp47Locale(config({ sdkVersion: 21 }))).toBe('');
  });
});

describe('locale requests', () => {
  it.each([
    ['zh-CN', { language: 'zh', region: 'CN', script: 'Hans', scriptComputed: true, variant: '' }],
    ['zh_TW', { language: 'zh', region: 'TW', script: 'Hant', scriptComputed: true, variant: '' }],
    ['zh-rHK', { language: 'zh', region: 'HK', script: 'Hant', scriptComputed: true, variant: '' }],
    ['ZH-hant', { language: 'zh', region: '', script: 'Hant', scriptComputed: false, variant: '' }],
    ['b+sr+Latn+RS', { language: 'sr', region: 'RS', script: 'Latn', scriptComputed: false, variant: '' }],
    ['es-419', { language: 'es', region: '419', script: 'Latn', scriptComputed: true, variant: '' }],
    ['xx', { language: 'xx', region: '', script: '', scriptComputed: true, variant: '' }],
    ['ca-ES-valencia', { language: 'ca', region: 'ES', script: 'Latn', scriptComputed: true, variant: 'valencia' }],
  ])('%s', (tag, expected) => {
    expect(parseLocale(tag)).toEqual(expected);
  });

  it('rejects what is not a language tag', () => {
    for (const bad of ['', '1', 'e', 'english', '12-CN']) expect(parseLocale(bad)).toBeUndefined();
  });

  it('matches like androidfw: region must agree when the script is unknown, script otherwise', () => {
    const xx = deviceConfig(parseLocale('xx-AA'));
    expect(configMatches(config({ language: 'xx' }), xx)).toBe(true);
    expect(configMatches(config({ language: 'xx', region: 'BB' }), xx)).toBe(false);
    const enGb = deviceConfig(parseLocale('en-GB'));
    expect(configMatches(config({ language: 'en', region: 'AU' }), enGb)).toBe(true); // both Latn
    expect(configMatches(config({ language: 'en' }), deviceConfig())).toBe(false); // no locale asked
    expect(configMatches(config({}), enGb)).toBe(true);
  });
});
