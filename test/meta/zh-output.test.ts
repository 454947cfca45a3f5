import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLAUSES } from '../../rules/index.js';
import { audit } from '../../src/index.js';
import { main } from '../../src/cli/program.js';
import { renderRecords } from '../../src/report/render.js';
import type { AuditRecord } from '../../src/report/model.js';
import { englishPhrases } from '../helpers/english.js';
import { FIXTURE_APKS } from '../helpers/fixtures.js';

const fixtures = readdirSync(FIXTURE_APKS).filter((f) => f.endsWith('.apk')).map((f) => f.replace(/\.apk$/, ''));

/** Text of an HTML page as a reader sees it: no tags, no style sheet, entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_w, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&(amp|lt|gt|quot);/g, (_w, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"' })[e] ?? e);
}

function verbatim(record: AuditRecord): string[] {
  if (record.status !== 'ok') return [];
  const details = record.clauses.flatMap((c) => c.findings.flatMap((f) => f.evidence.map((e) => e.detail ?? '')));
  return [...new Set(details.filter((d) => d.length >= 8))].sort((a, b) => b.length - a.length);
}

describe('--lang zh reports are Chinese apart from identifiers and quoted app text', () => {
  it.each(fixtures)('%s: text (verbose) and HTML', async (name) => {
    const record = await audit(`${FIXTURE_APKS}/${name}.apk`, { clauses: CLAUSES });
    for (const [format, verbose] of [['text', true], ['html', false]] as const) {
      const out = renderRecords([record], format, { lang: 'zh', color: false, verbose, clauses: CLAUSES });
      let text = format === 'html' ? visibleText(out) : out;
      // Evidence details are what was seen in the app, verbatim (quoted app text, identifiers).
      for (const d of verbatim(record)) text = text.split(d).join(' ');
      const lines = text.split('\n').filter((l) => englishPhrases(l).length > 0);
      expect(lines, `${name} ${format}`).toEqual([]);
    }
  });
});

describe('the command line speaks Chinese under --lang zh or a Chinese locale', () => {
  const run = async (argv: string[], env: Record<string, string> = {}): Promise<{ out: string; err: string; code: number }> => {
    let out = '';
    let err = '';
    const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s), isTTY: false, env, cwd: process.cwd() });
    return { out, err, code };
  };
  const commands = [[], ['audit'], ['dump'], ['dump', 'manifest'], ['dump', 'classes'], ['sdks'], ['rules'], ['scan'], ['worker'], ['report']];

  it.each(commands.map((c) => [c.join(' ') || '(top level)', c] as const))('help of %s', async (_name, cmd) => {
    for (const how of [{ argv: [...cmd, '--help', '--lang', 'zh'], env: {} }, { argv: [...cmd, '--help'], env: { LANG: 'zh_CN.UTF-8' } }, { argv: [...cmd, '--help'], env: { LANGUAGE: 'zh_CN:en', LANG: 'en_US.UTF-8' } }]) {
      const r = await run(how.argv, how.env);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/用法：/);
      // The command line itself (`pledge-audit dump manifest`) is typed as it is.
      expect(r.out.split('\n').filter((l) => englishPhrases(l.replace(/pledge-audit( [a-z-]+)*/g, ' ')).length > 0), JSON.stringify(how)).toEqual([]);
    }
  });

  it('usage errors, and an input that cannot be read', async () => {
    for (const argv of [['--bogus'], ['audit'], ['audit', 'x.apk', '--format', 'pdf'], ['audit', 'no-such-file.apk'], ['rules', '--format']]) {
      const r = await run([...argv, '--lang', 'zh']);
      expect(r.err, argv.join(' ')).not.toBe('');
      expect(r.err.split('\n').filter((l) => englishPhrases(l.replace(/（[^）]*）$/, '')).length > 0), argv.join(' ')).toEqual([]);
    }
  });

  it('LANG=C or an English locale keeps English', async () => {
    for (const env of [{ LANG: 'C' }, { LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' }, { LANGUAGE: 'zh_CN', LC_ALL: 'C' }]) {
      const r = await run(['--help'], env);
      expect(r.out, JSON.stringify(env)).toMatch(/^Usage:/);
    }
  });
});
