import {
  DENSITY_ANY,
  DENSITY_MEDIUM,
  KEYBOARD_NOKEYS,
  KEYSHIDDEN_NO,
  KEYSHIDDEN_SOFT,
  MASK_GENDER,
  MASK_HDR,
  MASK_KEYSHIDDEN,
  MASK_LAYOUTDIR,
  MASK_NAVHIDDEN,
  MASK_SCREENLONG,
  MASK_SCREENROUND,
  MASK_SCREENSIZE,
  MASK_UI_MODE_NIGHT,
  MASK_UI_MODE_TYPE,
  MASK_WIDE_COLOR_GAMUT,
  NAVIGATION_NONAV,
  ORIENTATION_PORT,
  SCREENSIZE_NORMAL,
  TOUCHSCREEN_FINGER,
  defaultConfig,
  type ResConfig,
} from './config.js';

/**
 * Configuration matching after androidfw's ResTable_config::match and ::isBetterThan
 * (ResourceTypes.cpp), with the request being a device configuration. Two parts of androidfw
 * depend on CLDR tables that we do not carry; they are reduced as follows:
 *  - likely scripts (localeDataComputeScript): a small table of common languages and the
 *    regions where their script differs (zh-TW/HK/MO are Hant, sr-ME Latn, …). A language not
 *    in it has an unknown script, and Android then requires the regions to be equal.
 *  - region distance (localeDataCompareRegions): the requested region beats no region, which
 *    beats any other region; "close to US English" means no region or a US region.
 */

/** The neutral device: a baseline phone. Qualifiers that a real phone would not match drop out. */
export const NEUTRAL_SDK = 10000;

/**
 * The device configuration resolution asks for: a portrait, finger-touch, mdpi phone without
 * keys, normal/notlong/ltr screen of 360x640 dp (1920x1080 px), normal UI mode, not night, not
 * round, no wide gamut or HDR, no grammatical gender, and an SDK level above every real one (so
 * that every `-vNN` qualifier matches and the newest wins). Locale as given, else none.
 */
export function deviceConfig(locale?: LocaleRequest): ResConfig {
  const d = defaultConfig();
  d.orientation = ORIENTATION_PORT;
  d.touchscreen = TOUCHSCREEN_FINGER;
  d.density = DENSITY_MEDIUM;
  d.keyboard = KEYBOARD_NOKEYS;
  d.navigation = NAVIGATION_NONAV;
  d.inputFlags = KEYSHIDDEN_SOFT | (2 << 2); // keyssoft, navhidden
  d.screenWidth = 1920;
  d.screenHeight = 1080;
  d.sdkVersion = NEUTRAL_SDK;
  d.screenLayout = SCREENSIZE_NORMAL | (1 << 4) | (1 << 6); // normal, notlong, ldltr
  d.uiMode = 1 | (1 << 4); // normal, notnight
  d.smallestScreenWidthDp = 360;
  d.screenWidthDp = 360;
  d.screenHeightDp = 640;
  d.screenLayout2 = 1; // notround
  d.colorMode = 1 | (1 << 2); // nowidecg, lowdr
  if (locale !== undefined) {
    d.language = locale.language;
    d.region = locale.region;
    d.localeScript = locale.script;
    d.localeScriptWasComputed = locale.scriptComputed;
    d.localeVariant = locale.variant;
  }
  return d;
}

export interface LocaleRequest {
  language: string;
  region: string;
  script: string;
  /** The script was derived from language and region, not given. */
  scriptComputed: boolean;
  variant: string;
}

/**
 * Parses a locale as a user writes it: BCP-47 (`zh-CN`, `zh-Hant-TW`, `sr-Latn`), with `_`
 * separators (`zh_CN`), or as a resource qualifier (`zh-rCN`, `b+sr+Latn`). Returns undefined
 * when the language subtag is not 2-3 letters.
 */
export function parseLocale(tag: string): LocaleRequest | undefined {
  let t = tag.trim();
  if (t.startsWith('b+')) t = t.slice(2).replaceAll('+', '-');
  const parts = t.split(/[-_]/);
  const language = (parts[0] ?? '').toLowerCase();
  if (!/^[a-z]{2,3}$/.test(language)) return undefined;
  let region = '';
  let script = '';
  let variant = '';
  for (const raw of parts.slice(1)) {
    const p = /^r[A-Za-z]{2}$/.test(raw) ? raw.slice(1) : raw;
    if (/^[A-Za-z]{4}$/.test(p) && script === '' && region === '') {
      script = p[0]!.toUpperCase() + p.slice(1).toLowerCase();
    } else if (/^([A-Za-z]{2}|\d{3})$/.test(p) && region === '') {
      region = p.toUpperCase();
    } else if (/^([A-Za-z0-9]{5,8}|\d[A-Za-z0-9]{3})$/.test(p) && variant === '') {
      variant = p.toLowerCase();
    } else {
      break; // extensions and anything else are ignored, as setBcp47Locale does
    }
  }
  const scriptComputed = script === '';
  if (scriptComputed) script = likelyScript(language, region);
  return { language, region, script, scriptComputed, variant };
}

const LATN = 'af ca cs cy da de en eo es et eu fi fil fo fr fy ga gd gl ha hr hu id in is it jv lb lt lv mg mi ms mt nb nl nn no oc pl pt rm ro sk sl so sq sv sw tl tr tk vi wo xh yo zu';
const CYRL = 'be bg kk ky mk ru sr tg tt uk';
const OTHER: Record<string, string> = {
  am: 'Ethi', ar: 'Arab', az: 'Latn', bn: 'Beng', bo: 'Tibt', bs: 'Latn', el: 'Grek', fa: 'Arab', gu: 'Gujr',
  he: 'Hebr', hi: 'Deva', hy: 'Armn', iw: 'Hebr', ja: 'Jpan', ka: 'Geor', km: 'Khmr', kn: 'Knda', ko: 'Kore',
  lo: 'Laoo', ml: 'Mlym', mn: 'Cyrl', mr: 'Deva', my: 'Mymr', ne: 'Deva', or: 'Orya', pa: 'Guru', ps: 'Arab',
  sd: 'Arab', si: 'Sinh', ta: 'Taml', te: 'Telu', th: 'Thai', ug: 'Arab', ur: 'Arab', uz: 'Latn', yi: 'Hebr', zh: 'Hans',
};
const SCRIPT_BY_LANGUAGE: ReadonlyMap<string, string> = new Map([
  ...LATN.split(' ').map((l) => [l, 'Latn'] as const),
  ...CYRL.split(' ').map((l) => [l, 'Cyrl'] as const),
  ...Object.entries(OTHER),
]);
/** Regions where a language's likely script differs from its default (CLDR likelySubtags). */
const SCRIPT_BY_REGION: Record<string, Record<string, string>> = {
  zh: { TW: 'Hant', HK: 'Hant', MO: 'Hant' },
  sr: { ME: 'Latn', RO: 'Latn', RU: 'Latn', TR: 'Latn' },
  pa: { PK: 'Arab' },
  uz: { AF: 'Arab', CN: 'Cyrl' },
  az: { IQ: 'Arab', IR: 'Arab', RU: 'Cyrl' },
  mn: { CN: 'Mong' },
  ms: { CC: 'Arab' },
};

/** localeDataComputeScript, reduced to the tables above; '' when unknown. */
export function likelyScript(language: string, region: string): string {
  return SCRIPT_BY_REGION[language]?.[region] ?? SCRIPT_BY_LANGUAGE.get(language) ?? '';
}

const US_REGIONS = new Set(['', 'US', 'AS', 'GU', 'MH', 'MP', 'PR', 'UM', 'VI']);

function langsAreEquivalent(a: string, b: string): boolean {
  return a === b || (a === 'tl' && b === 'fil') || (a === 'fil' && b === 'tl');
}

function hasLocale(c: ResConfig): boolean {
  return c.language !== '' || c.region !== '';
}

const imsi = (c: ResConfig): boolean => c.mcc !== 0 || c.mnc !== 0;
const screenType = (c: ResConfig): boolean => c.orientation !== 0 || c.touchscreen !== 0 || c.density !== 0;
const input = (c: ResConfig): boolean => c.keyboard !== 0 || c.navigation !== 0 || c.inputFlags !== 0;
const screenSize = (c: ResConfig): boolean => c.screenWidth !== 0 || c.screenHeight !== 0;
const version = (c: ResConfig): boolean => c.sdkVersion !== 0 || c.minorVersion !== 0;
const screenConfig = (c: ResConfig): boolean => c.screenLayout !== 0 || c.uiMode !== 0 || c.smallestScreenWidthDp !== 0;
const screenSizeDp = (c: ResConfig): boolean => c.screenWidthDp !== 0 || c.screenHeightDp !== 0;
const screenConfig2 = (c: ResConfig): boolean => c.screenLayout2 !== 0 || c.colorMode !== 0;

/** ResTable_config::match: can a resource with configuration `cfg` be used on device `dev`? */
export function configMatches(cfg: ResConfig, dev: ResConfig): boolean {
  if (imsi(cfg)) {
    if (cfg.mcc !== 0 && cfg.mcc !== dev.mcc) return false;
    if (cfg.mnc !== 0 && cfg.mnc !== dev.mnc) return false;
  }
  if (hasLocale(cfg)) {
    if (!langsAreEquivalent(cfg.language, dev.language)) return false;
    let countriesMustMatch = false;
    let script = '';
    if (dev.localeScript === '') {
      countriesMustMatch = true;
    } else if (cfg.localeScript === '' && !cfg.localeScriptWasComputed) {
      script = likelyScript(cfg.language, cfg.region);
      if (script === '') countriesMustMatch = true;
    } else {
      script = cfg.localeScript;
    }
    if (countriesMustMatch) {
      if (cfg.region !== '' && cfg.region !== dev.region) return false;
    } else if (script !== dev.localeScript) {
      return false;
    }
  }
  if (cfg.grammaticalInflection !== 0 && cfg.grammaticalInflection !== dev.grammaticalInflection) return false;
  if (screenConfig(cfg)) {
    const layoutDir = cfg.screenLayout & MASK_LAYOUTDIR;
    if (layoutDir !== 0 && layoutDir !== (dev.screenLayout & MASK_LAYOUTDIR)) return false;
    const size = cfg.screenLayout & MASK_SCREENSIZE;
    if (size !== 0 && size > (dev.screenLayout & MASK_SCREENSIZE)) return false;
    const long = cfg.screenLayout & MASK_SCREENLONG;
    if (long !== 0 && long !== (dev.screenLayout & MASK_SCREENLONG)) return false;
    const uiType = cfg.uiMode & MASK_UI_MODE_TYPE;
    if (uiType !== 0 && uiType !== (dev.uiMode & MASK_UI_MODE_TYPE)) return false;
    const night = cfg.uiMode & MASK_UI_MODE_NIGHT;
    if (night !== 0 && night !== (dev.uiMode & MASK_UI_MODE_NIGHT)) return false;
    if (cfg.smallestScreenWidthDp !== 0 && cfg.smallestScreenWidthDp > dev.smallestScreenWidthDp) return false;
  }
  if (screenConfig2(cfg)) {
    const round = cfg.screenLayout2 & MASK_SCREENROUND;
    if (round !== 0 && round !== (dev.screenLayout2 & MASK_SCREENROUND)) return false;
    const hdr = cfg.colorMode & MASK_HDR;
    if (hdr !== 0 && hdr !== (dev.colorMode & MASK_HDR)) return false;
    const wide = cfg.colorMode & MASK_WIDE_COLOR_GAMUT;
    if (wide !== 0 && wide !== (dev.colorMode & MASK_WIDE_COLOR_GAMUT)) return false;
  }
  if (screenSizeDp(cfg)) {
    if (cfg.screenWidthDp !== 0 && cfg.screenWidthDp > dev.screenWidthDp) return false;
    if (cfg.screenHeightDp !== 0 && cfg.screenHeightDp > dev.screenHeightDp) return false;
  }
  if (screenType(cfg)) {
    if (cfg.orientation !== 0 && cfg.orientation !== dev.orientation) return false;
    // density always matches: Android scales
    if (cfg.touchscreen !== 0 && cfg.touchscreen !== dev.touchscreen) return false;
  }
  if (input(cfg)) {
    const keysHidden = cfg.inputFlags & MASK_KEYSHIDDEN;
    const devKeysHidden = dev.inputFlags & MASK_KEYSHIDDEN;
    if (keysHidden !== 0 && keysHidden !== devKeysHidden) {
      // a request for "keyssoft" also accepts "keysexposed" resources
      if (keysHidden !== KEYSHIDDEN_NO || devKeysHidden !== KEYSHIDDEN_SOFT) return false;
    }
    const navHidden = cfg.inputFlags & MASK_NAVHIDDEN;
    if (navHidden !== 0 && navHidden !== (dev.inputFlags & MASK_NAVHIDDEN)) return false;
    if (cfg.keyboard !== 0 && cfg.keyboard !== dev.keyboard) return false;
    if (cfg.navigation !== 0 && cfg.navigation !== dev.navigation) return false;
  }
  if (screenSize(cfg)) {
    if (cfg.screenWidth !== 0 && cfg.screenWidth > dev.screenWidth) return false;
    if (cfg.screenHeight !== 0 && cfg.screenHeight > dev.screenHeight) return false;
  }
  if (version(cfg)) {
    if (cfg.sdkVersion !== 0 && cfg.sdkVersion > dev.sdkVersion) return false;
    if (cfg.minorVersion !== 0 && cfg.minorVersion !== dev.minorVersion) return false;
  }
  return true;
}

/** localeDataCompareRegions, reduced: the requested region > no region > any other region. */
function compareRegions(left: string, right: string, requested: string): number {
  if (left === right) return 0;
  const rank = (r: string): number => (r === requested ? 2 : r === '' ? 1 : 0);
  return Math.sign(rank(left) - rank(right));
}

/** ResTable_config::isLocaleBetterThan, for two configurations that both match `req`. */
function isLocaleBetterThan(a: ResConfig, b: ResConfig, req: ResConfig): boolean {
  if (!hasLocale(req)) return false;
  if (!hasLocale(a) && !hasLocale(b)) return false;
  if (!langsAreEquivalent(a.language, b.language)) {
    // No-language resources are where US English traditionally lives, so for en-US (and
    // regions close to it) they beat an English resource of some other region.
    if (req.language === 'en') {
      if (req.region === 'US') {
        if (a.language !== '') return a.region === '' || a.region === 'US';
        return !(b.region === '' || b.region === 'US');
      }
      if (US_REGIONS.has(req.region)) {
        if (a.language !== '') return US_REGIONS.has(a.region);
        return !US_REGIONS.has(b.region);
      }
    }
    return a.language !== '';
  }
  const regions = compareRegions(a.region, b.region, req.region);
  if (regions !== 0) return regions > 0;
  const aVariant = a.localeVariant === req.localeVariant;
  const bVariant = b.localeVariant === req.localeVariant;
  if (aVariant !== bVariant) return aVariant;
  const aNumbers = a.localeNumberingSystem === req.localeNumberingSystem;
  const bNumbers = b.localeNumberingSystem === req.localeNumberingSystem;
  if (aNumbers !== bNumbers) return aNumbers;
  return a.language === req.language && b.language !== req.language;
}

/**
 * ResTable_config::isBetterThan with a request: is `a` a better match than `b` for device
 * `req`? Both must already match `req` (configMatches).
 */
export function isBetterThan(a: ResConfig, b: ResConfig, req: ResConfig): boolean {
  if (imsi(a) || imsi(b)) {
    if (a.mcc !== b.mcc && req.mcc !== 0) return a.mcc !== 0;
    if (a.mnc !== b.mnc && req.mnc !== 0) return a.mnc !== 0;
  }
  if (isLocaleBetterThan(a, b, req)) return true;
  if (a.grammaticalInflection !== 0 || b.grammaticalInflection !== 0) {
    if (((a.grammaticalInflection ^ b.grammaticalInflection) & MASK_GENDER) !== 0 && (req.grammaticalInflection & MASK_GENDER) !== 0) {
      return (a.grammaticalInflection & MASK_GENDER) !== 0;
    }
  }
  if (a.screenLayout !== 0 || b.screenLayout !== 0) {
    if (((a.screenLayout ^ b.screenLayout) & MASK_LAYOUTDIR) !== 0 && (req.screenLayout & MASK_LAYOUTDIR) !== 0) {
      return (a.screenLayout & MASK_LAYOUTDIR) > (b.screenLayout & MASK_LAYOUTDIR);
    }
  }
  if (a.smallestScreenWidthDp !== 0 || b.smallestScreenWidthDp !== 0) {
    if (a.smallestScreenWidthDp !== b.smallestScreenWidthDp) return a.smallestScreenWidthDp > b.smallestScreenWidthDp;
  }
  if (screenSizeDp(a) || screenSizeDp(b)) {
    let aDelta = 0;
    let bDelta = 0;
    if (req.screenWidthDp !== 0) {
      aDelta += req.screenWidthDp - a.screenWidthDp;
      bDelta += req.screenWidthDp - b.screenWidthDp;
    }
    if (req.screenHeightDp !== 0) {
      aDelta += req.screenHeightDp - a.screenHeightDp;
      bDelta += req.screenHeightDp - b.screenHeightDp;
    }
    if (aDelta !== bDelta) return aDelta < bDelta;
  }
  if (a.screenLayout !== 0 || b.screenLayout !== 0) {
    if (((a.screenLayout ^ b.screenLayout) & MASK_SCREENSIZE) !== 0 && (req.screenLayout & MASK_SCREENSIZE) !== 0) {
      const aSize = a.screenLayout & MASK_SCREENSIZE;
      const bSize = b.screenLayout & MASK_SCREENSIZE;
      let aFixed = aSize;
      let bFixed = bSize;
      if ((req.screenLayout & MASK_SCREENSIZE) >= SCREENSIZE_NORMAL) {
        if (aFixed === 0) aFixed = SCREENSIZE_NORMAL;
        if (bFixed === 0) bFixed = SCREENSIZE_NORMAL;
      }
      if (aFixed === bFixed) return aSize !== 0;
      return aFixed > bFixed;
    }
    if (((a.screenLayout ^ b.screenLayout) & MASK_SCREENLONG) !== 0 && (req.screenLayout & MASK_SCREENLONG) !== 0) {
      return (a.screenLayout & MASK_SCREENLONG) !== 0;
    }
  }
  if (a.screenLayout2 !== 0 || b.screenLayout2 !== 0) {
    if (((a.screenLayout2 ^ b.screenLayout2) & MASK_SCREENROUND) !== 0 && (req.screenLayout2 & MASK_SCREENROUND) !== 0) {
      return (a.screenLayout2 & MASK_SCREENROUND) !== 0;
    }
  }
  if (a.colorMode !== 0 || b.colorMode !== 0) {
    if (((a.colorMode ^ b.colorMode) & MASK_WIDE_COLOR_GAMUT) !== 0 && (req.colorMode & MASK_WIDE_COLOR_GAMUT) !== 0) {
      return (a.colorMode & MASK_WIDE_COLOR_GAMUT) !== 0;
    }
    if (((a.colorMode ^ b.colorMode) & MASK_HDR) !== 0 && (req.colorMode & MASK_HDR) !== 0) {
      return (a.colorMode & MASK_HDR) !== 0;
    }
  }
  if (a.orientation !== b.orientation && req.orientation !== 0) return a.orientation !== 0;
  if (a.uiMode !== 0 || b.uiMode !== 0) {
    if (((a.uiMode ^ b.uiMode) & MASK_UI_MODE_TYPE) !== 0 && (req.uiMode & MASK_UI_MODE_TYPE) !== 0) {
      return (a.uiMode & MASK_UI_MODE_TYPE) !== 0;
    }
    if (((a.uiMode ^ b.uiMode) & MASK_UI_MODE_NIGHT) !== 0 && (req.uiMode & MASK_UI_MODE_NIGHT) !== 0) {
      return (a.uiMode & MASK_UI_MODE_NIGHT) !== 0;
    }
  }
  if (screenType(a) || screenType(b)) {
    if (a.density !== b.density) {
      const aDensity = a.density !== 0 ? a.density : DENSITY_MEDIUM;
      const bDensity = b.density !== 0 ? b.density : DENSITY_MEDIUM;
      if (aDensity === DENSITY_ANY) return true;
      if (bDensity === DENSITY_ANY) return false;
      const wanted = req.density === 0 || req.density === DENSITY_ANY ? DENSITY_MEDIUM : req.density;
      let h = aDensity;
      let l = bDensity;
      let aBigger = true;
      if (l > h) {
        [h, l] = [l, h];
        aBigger = false;
      }
      if (wanted >= h) return aBigger;
      if (l >= wanted) return !aBigger;
      // scaling down is reckoned twice as good as scaling up
      return (2 * l - wanted) * h > wanted * wanted ? !aBigger : aBigger;
    }
    if (a.touchscreen !== b.touchscreen && req.touchscreen !== 0) return a.touchscreen !== 0;
  }
  if (input(a) || input(b)) {
    const aKeys = a.inputFlags & MASK_KEYSHIDDEN;
    const bKeys = b.inputFlags & MASK_KEYSHIDDEN;
    if (aKeys !== bKeys) {
      const reqKeys = req.inputFlags & MASK_KEYSHIDDEN;
      if (reqKeys !== 0) {
        if (aKeys === 0) return false;
        if (bKeys === 0) return true;
        if (reqKeys === aKeys) return true;
        if (reqKeys === bKeys) return false;
      }
    }
    const aNav = a.inputFlags & MASK_NAVHIDDEN;
    const bNav = b.inputFlags & MASK_NAVHIDDEN;
    if (aNav !== bNav && (req.inputFlags & MASK_NAVHIDDEN) !== 0) {
      if (aNav === 0) return false;
      if (bNav === 0) return true;
    }
    if (a.keyboard !== b.keyboard && req.keyboard !== 0) return a.keyboard !== 0;
    if (a.navigation !== b.navigation && req.navigation !== 0) return a.navigation !== 0;
  }
  if (screenSize(a) || screenSize(b)) {
    let aDelta = 0;
    let bDelta = 0;
    if (req.screenWidth !== 0) {
      aDelta += req.screenWidth - a.screenWidth;
      bDelta += req.screenWidth - b.screenWidth;
    }
    if (req.screenHeight !== 0) {
      aDelta += req.screenHeight - a.screenHeight;
      bDelta += req.screenHeight - b.screenHeight;
    }
    if (aDelta !== bDelta) return aDelta < bDelta;
  }
  if (version(a) || version(b)) {
    if (a.sdkVersion !== b.sdkVersion && req.sdkVersion !== 0) return a.sdkVersion > b.sdkVersion;
    if (a.minorVersion !== b.minorVersion && req.minorVersion !== 0) return a.minorVersion !== 0;
  }
  return false;
}
