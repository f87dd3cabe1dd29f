import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'coverage/**', 'tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The core, search, store and deal model never reach for a platform SDK: that is the adapters' job.
    files: ['src/core/**', 'src/search/**', 'src/store/**', 'src/deals/**', 'commands/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['discord.js', '@slack/*', '**/adapters/**'] }],
    },
  },
);
