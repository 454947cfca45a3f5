#!/usr/bin/env node
// Bundles the CLI into one ESM file (dist/src/cli/bundle.mjs): Node then reads and links one module
// instead of about a hundred, which is a third of a small audit's wall time. tsc's per-file output
// in dist/src stays for library use and tests. dist/pledge-audit.mjs, the bin, is a launcher that
// has the bundle's code compiled once, not on every start: with V8's compile cache built into Node
// ≥ 22.1 (module.enableCompileCache) it imports the ESM bundle; older Node (20) has no such cache
// for modules, so the launcher runs the same code built as a CommonJS script (bundle.cjs) through
// vm.Script with V8's code cache kept in the temp folder (100 ms of a 1 s audit on Node 20).
import { build } from 'esbuild';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The CLI, and the worker thread a single audit runs its app in (--timeout, --memory;
// src/cli/single-audit.ts), each behind a launcher written below.
const BUNDLES = [
  ['src/cli/bin.ts', 'dist/src/cli/bundle', 'dist/pledge-audit.mjs', 'CLI', './src/cli/bundle'],
  ['src/batch/worker.ts', 'dist/src/cli/worker-bundle', 'dist/src/cli/pledge-audit-worker.mjs', 'audit worker', './worker-bundle'],
];
// Native (better-sqlite3) or file-layout-dependent (bullmq) packages load from node_modules at
// run time; the batch commands import them lazily, so a single-app audit never loads them.
const EXTERNAL = ['better-sqlite3', 'bullmq'];
const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: false, legalComments: 'none', external: EXTERNAL, logLevel: 'warning' };
for (const [entry, out] of BUNDLES) {
  await build({
    ...common,
    entryPoints: [join(root, entry)],
    outfile: join(root, `${out}.mjs`),
    format: 'esm',
    // CommonJS dependencies inside an ESM bundle need a require.
    banner: { js: "import { createRequire as __pledgeRequire } from 'node:module'; const require = __pledgeRequire(import.meta.url);" },
  });
  // The script form for Node without a module compile cache: import.meta.url is the script's own
  // URL, and a dynamic import() of an external package goes through the launcher's import (a
  // vm.Script has no module loader of its own without an experimental option).
  await build({
    ...common,
    entryPoints: [join(root, entry)],
    outfile: join(root, `${out}.cjs`),
    format: 'cjs',
    define: { 'import.meta.url': '__pledgeMetaUrl' },
    banner: { js: "var __pledgeMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  const file = join(root, `${out}.cjs`);
  let text = readFileSync(file, 'utf8');
  for (const name of EXTERNAL) text = text.replaceAll(`import("${name}")`, `__pledgeImport("${name}")`);
  if (/\bimport\(\s*["'`]/.test(text.replace(/^\s*\*.*$/gm, ''))) throw new Error(`${out}.cjs: a dynamic import() other than of ${EXTERNAL.join(', ')} is left`);
  // The wrapper is written here, so that the launcher compiles the file's text as it is, with no
  // copy of 1.5 MB made at every start.
  text = `(function (exports, require, module, __filename, __dirname, __pledgeImport) {"use strict";${text.replace(/^#!.*/, '')}\n})`;
  writeFileSync(file, text);
}

// The launcher. The cache file is named by the script's size and time and by Node's version and
// architecture (V8 itself rejects a cache made with other flags), in a folder of the user's own
// that nobody else can write; any failure to read or write it only costs the compile.
// NODE_DISABLE_COMPILE_CACHE turns it off, as it does Node's own.
const launcher = (what, bundle, shebang) => `${shebang ? '#!/usr/bin/env node\n' : ''}// Launcher (scripts/bundle.mjs): the bundled ${what}, compiled once and then from V8's code cache.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { threadId } from 'node:worker_threads';

if (typeof module.enableCompileCache === 'function') {
  try {
    module.enableCompileCache();
  } catch {
    // No cache directory can be written: it runs without it.
  }
  await import('${bundle}.mjs');
} else {
  const file = fileURLToPath(new URL('${bundle}.cjs', import.meta.url));
  const source = readFileSync(file, 'utf8');
  let cacheFile;
  let cachedData;
  if (process.env.NODE_DISABLE_COMPILE_CACHE === undefined) {
    try {
      const uid = process.getuid?.();
      const dir = join(tmpdir(), \`pledge-audit-compile-cache\${uid === undefined ? '' : \`-\${uid}\`}\`);
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const d = statSync(dir);
      if (uid === undefined || (d.uid === uid && (d.mode & 0o022) === 0)) {
        const s = statSync(file);
        cacheFile = join(dir, \`\${basename(file)}-\${s.size}-\${Math.round(s.mtimeMs)}-\${process.version}-\${process.arch}.bin\`);
        try {
          cachedData = readFileSync(cacheFile);
        } catch {
          // Not made yet.
        }
      }
    } catch {
      cacheFile = undefined;
    }
  }
  const script = new Script(source, { filename: file, cachedData });
  if (cacheFile !== undefined && (cachedData === undefined || script.cachedDataRejected === true)) {
    const save = () => {
      try {
        const tmp = \`\${cacheFile}.\${process.pid}.\${threadId}\`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
        // The caches of earlier builds of this script are of no further use.
        const dir = dirname(cacheFile);
        for (const f of readdirSync(dir)) if (f.startsWith(\`\${basename(file)}-\`) && f.endsWith('.bin') && join(dir, f) !== cacheFile) rmSync(join(dir, f), { force: true });
      } catch {
        // The next run compiles again.
      }
    };
    // The CLI makes it at exit, so that it holds the functions the run compiled, not only the top
    // level; a worker thread is terminated without an exit event, so it makes it once loaded.
    if (threadId === 0) process.once('exit', save);
    else setImmediate(save);
  }
  const cjs = { exports: {} };
  script.runInThisContext()(cjs.exports, module.createRequire(file), cjs, file, dirname(file), (specifier) => import(specifier));
}
`;
for (const [, , path, what, bundle] of BUNDLES) {
  const cli = path === 'dist/pledge-audit.mjs';
  writeFileSync(join(root, path), launcher(what, bundle, cli), cli ? { mode: 0o755 } : {});
}

// The data tables are validated against their schemas here, once, with the validator the CLI uses;
// the CLI then skips validating a table whose text hashes as recorded (src/util/data-path.ts).
const { validate } = await import(pathToFileURL(join(root, 'dist/src/util/json-schema.js')).href);
const { tableHash, VALIDATED_TABLES } = await import(pathToFileURL(join(root, 'dist/src/util/data-path.js')).href);
const hashes = {};
for (const name of readdirSync(join(root, 'rules/data')).filter((f) => f.endsWith('.json')).sort()) {
  const text = readFileSync(join(root, 'rules/data', name), 'utf8');
  const schema = JSON.parse(readFileSync(join(root, 'schema/data', name.replace(/\.json$/, '.schema.json')), 'utf8'));
  const problem = validate(JSON.parse(text), schema);
  if (problem !== undefined) throw new Error(`rules/data/${name} does not match its schema: ${problem}`);
  hashes[name] = tableHash(text);
}
writeFileSync(join(root, 'dist/src', VALIDATED_TABLES), `${JSON.stringify(hashes, null, 2)}\n`);
