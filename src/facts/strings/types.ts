import type { Location } from '../../model/index.js';

/** The lexicon groups of CLAUSES.md §2.3 (rules/data/lexicon.json). */
export type LexiconGroup =
  | 'POLICY'
  | 'CONSENT_AGREE'
  | 'CONSENT_REFUSE'
  | 'CONSENT_WEAK'
  | 'CONSENT_READ'
  | 'RIGHTS_WITHDRAW'
  | 'RIGHTS_LISTS'
  | 'RIGHTS_ACCESS'
  | 'DELETE'
  | 'DELETE_CONDITIONS'
  | 'LOGIN'
  | 'ACCOUNT'
  | 'COMPLAINT'
  | 'PERSONALISE'
  | 'SEPARATE'
  | 'TIMING';

/** Where a piece of app text was found. */
export type TextOrigin = 'resource' | 'layout' | 'xml' | 'dex' | 'asset' | 'native';

/** One lexicon term found in one piece of app text. */
export interface TextHit {
  group: LexiconGroup;
  /** The lexicon term as written in rules/data/lexicon.json. */
  term: string;
  lang: 'zh' | 'en';
  origin: TextOrigin;
  location: Location;
  /** Up to ~120 characters of the text around the match (app-controlled: escaped by reporters). */
  snippet: string;
  /** BCP-47 locale of the resource configuration the text came from ('' = default); resources only. */
  locale?: string;
  /** Element path in a layout, menu or XML resource (`/LinearLayout/CheckBox[2]`); layout and xml origins only. */
  path?: string;
}

/** A URL, e-mail address or phone number extracted from app text. */
export interface ExtractedValue {
  kind: 'url' | 'email' | 'phone';
  value: string;
  origin: TextOrigin;
  location: Location;
  snippet: string;
  /** Element path in a layout, menu or XML resource; layout and xml origins only. */
  path?: string;
}

/** A CheckBox/Switch/ToggleButton (or subclass) that a layout declares checked. */
export interface CheckedToggle {
  /** `res/layout/activity_splash.xml` (with the element's line), and `path` the element path in it. */
  location: Location;
  /** Element path in the layout: `/LinearLayout/CheckBox`, `/LinearLayout/Button[2]`. */
  path: string;
  /** Widget class as written (`CheckBox`, `androidx.appcompat.widget.AppCompatCheckBox`, …). */
  widget: string;
  /** Its text (android:text / android:contentDescription), references resolved in the default configuration. */
  text: string;
  /** Text of the sibling views in the same parent (a consent checkbox is often labelled by a TextView next to it). */
  siblingText: string[];
}

/** A text asset (or raw resource) that reads as a bundled privacy policy or agreement. */
export interface BundledDocument {
  entry: string;
  location: Location;
  /** The document's text with markup removed, bounded in size. */
  text: string;
}

/**
 * Every piece of text the app shows or carries, searchable by lexicon group: resource strings in
 * every locale, compiled layouts/menus/xml, DEX const-strings, text assets (HTML, JS, JSON, TXT,
 * React Native and uni-app bundles), and strings of native libraries where cheap (Flutter's
 * libapp.so). Built once per app, lazily; every read is bounded.
 */
export interface StringIndex {
  hits(group: LexiconGroup): readonly TextHit[];
  has(group: LexiconGroup): boolean;
  urls(): readonly ExtractedValue[];
  emails(): readonly ExtractedValue[];
  phones(): readonly ExtractedValue[];
  checkedToggles(): readonly CheckedToggle[];
  /** Assets and raw resources whose text carries POLICY terms (bundled privacy policies, agreements). */
  bundledDocuments(): readonly BundledDocument[];
  /**
   * Pieces of text indexed per origin; whether some reads stopped at their limit (evidence may be
   * incomplete); and which result lists were capped (`POLICY`, `urls`, …: the list holds its first
   * entries only, `has()` is unaffected).
   */
  readonly stats: { items: Record<TextOrigin, number>; truncated: boolean; capped: readonly string[] };
  /** Whether the app had assets and native libraries for the index to read. */
  readonly artifacts: { readonly assets: 'analysed' | 'absent'; readonly native: 'analysed' | 'absent' };
}
