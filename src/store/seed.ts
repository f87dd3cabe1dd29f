// Filling a new database with the shipped corpus in data/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDealFile, parseOrganisationFile, formatProblem } from '../deals/import-file.ts';
import { dataDir } from '../paths.ts';
import type { Store } from './store.ts';
import type { DealStore } from './types.ts';

/** The shipped corpus, in the package's data/ folder (the same from src/ and from the compiled dist/). */
export const DATA_DIR = join(dataDir(), '/');
export const CORPUS_FILE = `${DATA_DIR}deals.jsonl`;
export const ORGANISATIONS_FILE = `${DATA_DIR}organisations.json`;

export const SEED_ACTOR = { id: 'seed', platform: 'system' } as const;

export function seedStore(store: Store, files = { deals: CORPUS_FILE, organisations: ORGANISATIONS_FILE }): { deals: number } {
  const orgs = parseOrganisationFile(readFileSync(files.organisations, 'utf8'));
  if (!orgs.ok) throw new Error(`shipped organisations file is invalid:\n${orgs.problems.map(formatProblem).join('\n')}`);
  const deals = parseDealFile(readFileSync(files.deals, 'utf8'));
  if (!deals.ok) throw new Error(`shipped corpus is invalid:\n${deals.problems.map(formatProblem).join('\n')}`);
  store.upsertOrganisations(orgs.records);
  store.importDeals(deals.records, SEED_ACTOR);
  return { deals: deals.records.length };
}

/** seedStore for the async store interface (either backend). */
export async function seedDealStore(
  store: DealStore,
  files = { deals: CORPUS_FILE, organisations: ORGANISATIONS_FILE },
): Promise<{ deals: number }> {
  const orgs = parseOrganisationFile(readFileSync(files.organisations, 'utf8'));
  if (!orgs.ok) throw new Error(`shipped organisations file is invalid:\n${orgs.problems.map(formatProblem).join('\n')}`);
  const deals = parseDealFile(readFileSync(files.deals, 'utf8'));
  if (!deals.ok) throw new Error(`shipped corpus is invalid:\n${deals.problems.map(formatProblem).join('\n')}`);
  await store.upsertOrganisations(orgs.records);
  await store.importDeals(deals.records, SEED_ACTOR);
  return { deals: deals.records.length };
}

/**
 * What the shipped organisations are known for, given to the organisations of an existing store that already has
 * them (by name or alias); nothing else is changed and no organisation is added. Returns how many were updated.
 */
export async function seedKnown(store: DealStore, organisationsFile = ORGANISATIONS_FILE): Promise<number> {
  const orgs = parseOrganisationFile(readFileSync(organisationsFile, 'utf8'));
  if (!orgs.ok) throw new Error(`shipped organisations file is invalid:\n${orgs.problems.map(formatProblem).join('\n')}`);
  const updates = [];
  for (const o of orgs.records) {
    if (!o.known?.length) continue;
    const existing = await store.findOrganisation(o.name);
    if (existing && !existing.known?.length) updates.push({ name: existing.name, aliases: [], known: o.known });
  }
  if (updates.length) await store.upsertOrganisations(updates);
  return updates.length;
}
