#!/usr/bin/env node
// Records the element and attribute names androguard (Debian package `androguard`) prints for
// every binary XML in ../shared/corpus/axml/, into test/data/axml-androguard-names.json, so that
// test/axml/corpus.test.ts can compare our decoder with it without androguard installed.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { done, emit, requires } from './lib/emit.mjs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';

const here = dirname(fileURLToPath(import.meta.url));
const dir = join(process.env.PLEDGE_SHARED ?? resolve(here, '../../shared'), 'corpus/axml');
requires([{ path: dir, install: '../shared beside the clone' }, { tool: 'androguard', install: 'apt-get install androguard' }]);
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true, parseAttributeValue: false, parseTagValue: false });
const out = {};
for (const f of readdirSync(dir).sort()) {
  let xml;
  try {
    xml = execFileSync('androguard', ['axml', join(dir, f)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 120000 });
  } catch {
    out[f] = { androguard: 'failed' };
    continue;
  }
  const elements = [];
  const walk = (nodes) => {
    for (const n of nodes) {
      const tag = Object.keys(n).find((k) => k !== ':@' && k !== '#text');
      if (tag === undefined) continue;
      const attrs = Object.keys(n[':@'] ?? {}).filter((a) => !a.startsWith('xmlns')).sort();
      elements.push([tag, attrs]);
      walk(n[tag]);
    }
  };
  walk(parser.parse(xml));
  out[f] = { elements };
}
emit(join(here, '../test/data/axml-androguard-names.json'), `${JSON.stringify(out, null, 1)}\n`);
done(`test/data/axml-androguard-names.json: ${Object.keys(out).length} files`);
