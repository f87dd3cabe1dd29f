import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import regexp from 'eslint-plugin-regexp';

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
    // Every regex is linear-time: user and article text reach most of them, and one that backtracks (the form's old
    // value parser took 80 s on 600 characters) freezes the whole bot. The plugin's recommended set is left off: its
    // findings here were style, not risk.
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
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
