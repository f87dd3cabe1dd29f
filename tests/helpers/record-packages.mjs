// `node --import ./tests/helpers/record-packages.mjs …` appends the name of every package the process loads to the
// file in DEALBOT_RECORD_PACKAGES: how tests check that a subcommand loads only what it needs.
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(`
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  const m = /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(r.url);
  if (m && process.env.DEALBOT_RECORD_PACKAGES) appendFileSync(process.env.DEALBOT_RECORD_PACKAGES, m[1] + '\\n');
  return r;
}`),
);
