import { readFileSync } from 'node:fs';
import { ingestText } from '../src/ingest/ingest.ts';
import { Store } from '../src/store/store.ts';
import { seedStore } from '../src/store/seed.ts';
const { store } = Store.open(':memory:'); seedStore(store);
const orgs = store.listOrganisations().map((o) => ({ name: o.name, aliases: o.aliases }));
for (const f of process.argv.slice(2)) { const r = ingestText(readFileSync(f, 'utf8'), orgs); console.log(JSON.stringify(r.draft.quotes, null, 1), r.notes.quotes); }
