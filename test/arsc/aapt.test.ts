import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openZip } from '../../src/apk/zip.js';
import { FileSource } from '../../src/apk/source.js';
import { parseArsc } from '../../src/arsc/index.js';
import { corpusPath, hasCorpus } from '../helpers/corpus.js';

/**
 * Cross-check against the real toolchain: `aapt dump --values resources` is run on a few
 * corpus APKs inside the test (no goldens are stored), and every resource it prints must have
 * our name, our configuration qualifiers, our type and data, and, in the default
 * configuration, our string. Skipped when aapt is not on PATH.
 */
const hasAapt = spawnSync('aapt', ['version'], { encoding: 'utf8' }).status === 0;

const APKS = [
  'apk/androguard__com.test.intent_filter.apk', // appcompat: 150 configurations, 80 locales
  'apk/lionu-android-sdk-demo__demo.apk',
  'apk/insecurebankv2__app-release.apk',
  'apk/umeng-channel-tool__CrossWeather_12e.apk', // Chinese strings, old aapt (36-byte configs)
  'apk/mobsf__Xposed.apk',
  'apk/apktool__sparse.apk', // sparse type chunks
  'apk/sharesdk__ShareSDK-Sample-2.6.3.apk',
];

interface AaptEntry {
  id: number;
  name: string;
  config: string;
  /** Res_value type and data, or 'bag'. */
  value: { type: number; data: number } | 'bag';
  /** The printed string (escaped by aapt's normalizeForOutput). */
  string?: string;
}

function aaptDump(apk: string): AaptEntry[] {
  const r = spawnSync('aapt', ['dump', '--values', 'resources', apk], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  expect(r.status).toBe(0);
  const out: AaptEntry[] = [];
  let config = '';
  let last: AaptEntry | undefined;
  for (const line of r.stdout.split('\n')) {
    const cfg = /^ {6}config (.+?)(?: flags=0x[0-9a-f]+(?: \[\w+\])?)?:$/.exec(line);
    if (cfg !== null) {
      config = cfg[1] === '(default)' ? 'default' : cfg[1]!;
      continue;
    }
    const res = /^ {8}resource 0x([0-9a-f]{8}) ([^:]+:[^:]+): (?:t=0x([0-9a-f]{2}) d=0x([0-9a-f]{8})|<bag>)/.exec(line);
    if (res !== null) {
      last = {
        id: Number.parseInt(res[1]!, 16),
        name: res[2]!,
        config,
        value: res[3] === undefined ? 'bag' : { type: Number.parseInt(res[3], 16), data: Number.parseInt(res[4]!, 16) },
      };
      out.push(last);
      continue;
    }
    const str = /^ {10}\(string(?:8|16)\) "(.*)"$/.exec(line);
    if (str !== null && last !== undefined && last.value !== 'bag' && last.string === undefined) last.string = str[1]!;
  }
  return out;
}

/** ResTable::normalizeForOutput: a C string (up to NUL) with \\, newline and " escaped. */
function normalizeForOutput(s: string): string {
  const cut = s.indexOf('\0');
  return (cut < 0 ? s : s.slice(0, cut)).replaceAll('\\', '\\\\').replaceAll('\n', '\\n').replaceAll('"', '\\"');
}

describe.skipIf(!hasAapt || !hasCorpus())('agreement with aapt dump resources', () => {
  it.each(APKS)('%s', (rel) => {
    const path = corpusPath(rel);
    const expected = aaptDump(path);
    expect(expected.length).toBeGreaterThan(20);
    const t = parseArsc(openZip(new FileSource(path)).read('resources.arsc'));
    let strings = 0;
    for (const e of expected) {
      const n = t.nameOf(e.id);
      expect(n && `${n.package}:${n.type}/${n.key}`, `name of 0x${e.id.toString(16)}`).toBe(e.name);
      const ours = t.entries(e.id).filter((v) => v.qualifiers === e.config);
      expect(ours.length, `${e.name} in ${e.config}`).toBeGreaterThan(0);
      const v = ours[0]!;
      if (e.value === 'bag') {
        expect(v.bag, `${e.name} in ${e.config} is a bag`).toBeDefined();
        continue;
      }
      expect(v.value, `${e.name} in ${e.config}`).toMatchObject(e.value);
      if (e.config === 'default' && e.string !== undefined) {
        expect(normalizeForOutput(v.value!.string ?? ''), `${e.name}`).toBe(e.string);
        expect(t.resolve(e.id)?.qualifiers).toBe('default');
        strings++;
      }
    }
    expect(strings).toBeGreaterThan(0);
    // and nothing of ours is missing from aapt's dump
    const seen = new Set(expected.map((e) => `${e.id}|${e.config}`));
    for (const id of t.resourceIds()) for (const v of t.entries(id)) expect(seen.has(`${id}|${v.qualifiers}`), `0x${id.toString(16)} ${v.qualifiers}`).toBe(true);
  });
});
