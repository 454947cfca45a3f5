import type { Localized } from './types.js';

/** Fills `{{name}}` placeholders; unknown placeholders stay visible so that tests catch them. */
export function renderTemplate(template: string, data: Record<string, string | number> | undefined): string {
  if (data === undefined) return template;
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => {
    const v = data[key];
    return v === undefined ? whole : String(v);
  });
}

export function renderLocalized(message: Localized, data: Record<string, string | number> | undefined): Localized {
  return { en: renderTemplate(message.en, data), zh: renderTemplate(message.zh, data) };
}
