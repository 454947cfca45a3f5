import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
);
