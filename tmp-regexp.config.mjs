import tseslint from 'typescript-eslint';
import regexp from '/tmp/rx/node_modules/eslint-plugin-regexp/dist/index.js';
export default [
  { files: ['src/**/*.ts', 'bench/ingest*.ts'], languageOptions: { parser: tseslint.parser }, plugins: { regexp }, rules: { 'regexp/no-super-linear-backtracking': 'error', 'regexp/no-super-linear-move': 'off' } },
];
