import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const STAGES = ['model', 'util', 'apk', 'axml', 'arsc', 'manifest', 'dex', 'sign', 'native', 'input', 'sdk', 'facts', 'engine', 'i18n', 'report', 'config', 'batch', 'cli'];
const DECODERS = ['apk', 'axml', 'arsc', 'manifest', 'dex', 'sign', 'native', 'input', 'sdk'];
const RULES = '**/rules/**';
/** An import of a folder of src/, from anywhere (relative specifiers). */
const folder = (name) => `**/${name}/*`;

/** One no-restricted-imports block per layer; type imports count too (they form cycles as well). */
function layers(list) {
  return list.map(({ files, ignores, forbid, why }) => ({
    files,
    ...(ignores === undefined ? {} : { ignores }),
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: forbid.filter((f) => !f.startsWith('node:') && f !== 'zlib'), message: why }], paths: forbid.filter((f) => f.startsWith('node:') || f === 'zlib').map((name) => ({ name, message: why })) }] },
  }));
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'fixtures/apk/**', 'fixtures/src/**/assets/**', 'fixtures/src/**/files/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
      // sanitisers and binary decoders match control characters on purpose
      'no-control-regex': 'off',
      // src/ is the library: only src/cli (and scripts) may talk to the process
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts', 'rules/**/*.ts'],
    ignores: ['src/cli/**', 'src/batch/**'],
    rules: {
      'no-console': 'error',
      'no-restricted-globals': ['error', { name: 'process', message: 'Only src/cli and src/batch touch the process.' }],
    },
  },

  // The layers (docs/architecture.md): each folder imports only what is to its left.
  ...layers([
    { files: ['src/model/**'], forbid: ['../*'], why: 'src/model holds the shared types and imports nothing else of ours' },
    { files: ['src/util/**'], forbid: STAGES.filter((s) => s !== 'util' && s !== 'model').map(folder), why: 'src/util is below every stage' },
    { files: DECODERS.map((d) => `src/${d}/**`), forbid: [...['facts', 'engine', 'report', 'i18n', 'config', 'batch', 'cli'].map(folder), RULES], why: 'decoders turn bytes into models; they know nothing of facts, checks or reports' },
    { files: ['src/facts/**'], forbid: [...['engine', 'report', 'i18n', 'config', 'batch', 'cli'].map(folder), RULES], why: 'facts are derived from decoders; checks and reports read them, not the other way round' },
    { files: ['src/engine/**'], forbid: [...DECODERS.map(folder), ...['report', 'i18n', 'config', 'batch', 'cli'].map(folder), RULES], why: 'the engine runs checks over facts; the composition root hands it the rules' },
    { files: ['src/i18n/**'], forbid: STAGES.filter((s) => !['i18n', 'model', 'util'].includes(s)).map(folder), why: 'the interface catalogue holds words, not logic' },
    {
      files: ['src/report/**'],
      ignores: ['src/report/build.ts', 'src/report/messages.ts', 'src/report/lists-build.ts'],
      forbid: [...DECODERS.map(folder), folder('facts'), folder('config'), folder('batch'), folder('cli'), RULES],
      why: 'reporters read the report model, never facts or bytes (src/report/build.ts and lists-build.ts build the models)',
    },
    {
      files: ['rules/**'],
      forbid: [...['report', 'dex', 'sign', 'apk', 'arsc', 'axml', 'native', 'i18n', 'config', 'batch', 'cli'].map(folder), 'node:zlib', 'zlib'],
      why: 'checks read facts and helpers only: never decoders, the archive or reporters',
    },
  ]),
);
