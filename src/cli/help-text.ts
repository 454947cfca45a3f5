import { Help, InvalidArgumentError, type Command, type HelpConfiguration, type Option, type Argument } from 'commander';
import { CLI } from '../i18n/catalog.js';
import { stripAnsi } from '../report/sanitize.js';
import { displayWidth } from '../report/width.js';
import type { Lang } from '../model/index.js';
import { resolveCategories, UnknownCategoryError } from '../engine/categories.js';

/**
 * commander's own words, in the user's language: help section titles, the "(choices: …, default:
 * …)" it appends, and its error messages (rewritten from the English it produces, by shape).
 */
export function localizedHelp(lang: Lang): HelpConfiguration {
  const t = CLI[lang];
  const extras = (o: { argChoices?: string[] | undefined; defaultValue?: unknown; defaultValueDescription?: string | undefined; description: string }, showDefault: boolean): string => {
    const bits: string[] = [];
    if (o.argChoices !== undefined) bits.push(t.choices(o.argChoices.join(lang === 'zh' ? '、' : ', ')));
    if (showDefault && o.defaultValue !== undefined) bits.push(t.default(o.defaultValueDescription ?? String(o.defaultValue)));
    if (bits.length === 0) return o.description;
    const extra = lang === 'zh' ? `（${bits.join('；')}）` : `(${bits.join(', ')})`;
    return o.description === '' ? extra : lang === 'zh' ? `${o.description}${extra}` : `${o.description} ${extra}`;
  };
  return {
    styleTitle: (s: string) => t.titles[s] ?? s,
    // Chinese text has no spaces to wrap at and takes two columns a character.
    displayWidth: (s: string) => displayWidth(stripAnsi(s)),
    boxWrap(this: Help, str: string, width: number): string {
      if (width < this.minWidthToWrap) return str;
      return str
        .split(/\r\n|\n/)
        .map((line) => {
          const chunks = line.match(CHUNK) ?? [''];
          const lines: string[] = [];
          let current = '';
          for (const chunk of chunks) {
            if (current !== '' && displayWidth(current + chunk) > width) {
              lines.push(current);
              current = chunk.trimStart();
            } else current += chunk;
          }
          lines.push(current);
          return lines.join('\n');
        })
        .join('\n');
    },
    commandUsage(this: Help, cmd: Command): string {
      const usage = Help.prototype.commandUsage.call(this, cmd);
      return lang === 'zh' ? usage.replace('[options]', '[选项]').replace('[command]', '[命令]') : usage;
    },
    optionDescription: (o: Option) => extras(o, (o.required || o.optional) && o.defaultValue !== undefined),
    argumentDescription: (a: Argument) => extras(a, true),
  };
}

/** Wrap points: before a word, or before any CJK character (closing punctuation stays with what it closes). */
const CHUNK = /\s*(?:[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef][，。；：、）」』》！？]*|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+[，。；：、）」』》！？]*)/g;

/** A parser for an option with a fixed set of values, with its error in the user's language. */
export function oneOf<T extends string>(values: readonly T[], what: string, lang: Lang) {
  return (v: string): T => {
    if ((values as readonly string[]).includes(v)) return v as T;
    throw new InvalidArgumentError(lang === 'zh' ? `${what} 只能是：${values.join('、')}` : `${what} must be one of: ${values.join(', ')}`);
  };
}

/** The parser of --category (repeatable, comma lists, numbers or names): the audit, diff and scan share it. */
export function appCategories(value: string, previous: string[] | undefined): string[] {
  try {
    return [...(previous ?? []), ...resolveCategories([value])];
  } catch (e) {
    if (e instanceof UnknownCategoryError) throw new InvalidArgumentError(e.message);
    throw e;
  }
}

const SHAPES: [RegExp, (m: RegExpMatchArray, c: (typeof CLI)['zh']['commander']) => string][] = [
  [/^error: unknown option '([^']*)'(?:\n\(Did you mean (.+)\?\))?/, (m, c) => c.unknownOption(m[1] ?? '', m[2] === undefined ? '' : c.didYouMean(m[2]))],
  [/^error: unknown command '([^']*)'(?:\n\(Did you mean (.+)\?\))?/, (m, c) => c.unknownCommand(m[1] ?? '', m[2] === undefined ? '' : c.didYouMean(m[2]))],
  [/^error: missing required argument '([^']*)'/, (m, c) => c.missingArgument(m[1] ?? '')],
  [/^error: option '([^']*)' argument missing/, (m, c) => c.optionMissingArgument(m[1] ?? '')],
  [/^error: required option '([^']*)' not specified/, (m, c) => c.missingMandatoryOption(m[1] ?? '')],
  [/^error: too many arguments.*Expected (\d+) arguments? but got (\d+)/, (m, c) => c.excessArguments(Number(m[1]), Number(m[2]))],
  [
    /^error: option '([^']*)' argument '([^']*)' is invalid\. (.*)$/s,
    (m, c) => c.invalidArgument(m[1] ?? '', m[2] ?? '', (m[3] ?? '').replace(/^Allowed choices are (.*)\.$/, (_w, l: string) => c.allowedChoices(l.split(', ').join('、'))).trim()),
  ],
  [/^error: command-argument value '([^']*)' is invalid for argument '([^']*)'\. (.*)$/s, (m, c) => c.invalidArgument(m[2] ?? '', m[1] ?? '', (m[3] ?? '').trim())],
];

/** commander prints `error: …` lines in English; under zh they are said again in Chinese. */
export function translateCommanderError(text: string, lang: Lang): string {
  if (lang === 'en') return text;
  const c = CLI.zh.commander;
  const body = text.replace(/\n$/, '');
  for (const [re, say] of SHAPES) {
    const m = body.match(re);
    if (m !== null) return `${c.error}：${say(m, c)}\n`;
  }
  return text;
}
