/** The report languages. Chinese first: it is the language of the tool's users. */
export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** Static text in both languages (titles, docs, rendered messages). */
export interface Localized {
  en: string;
  zh: string;
}

/**
 * Values a message template fills in. Never prose: identifiers (API, class and method names,
 * SDK, PI kind and owner ids), counts, paths and text quoted from the app. Words are added by the
 * report layer from the template's language.
 */
export type MessageData = Readonly<Record<string, string | number | readonly string[]>>;

/** A message of a shared catalogue (evidence notes, coverage notes), with its values. */
export interface MessageRef {
  id: string;
  data?: MessageData;
}
