import type { ByteCursor } from '../util/cursor.js';

/**
 * ResTable_config (ResourceTypes.h): the qualifiers of one type chunk. The structure is
 * size-prefixed and has grown over the releases (28 bytes in Android 1.x, 64 today); a reader
 * takes what `size` covers and treats the rest as 0 ("any"), as androidfw's copyFromDtoH does.
 * Offsets in the comments are from the start of the structure.
 */
export interface ResConfig {
  /** 0x00 size: bytes of the structure as stored (not all of them need be known to us) */
  size: number;
  /** 0x04 mcc: mobile country code, 0 = any */
  mcc: number;
  /** 0x06 mnc: mobile network code, 0 = any */
  mnc: number;
  /** 0x08 language[2]: '' = any; two letters, or the packed three-letter ISO-639-2 form */
  language: string;
  /** 0x0a country[2]: '' = any; two letters, or a packed UN M.49 three-digit region */
  region: string;
  /** 0x0c orientation: 1 port, 2 land, 3 square */
  orientation: number;
  /** 0x0d touchscreen: 1 notouch, 2 stylus, 3 finger */
  touchscreen: number;
  /** 0x0e density in dpi; 0 default, 0xfffe any, 0xffff none */
  density: number;
  /** 0x10 keyboard: 1 nokeys, 2 qwerty, 3 12key */
  keyboard: number;
  /** 0x11 navigation: 1 nonav, 2 dpad, 3 trackball, 4 wheel */
  navigation: number;
  /** 0x12 inputFlags: keysHidden (bits 0-1) and navHidden (bits 2-3) */
  inputFlags: number;
  /** 0x13 grammaticalInflection (was inputPad0): gender in bits 0-1 */
  grammaticalInflection: number;
  /** 0x14 screenWidth in pixels, 0 = any */
  screenWidth: number;
  /** 0x16 screenHeight in pixels, 0 = any */
  screenHeight: number;
  /** 0x18 sdkVersion: the vNN qualifier, 0 = any */
  sdkVersion: number;
  /** 0x1a minorVersion, 0 = any */
  minorVersion: number;
  /** 0x1c screenLayout: size (bits 0-3), long (4-5), layout direction (6-7) */
  screenLayout: number;
  /** 0x1d uiMode: type (bits 0-3), night (4-5) */
  uiMode: number;
  /** 0x1e smallestScreenWidthDp: the swNNNdp qualifier */
  smallestScreenWidthDp: number;
  /** 0x20 screenWidthDp: the wNNNdp qualifier */
  screenWidthDp: number;
  /** 0x22 screenHeightDp: the hNNNdp qualifier */
  screenHeightDp: number;
  /** 0x24 localeScript[4]: ISO-15924 script ('Latn', 'Hant'), '' = none */
  localeScript: string;
  /** 0x28 localeVariant[8]: BCP-47 variant subtag, '' = none */
  localeVariant: string;
  /** 0x30 screenLayout2: round (bits 0-1) */
  screenLayout2: number;
  /** 0x31 colorMode: wide colour gamut (bits 0-1), HDR (bits 2-3) */
  colorMode: number;
  /** 0x34 localeScriptWasComputed: the script was derived, not written by the developer */
  localeScriptWasComputed: boolean;
  /** 0x35 localeNumberingSystem[8]: the -u-nu- extension value, '' = none */
  localeNumberingSystem: string;
}

/** sizeof(ResTable_config) in the newest platform; bytes past it are ignored, as Android does. */
export const RES_CONFIG_MAX_SIZE = 64;

export const ORIENTATION_PORT = 1;
export const TOUCHSCREEN_FINGER = 3;
export const DENSITY_MEDIUM = 160;
export const DENSITY_ANY = 0xfffe;
export const DENSITY_NONE = 0xffff;
export const KEYBOARD_NOKEYS = 1;
export const NAVIGATION_NONAV = 1;
export const MASK_KEYSHIDDEN = 0x03;
export const KEYSHIDDEN_NO = 1;
export const KEYSHIDDEN_SOFT = 3;
export const MASK_NAVHIDDEN = 0x0c;
export const MASK_GENDER = 0x03;
export const MASK_SCREENSIZE = 0x0f;
export const SCREENSIZE_NORMAL = 2;
export const MASK_SCREENLONG = 0x30;
export const MASK_LAYOUTDIR = 0xc0;
export const MASK_UI_MODE_TYPE = 0x0f;
export const MASK_UI_MODE_NIGHT = 0x30;
export const MASK_SCREENROUND = 0x03;
export const MASK_WIDE_COLOR_GAMUT = 0x03;
export const MASK_HDR = 0x0c;

/** The configuration with every field "any": what aapt prints as `(default)`. */
export function defaultConfig(): ResConfig {
  return {
    size: RES_CONFIG_MAX_SIZE,
    mcc: 0,
    mnc: 0,
    language: '',
    region: '',
    orientation: 0,
    touchscreen: 0,
    density: 0,
    keyboard: 0,
    navigation: 0,
    inputFlags: 0,
    grammaticalInflection: 0,
    screenWidth: 0,
    screenHeight: 0,
    sdkVersion: 0,
    minorVersion: 0,
    screenLayout: 0,
    uiMode: 0,
    smallestScreenWidthDp: 0,
    screenWidthDp: 0,
    screenHeightDp: 0,
    localeScript: '',
    localeVariant: '',
    screenLayout2: 0,
    colorMode: 0,
    localeScriptWasComputed: false,
    localeNumberingSystem: '',
  };
}

/** True when every qualifier is "any" (the `size` field does not count). */
export function isDefaultConfig(cfg: ResConfig): boolean {
  return (
    cfg.mcc === 0 &&
    cfg.mnc === 0 &&
    cfg.language === '' &&
    cfg.region === '' &&
    cfg.orientation === 0 &&
    cfg.touchscreen === 0 &&
    cfg.density === 0 &&
    cfg.keyboard === 0 &&
    cfg.navigation === 0 &&
    cfg.inputFlags === 0 &&
    cfg.grammaticalInflection === 0 &&
    cfg.screenWidth === 0 &&
    cfg.screenHeight === 0 &&
    cfg.sdkVersion === 0 &&
    cfg.minorVersion === 0 &&
    cfg.screenLayout === 0 &&
    cfg.uiMode === 0 &&
    cfg.smallestScreenWidthDp === 0 &&
    cfg.screenWidthDp === 0 &&
    cfg.screenHeightDp === 0 &&
    cfg.localeScript === '' &&
    cfg.localeVariant === '' &&
    cfg.screenLayout2 === 0 &&
    cfg.colorMode === 0 &&
    cfg.localeNumberingSystem === ''
  );
}

/**
 * androidfw's unpackLanguageOrRegion: two plain ASCII bytes, or (high bit set) three 5-bit
 * letters packed big-endian, offset from `base` ('a' for languages, '0' for regions).
 */
export function unpackLocaleCode(b0: number, b1: number, base: number): string {
  if (b0 & 0x80) {
    const first = b1 & 0x1f;
    const second = ((b1 & 0xe0) >> 5) | ((b0 & 0x03) << 3);
    const third = (b0 & 0x7c) >> 2;
    return String.fromCharCode(first + base, second + base, third + base);
  }
  if (b0 === 0) return '';
  return b1 === 0 ? String.fromCharCode(b0) : String.fromCharCode(b0, b1);
}

/** androidfw's packLanguageOrRegion, the inverse of unpackLocaleCode (for requests). */
export function packLocaleCode(code: string, base: number): [number, number] {
  if (code.length < 3) return [code.charCodeAt(0) || 0, code.charCodeAt(1) || 0];
  const first = (code.charCodeAt(0) - base) & 0x7f;
  const second = (code.charCodeAt(1) - base) & 0x7f;
  const third = (code.charCodeAt(2) - base) & 0x7f;
  return [0x80 | (third << 2) | (second >> 3), ((second << 5) | first) & 0xff];
}

/** A fixed-size char[] field as text: up to the first NUL, bytes as Latin-1. */
function fixedAscii(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) {
    if (b === 0) break;
    s += String.fromCharCode(b);
  }
  return s;
}

/**
 * Reads the ResTable_config at `at`, taking at most `avail` bytes (the rest of the enclosing
 * chunk): min(size, 64, avail) bytes are read, the others are 0. The caller has checked that
 * `avail` bytes exist.
 */
export function readResConfig(c: ByteCursor, at: number, avail: number): ResConfig {
  const size = avail >= 4 ? c.u32At(at) : 0;
  const n = Math.min(size, RES_CONFIG_MAX_SIZE, avail);
  const raw = new Uint8Array(RES_CONFIG_MAX_SIZE);
  if (n > 0) raw.set(c.bytesAt(at, n));
  const u16 = (o: number): number => (raw[o] as number) | ((raw[o + 1] as number) << 8);
  const u8 = (o: number): number => raw[o] as number;
  return {
    size, // 0x00
    mcc: u16(0x04),
    mnc: u16(0x06),
    language: unpackLocaleCode(u8(0x08), u8(0x09), 0x61),
    region: unpackLocaleCode(u8(0x0a), u8(0x0b), 0x30),
    orientation: u8(0x0c),
    touchscreen: u8(0x0d),
    density: u16(0x0e),
    keyboard: u8(0x10),
    navigation: u8(0x11),
    inputFlags: u8(0x12),
    grammaticalInflection: u8(0x13),
    screenWidth: u16(0x14),
    screenHeight: u16(0x16),
    sdkVersion: u16(0x18),
    minorVersion: u16(0x1a),
    screenLayout: u8(0x1c),
    uiMode: u8(0x1d),
    smallestScreenWidthDp: u16(0x1e),
    screenWidthDp: u16(0x20),
    screenHeightDp: u16(0x22),
    localeScript: fixedAscii(raw.subarray(0x24, 0x28)),
    localeVariant: fixedAscii(raw.subarray(0x28, 0x30)),
    screenLayout2: u8(0x30),
    colorMode: u8(0x31),
    // 0x32 screenConfigPad2
    localeScriptWasComputed: u8(0x34) !== 0,
    localeNumberingSystem: fixedAscii(raw.subarray(0x35, 0x3d)),
    // 0x3d endPadding[3]
  };
}

const DENSITY_NAMES: ReadonlyMap<number, string> = new Map([
  [120, 'ldpi'],
  [160, 'mdpi'],
  [213, 'tvdpi'],
  [240, 'hdpi'],
  [320, 'xhdpi'],
  [480, 'xxhdpi'],
  [640, 'xxxhdpi'],
  [DENSITY_NONE, 'nodpi'],
  [DENSITY_ANY, 'anydpi'],
]);

function named(value: number, names: readonly (string | undefined)[], fallback: string): string {
  return names[value] ?? `${fallback}=${value}`;
}

/**
 * appendDirLocale: `zh-rCN` for language and region only, else the modified BCP-47 form
 * `b+sr+Latn+RS` (script only when the developer wrote it, variant, `+u+nu+` numbering system).
 */
function dirLocale(cfg: ResConfig): string {
  if (cfg.language === '') return '';
  const scriptProvided = cfg.localeScript !== '' && !cfg.localeScriptWasComputed;
  if (!scriptProvided && cfg.localeVariant === '' && cfg.localeNumberingSystem === '') {
    return cfg.region === '' ? cfg.language : `${cfg.language}-r${cfg.region}`;
  }
  let s = `b+${cfg.language}`;
  if (scriptProvided) s += `+${cfg.localeScript}`;
  if (cfg.region !== '') s += `+${cfg.region}`;
  if (cfg.localeVariant !== '') s += `+${cfg.localeVariant}`;
  if (cfg.localeNumberingSystem !== '') s += `+u+nu+${cfg.localeNumberingSystem}`;
  return s;
}

/**
 * The configuration as the resource qualifier string aapt prints (ResTable_config::toString),
 * e.g. `zh-rCN`, `b+sr+Latn`, `night`, `xhdpi-v21`; `default` when every field is "any".
 */
export function formatQualifiers(cfg: ResConfig): string {
  const parts: string[] = [];
  if (cfg.mcc !== 0) parts.push(`mcc${cfg.mcc}`);
  if (cfg.mnc !== 0) parts.push(`mnc${cfg.mnc}`);
  const locale = dirLocale(cfg);
  if (locale !== '') parts.push(locale);
  const gender = cfg.grammaticalInflection & MASK_GENDER;
  if (gender !== 0) parts.push(named(gender, [undefined, 'neuter', 'feminine', 'masculine'], 'gender'));
  const layoutDir = cfg.screenLayout & MASK_LAYOUTDIR;
  if (layoutDir !== 0) parts.push(named(layoutDir >> 6, [undefined, 'ldltr', 'ldrtl'], 'layoutDir'));
  if (cfg.smallestScreenWidthDp !== 0) parts.push(`sw${cfg.smallestScreenWidthDp}dp`);
  if (cfg.screenWidthDp !== 0) parts.push(`w${cfg.screenWidthDp}dp`);
  if (cfg.screenHeightDp !== 0) parts.push(`h${cfg.screenHeightDp}dp`);
  const screenSize = cfg.screenLayout & MASK_SCREENSIZE;
  if (screenSize !== 0) parts.push(named(screenSize, [undefined, 'small', 'normal', 'large', 'xlarge'], 'screenLayoutSize'));
  const screenLong = cfg.screenLayout & MASK_SCREENLONG;
  if (screenLong !== 0) parts.push(named(screenLong >> 4, [undefined, 'notlong', 'long'], 'screenLayoutLong'));
  const round = cfg.screenLayout2 & MASK_SCREENROUND;
  if (round !== 0) parts.push(named(round, [undefined, 'notround', 'round'], 'screenRound'));
  const wideCg = cfg.colorMode & MASK_WIDE_COLOR_GAMUT;
  if (wideCg !== 0) parts.push(named(wideCg, [undefined, 'nowidecg', 'widecg'], 'wideColorGamut'));
  const hdr = cfg.colorMode & MASK_HDR;
  if (hdr !== 0) parts.push(named(hdr >> 2, [undefined, 'lowdr', 'highdr'], 'hdr'));
  if (cfg.orientation !== 0) parts.push(named(cfg.orientation, [undefined, 'port', 'land', 'square'], 'orientation'));
  const uiType = cfg.uiMode & MASK_UI_MODE_TYPE;
  if (uiType !== 0) {
    // UI_MODE_TYPE_NORMAL has no qualifier; Android prints it as uiModeType=1 too.
    parts.push(named(uiType, [undefined, undefined, 'desk', 'car', 'television', 'appliance', 'watch', 'vrheadset'], 'uiModeType'));
  }
  const night = cfg.uiMode & MASK_UI_MODE_NIGHT;
  if (night !== 0) parts.push(named(night >> 4, [undefined, 'notnight', 'night'], 'uiModeNight'));
  if (cfg.density !== 0) parts.push(DENSITY_NAMES.get(cfg.density) ?? `${cfg.density}dpi`);
  if (cfg.touchscreen !== 0) parts.push(named(cfg.touchscreen, [undefined, 'notouch', 'stylus', 'finger'], 'touchscreen'));
  const keysHidden = cfg.inputFlags & MASK_KEYSHIDDEN;
  if (keysHidden !== 0) parts.push(named(keysHidden, [undefined, 'keysexposed', 'keyshidden', 'keyssoft'], 'keysHidden'));
  if (cfg.keyboard !== 0) parts.push(named(cfg.keyboard, [undefined, 'nokeys', 'qwerty', '12key'], 'keyboard'));
  const navHidden = cfg.inputFlags & MASK_NAVHIDDEN;
  if (navHidden !== 0) parts.push(named(navHidden >> 2, [undefined, 'navexposed', 'navhidden'], 'inputFlagsNavHidden'));
  if (cfg.navigation !== 0) parts.push(named(cfg.navigation, [undefined, 'nonav', 'dpad', 'trackball', 'wheel'], 'navigation'));
  if (cfg.screenWidth !== 0 || cfg.screenHeight !== 0) parts.push(`${cfg.screenWidth}x${cfg.screenHeight}`);
  if (cfg.sdkVersion !== 0 || cfg.minorVersion !== 0) {
    parts.push(cfg.minorVersion !== 0 ? `v${cfg.sdkVersion}.${cfg.minorVersion}` : `v${cfg.sdkVersion}`);
  }
  return parts.length === 0 ? 'default' : parts.join('-');
}

/**
 * The BCP-47 tag of the configuration's locale (getBcp47Locale): `zh-CN`, `sr-Latn`, `` for
 * none. Used to list the locales a table carries.
 */
export function bcp47Locale(cfg: ResConfig): string {
  const parts: string[] = [];
  if (cfg.language !== '') parts.push(cfg.language);
  if (cfg.localeScript !== '' && !cfg.localeScriptWasComputed) parts.push(cfg.localeScript);
  if (cfg.region !== '') parts.push(cfg.region);
  if (cfg.localeVariant !== '') parts.push(cfg.localeVariant);
  if (parts.length > 0 && cfg.localeNumberingSystem !== '') parts.push('u', 'nu', cfg.localeNumberingSystem);
  return parts.join('-');
}
