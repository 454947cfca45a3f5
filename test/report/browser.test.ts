import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML_CSP, renderHtml } from '../../src/report/html.js';
import { hostileApk, hostileReport, hostileTextManifest } from './hostile.js';

/**
 * The HTML report of hostile apps in a real browser: Debian's headless Chromium loads it with
 * background networking off, dumps the DOM after scripts would have run, and takes a screenshot.
 * Nothing may execute and the payload must show as text, with the CSP and, to prove the escaping
 * on its own, without it. A control page with one unescaped payload shows the harness sees
 * execution when it happens. CI installs chromium (.ci/run); elsewhere the test is skipped.
 */
const CHROMIUM = ['chromium', 'chromium-browser'].find((b) => spawnSync(b, ['--version'], { encoding: 'utf8' }).status === 0);
if (CHROMIUM === undefined) console.warn('browser test skipped: chromium is not installed (apt-get install chromium)');

const work = mkdtempSync(join(tmpdir(), 'pledge-browser-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function chromium(args: string[]): { stdout: string; status: number | null; stderr: string } {
  const r = spawnSync(
    CHROMIUM as string,
    ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-extensions', `--user-data-dir=${join(work, 'profile')}`, '--virtual-time-budget=3000', ...args],
    { encoding: 'utf8', timeout: 90_000, maxBuffer: 64 * 1024 * 1024 },
  );
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

function page(name: string, html: string): string {
  const path = join(work, name);
  writeFileSync(path, html);
  return pathToFileURL(path).href;
}

function dumpDom(url: string): string {
  const r = chromium(['--dump-dom', url]);
  expect(r.status, r.stderr.slice(-2000)).toBe(0);
  return r.stdout;
}

/** What a payload would change if it ran: the title, a body attribute, new elements. */
function executed(dom: string): string[] {
  const signs: string[] = [];
  const title = /<title>([^<]*)<\/title>/.exec(dom)?.[1] ?? '';
  if (title.includes('PWNED') && !title.includes('&lt;script&gt;')) signs.push(`title changed to ${title}`);
  if (/<body[^>]*data-pwned/.test(dom)) signs.push('body attribute set');
  if (/<script/i.test(dom)) signs.push('a <script> element exists');
  if (/<img/i.test(dom)) signs.push('an <img> element exists');
  return signs;
}

let html = '';
beforeAll(async () => {
  html = renderHtml([await hostileTextManifest(), await hostileApk(), await hostileReport()], { lang: 'en' });
});

describe.skipIf(CHROMIUM === undefined)('HTML report in headless Chromium', () => {
  it('runs nothing from the app and shows the payload as text, with its CSP', () => {
    const dom = dumpDom(page('report.html', html));
    expect(executed(dom)).toEqual([]);
    expect(dom).toMatch(/<title>pledge-audit · REDlink&lt;script&gt;document\.title='PWNED-SCRIPT'/);
    expect(dom).toContain(`&lt;img src=x onerror="document.title='PWNED-IMG'`);
    expect(dom).toContain('&lt;/style&gt;&lt;script&gt;');
    // The style block survived the </style> in app text: the page is still styled.
    expect(dom.match(/<style>/g)).toHaveLength(1);
  });

  it('runs nothing even without the CSP: the escaping alone holds', () => {
    const bare = html.replace(`<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">`, '');
    expect(bare).not.toContain('Content-Security-Policy');
    expect(executed(dumpDom(page('no-csp.html', bare)))).toEqual([]);
  });

  it('the harness sees execution when a payload is not escaped (control)', () => {
    const bare = html.replace(`<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">`, '');
    const control = bare.replace('<main>', `<main><script>document.title='PWNED-CONTROL';document.body.setAttribute('data-pwned','c')</script>`);
    const signs = executed(dumpDom(page('control.html', control)));
    expect(signs).toContain('title changed to PWNED-CONTROL');
    expect(signs).toContain('body attribute set');
  });

  it('renders to a screenshot', () => {
    const png = join(work, 'report.png');
    const r = chromium(['--window-size=1280,2400', '--hide-scrollbars', `--screenshot=${png}`, page('shot.html', html)]);
    expect(r.status, r.stderr.slice(-2000)).toBe(0);
    expect(statSync(png).size).toBeGreaterThan(10_000);
    expect(readFileSync(png).subarray(1, 4).toString('latin1')).toBe('PNG');
  });
});
