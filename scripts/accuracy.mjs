#!/usr/bin/env node
// npm run accuracy: pledge-audit against the hand-verified truth set in test/accuracy/labels/.
//
//   node scripts/accuracy.mjs                 precision (true as worded, and with the right owner)
//                                             and recall per check and overall, over every label file
//   node scripts/accuracy.mjs --json          the same as JSON
//   node scripts/accuracy.mjs --ratchet       also writes test/accuracy/open.json, the known problems
//                                             the accuracy test tolerates (run after fixing or labelling)
//   node scripts/accuracy.mjs --skeleton F    a label file for corpus APK F (path relative to
//                                             ../shared/corpus), with every fail/warn finding of the
//                                             current build to be labelled; existing labels kept
//
// Needs `npm run build` and ../shared beside the clone (PLEDGE_SHARED overrides). The same
// matching runs in test/accuracy/accuracy.test.ts, which fails when a labelled false finding
// returns, a labelled true finding disappears, a startup fact is missed, or a fail/warn finding
// has no label.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const shared = process.env.PLEDGE_SHARED ?? resolve(root, '../shared');
const labelsDir = join(root, 'test/accuracy/labels');
const { audit } = await import(join(root, 'dist/src/index.js'));
const { CLAUSES } = await import(join(root, 'dist/rules/index.js'));
const { compare, identityOf } = await import(join(root, 'dist/src/accuracy/compare.js'));

async function findingsOf(file) {
  const r = await audit(join(shared, 'corpus', file), { clauses: CLAUSES });
  if (r.status !== 'ok') throw new Error(`${file}: ${r.error.code} ${r.error.message}`);
  return r;
}

const args = process.argv.slice(2);
if (args[0] === '--skeleton') {
  const file = args[1];
  if (file === undefined) throw new Error('usage: accuracy.mjs --skeleton apk/<name>.apk');
  const out = join(labelsDir, `${basename(file, '.apk')}.json`);
  const old = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : undefined;
  const report = await findingsOf(file);
  const sha = readFileSync(join(shared, 'corpus/MANIFEST.tsv'), 'utf8').split('\n').map((l) => l.split('\t')).find((c) => c[0] === file)?.[1];
  const findings = [];
  for (const c of report.clauses) {
    for (const f of c.findings) {
      if (f.verdict !== 'fail' && f.verdict !== 'warn') continue;
      const id = identityOf(f, c.findings);
      const kept = old?.findings?.find((l) => JSON.stringify(l.id) === JSON.stringify(id));
      findings.push(kept ?? { id, message: f.message.en, verdict: f.verdict, label: null, ownerCorrect: null, reason: '' });
    }
  }
  // Labels of findings this build no longer gives stay: a false one must not come back unseen,
  // a true one is a finding the build has lost.
  for (const l of old?.findings ?? []) if (!findings.includes(l)) findings.push(l);
  const doc = {
    file,
    sha256: sha ?? null,
    package: report.target.package,
    verifiedWith: old?.verifiedWith ?? [],
    startup: old?.startup ?? [],
    findings,
  };
  writeFileSync(out, `${JSON.stringify(doc, null, 2)}\n`);
  console.log(`${out}: ${findings.length} labels (${findings.filter((f) => f.label === null).length} to label)`);
  process.exit(0);
}

const files = existsSync(labelsDir) ? readdirSync(labelsDir).filter((f) => f.endsWith('.json')) : [];
const results = [];
for (const f of files) {
  const labels = JSON.parse(readFileSync(join(labelsDir, f), 'utf8'));
  const report = await findingsOf(labels.file);
  results.push(compare(labels, report));
}
const { summarize, renderSummary, openProblems } = await import(join(root, 'dist/src/accuracy/compare.js'));
const summary = summarize(results);
if (args.includes('--ratchet')) {
  // Records today's known problems; test/accuracy/accuracy.test.ts fails on any other.
  const open = Object.fromEntries(results.map((r) => [r.file, openProblems(r)]).filter(([, v]) => v.length > 0).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(join(root, 'test/accuracy/open.json'), `${JSON.stringify(open, null, 2)}\n`);
  console.log(`test/accuracy/open.json: ${Object.values(open).flat().length} known problems in ${Object.keys(open).length} apps`);
}
if (args.includes('--details')) {
  // What stands between the build and the truth set, app by app.
  for (const r of results) {
    const lines = [
      ...r.labelled.filter((l) => l.found && l.label.label === false).map((l) => `  false    ${l.label.id.check} ${l.label.id.at} [${l.label.id.owner}]: ${l.label.reason}`),
      ...r.labelled.filter((l) => l.found && l.label.label === true && l.label.ownerCorrect === false).map((l) => `  owner    ${l.label.id.check} ${l.label.id.at} [${l.label.id.owner}]: ${l.label.reason}`),
      ...r.labelled.filter((l) => !l.found && l.label.label === true).map((l) => `  lost     ${l.label.id.check} ${l.label.id.at} [${l.label.id.owner}]: ${l.label.reason}`),
      ...r.missed.map((m) => `  missed   ${m.kind} ${m.pi ?? m.sdk ?? ''} ${m.api} at ${m.at} from ${m.root} (${m.path.length - 1} hops${m.hops?.some((h) => h.startsWith('async')) ? `, ${m.hops.filter((h) => h.startsWith('async')).join(' ')}` : ''})`),
      // A label judged one wording; when the wording changed, the label must be checked again.
      ...r.labelled.filter((l) => l.found && l.label.message !== undefined && l.message !== l.label.message).map((l) => `  reworded ${l.label.label} ${l.label.id.check} ${l.label.id.at} [${l.label.id.owner}]\n      was: ${l.label.message}\n      now: ${l.message}\n      why: ${l.label.reason}`),
      ...r.unlabelled.map((u) => `  unlabelled ${u.check} ${u.id.at} [${u.id.owner}]: ${u.message}`),
    ];
    if (lines.length > 0) console.log(`${r.file}\n${lines.join('\n')}`);
  }
} else if (args.includes('--json')) console.log(JSON.stringify(summary, null, 2));
else process.stdout.write(renderSummary(summary));
