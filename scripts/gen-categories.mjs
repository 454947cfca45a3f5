#!/usr/bin/env node
// Generates rules/data/categories.json from ../shared/reference/regulatory/necessary-pi-39.json:
// the 39 app types of 《常见类型移动互联网应用程序必要个人信息范围规定》(2021), their necessary
// personal information as the reference transcribed it, English aliases, and the device-sourced
// PI kinds (rules/data/pi-apis.json) that the necessary information implies. Only location is ever
// implied: registration phone numbers, names, addresses and payment data are typed by the user, not
// read from device APIs, and an IM "contact account list" is not the address book (CLAUSES.md §4).
import { readFileSync } from 'node:fs';
import { done, emit, requires } from './lib/emit.mjs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.PLEDGE_SHARED ?? resolve(root, '../shared');
const source = 'reference/regulatory/necessary-pi-39.json';
requires([{ path: join(shared, source), install: '../shared beside the clone' }]);
const rows = JSON.parse(readFileSync(join(shared, source), 'utf8'));

const ALIASES = {
  1: ['map-navigation', 'maps', 'navigation'],
  2: ['ride-hailing', 'taxi'],
  3: ['instant-messaging', 'messaging', 'im'],
  4: ['online-community', 'community', 'forum'],
  5: ['online-payment', 'payment'],
  6: ['online-shopping', 'shopping', 'e-commerce'],
  7: ['food-delivery'],
  8: ['express-delivery', 'courier'],
  9: ['transport-ticketing'],
  10: ['dating'],
  11: ['recruitment', 'jobs'],
  12: ['online-lending', 'lending'],
  13: ['real-estate', 'housing'],
  14: ['used-cars'],
  15: ['medical-appointment', 'telemedicine'],
  16: ['travel'],
  17: ['hotel'],
  18: ['online-game', 'game', 'games'],
  19: ['education', 'learning'],
  20: ['local-services'],
  21: ['womens-health'],
  22: ['car-services'],
  23: ['investment', 'wealth-management'],
  24: ['mobile-banking', 'banking'],
  25: ['email-cloud-storage', 'email', 'cloud-storage'],
  26: ['video-conferencing', 'remote-meeting'],
  27: ['live-streaming'],
  28: ['audio-video', 'streaming-media'],
  29: ['short-video'],
  30: ['news'],
  31: ['fitness', 'sports'],
  32: ['browser'],
  33: ['input-method', 'keyboard', 'ime'],
  34: ['security', 'security-management'],
  35: ['e-books', 'ebooks', 'reading'],
  36: ['photo-beautify', 'camera', 'photo'],
  37: ['app-store'],
  38: ['utilities', 'tools'],
  39: ['show-ticketing', 'event-tickets'],
};

/** Device-sourced PI kinds a necessary-PI item implies. */
function kindsOf(item) {
  return /位置信息|行踪轨迹|出发地|到达地/.test(item) ? ['LOCATION'] : [];
}

if (rows.length !== 39) throw new Error(`expected 39 types, got ${rows.length}`);
const categories = rows.map((r) => {
  const aliases = ALIASES[r.type_no];
  if (aliases === undefined) throw new Error(`no aliases for type ${r.type_no}`);
  const known = Array.isArray(r.necessary_pi);
  return {
    no: r.type_no,
    name: r.name,
    short: r.name.replace(/类$/, ''),
    aliases,
    basicFunction: r.basic_function ?? null,
    // null: the reference did not see this type's list; [] (for 13 types): none is needed.
    necessaryPi: known ? r.necessary_pi : null,
    necessaryKinds: known ? [...new Set(r.necessary_pi.flatMap(kindsOf))].sort() : null,
    noPiNeeded: known && r.necessary_pi.length === 0,
    status: r.status,
    sources: r.sources ?? [],
  };
});
const noPi = categories.filter((c) => c.noPiNeeded).length;
if (noPi !== 13) throw new Error(`expected 13 types that need no PI, got ${noPi}`);
const out = {
  source: `../shared/${source} (rows cite their pages); aliases and necessaryKinds by scripts/gen-categories.mjs`,
  categories,
};
emit(join(root, 'rules/data/categories.json'), `${JSON.stringify(out, null, 2)}\n`);
done(`rules/data/categories.json: ${categories.length} types, ${noPi} need no PI, ${categories.filter((c) => c.necessaryPi === null).length} without a transcribed list`);
