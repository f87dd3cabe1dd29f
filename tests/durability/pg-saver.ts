// Child process for the PostgreSQL save race: a bot process of its own (openAppAsync on DATABASE_URL) saving a deal
// through the admin form's save, the way an admin's edit arrives. Prints "ready" once open; then for each line
// "SLUG VERSION TITLE…" on standard input saves that deal with the new title as an edit of VERSION and prints the
// reply as one JSON line ({kind, code, version}); exits when standard input ends.
import { createInterface } from 'node:readline';
import { openAppAsync } from '../../src/app.ts';
import { dealFieldTexts, FIELD_IDS } from '../../src/core/forms/deal-fields.ts';
import { createLogger } from '../../src/log.ts';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
const app = await openAppAsync({ databaseUrl: url, seed: false, log: createLogger('silent') });
const user = { id: `cli:saver-${process.pid}`, name: `saver ${process.pid}`, platform: 'cli' as const, isOperator: true };
process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin, terminal: false })) {
  const [slug, version, ...title] = line.split(' ');
  const stored = await app.deals.getDeal(slug!);
  if (!stored) throw new Error(`no deal ${slug}`);
  const fields = dealFieldTexts({ ...stored.deal, title: title.join(' ') });
  const options: Record<string, string | number> = { mode: 'edit', slug: slug!, version: Number(version) };
  for (const id of FIELD_IDS) options[id] = fields[id];
  const reply = await app.core.handle({ command: 'deal-admin', subcommand: 'save', options, user });
  const saved = reply.kind === 'done' ? (await app.deals.getDeal(slug!))?.version : undefined;
  process.stdout.write(`${JSON.stringify({ kind: reply.kind, code: reply.kind === 'error' ? reply.code : undefined, message: 'message' in reply ? reply.message : undefined, version: saved })}\n`);
}
await app.close();
