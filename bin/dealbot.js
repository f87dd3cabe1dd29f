#!/usr/bin/env node
// Runs the compiled build (dist/, made by `npm ci` through the prepare script, or `npm run build`).
import { existsSync } from 'node:fs';

const main = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('dealbot: the compiled build is missing (dist/). Run `npm run build` (npm ci does it too).\n');
  process.exit(2);
}
await import(main.href);
