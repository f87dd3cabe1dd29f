import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

// Which way imports point (ARCHITECTURE.md): entry points (src/cli, src/main.ts) -> adapters -> wiring (src/app.ts,
// src/config.ts, src/ops) -> core (src/core, commands) -> search, ingest -> store -> deals. Nothing imports upwards, an
// adapter never imports another adapter, and there are no cycles (import-x/no-cycle below). Each layer lists what it
// must not import; `no-restricted-imports` patterns are matched against the import path as written, so `**/core/**`
// catches '../core/replies.ts' and '../../core/x.ts' alike. ESLint does not merge one rule's options across config
// objects, so every file gets exactly one list: `layer()` adds the platform SDKs where they are forbidden too.
const UP = {
  entry: { group: ['**/cli/**', '**/main.ts', '**/bin/**'], message: 'Only the entry points (src/cli, src/main.ts) import the entry points.' },
  adapters: { group: ['**/adapters/**'], message: 'Adapters sit above this layer: import the core instead, never an adapter.' },
  wiring: { group: ['**/app.ts', '**/config.ts', '**/ops/**'], message: 'Wiring (app, config, ops) sits above this layer; take what you need as a parameter.' },
  core: { group: ['**/core/**', '**/commands/**'], message: 'The core sits above this layer: search, store, deals and ingest never import it.' },
  search: { group: ['**/search/**'], message: 'Search sits above this layer.' },
  ingest: { group: ['**/ingest/**'], message: 'Ingest sits above this layer.' },
  store: { group: ['**/store/**'], message: 'The store sits above this layer.' },
  sdk: { group: ['discord.js', '@slack/*', '@discordjs/*'], message: 'Only adapters talk to a platform SDK.' },
};
const layer = (files, ...forbidden) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns: forbidden }] } });
const coreInsides = {
  group: ['**/core/handlers/**', '**/core/forms/**'],
  message: "Use the core's public modules (core.ts, replies.ts, targets.ts); handlers and forms are the core's own business.",
};
const otherAdapters = (self) => ({
  group: ['discord', 'slack', 'console'].filter((a) => a !== self).map((a) => `**/${a}/**`),
  message: 'An adapter never imports another adapter; shared pieces belong in the core.',
});
import regexp from 'eslint-plugin-regexp';

export default tseslint.config(
  { ignores: ['node_modules/**', 'coverage/**', 'tmp/**', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // The layers, top to bottom.
  layer(['src/adapters/discord/**'], UP.entry, otherAdapters('discord'), coreInsides),
  layer(['src/adapters/slack/**'], UP.entry, otherAdapters('slack'), coreInsides),
  layer(['src/adapters/console/**'], UP.entry, otherAdapters('console'), coreInsides),
  layer(['src/cli/**', 'src/main.ts'], coreInsides),
  layer(['src/app.ts', 'src/config.ts', 'src/ops/**'], UP.entry, UP.adapters, UP.sdk),
  layer(['src/core/**', 'commands/**'], UP.entry, UP.adapters, UP.wiring, UP.sdk),
  layer(['src/search/**'], UP.entry, UP.adapters, UP.wiring, UP.core, UP.ingest, UP.sdk),
  layer(['src/ingest/**'], UP.entry, UP.adapters, UP.wiring, UP.core, UP.search, UP.sdk),
  layer(['src/store/**'], UP.entry, UP.adapters, UP.wiring, UP.core, UP.search, UP.ingest, UP.sdk),
  layer(['src/deals/**', 'src/log.ts', 'src/paths.ts'], UP.entry, UP.adapters, UP.wiring, UP.core, UP.search, UP.ingest, UP.store, UP.sdk),
  {
    // No import cycles among our sources (type-only imports included: a cycle of types is still a tangle).
    files: ['src/**/*.ts', 'commands/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js'] })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/extensions': ['.ts', '.js'],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
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
);
