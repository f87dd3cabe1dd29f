// What "consistent" means for a dealbot database, checked from the outside with a fresh connection (which also runs
// SQLite's recovery of the write-ahead log, as the next start of the bot would).
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { generateDeals } from '../../bench/generate.ts';
import { serialiseDeals } from '../../src/deals/import-file.ts';
import type { Deal } from '../../src/deals/schema.ts';

export interface Consistency {
  integrity: string;
  foreignKeyProblems: number;
  liveDeals: number;
  /** Live deals missing from the full-text index, plus index rows with no live deal. */
  ftsOutOfStep: number;
  /** FTS5's own check of its index structure ('ok' or the error). */
  ftsIntegrity: string;
  /** Deals whose party/area/source rows do not match their stored document. */
  rowsOutOfStep: number;
  /** Full-text titles that differ from the deal's title. */
  ftsStale: number;
}

export function checkDatabase(path: string): Consistency {
  const db = new Database(path);
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const foreignKeyProblems = (db.pragma('foreign_key_check') as unknown[]).length;
    const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const liveDeals = one('SELECT count(*) AS n FROM deals WHERE deleted_at IS NULL');
    const ftsOutOfStep =
      one(`SELECT count(*) AS n FROM deals d WHERE d.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM deals_fts f WHERE f.rowid = d.id)`) +
      one(`SELECT count(*) AS n FROM deals_fts f WHERE NOT EXISTS (SELECT 1 FROM deals d WHERE d.id = f.rowid AND d.deleted_at IS NULL)`);
    const rowsOutOfStep = one(`SELECT count(*) AS n FROM deals d WHERE
        json_array_length(d.doc, '$.parties') != (SELECT count(*) FROM deal_parties p WHERE p.deal_id = d.id)
     OR json_array_length(d.doc, '$.sources') != (SELECT count(*) FROM deal_sources s WHERE s.deal_id = d.id)
     OR json_array_length(d.doc, '$.areas') != (SELECT count(*) FROM deal_areas a WHERE a.deal_id = d.id)
     OR json_extract(d.doc, '$.title') != d.title`);
    const ftsStale = one(`SELECT count(*) AS n FROM deals d JOIN deals_fts f ON f.rowid = d.id WHERE f.title != d.title`);
    let ftsIntegrity = 'ok';
    try {
      db.prepare(`INSERT INTO deals_fts(deals_fts) VALUES ('integrity-check')`).run();
    } catch (e) {
      ftsIntegrity = (e as Error).message;
    }
    return { integrity, foreignKeyProblems, liveDeals, ftsOutOfStep, ftsIntegrity, rowsOutOfStep, ftsStale };
  } finally {
    db.close();
  }
}

export const SOUND = { integrity: 'ok', foreignKeyProblems: 0, ftsOutOfStep: 0, ftsIntegrity: 'ok', rowsOutOfStep: 0, ftsStale: 0 };

/** Counts of the given slugs present as live deals. */
export function countSlugs(path: string, slugs: readonly string[]): number {
  const db = new Database(path, { readonly: true });
  try {
    const stmt = db.prepare('SELECT 1 FROM deals WHERE slug = ? AND deleted_at IS NULL');
    return slugs.filter((s) => stmt.get(s) !== undefined).length;
  } finally {
    db.close();
  }
}

/** Synthetic deals (the benchmark's generator) written as an import file; `avoid` drops slugs already used. */
export function writeImportFile(path: string, n: number, seed: number, avoid: ReadonlySet<string> = new Set()): Deal[] {
  const deals = generateDeals(n + avoid.size, seed).deals.filter((d) => !avoid.has(d.slug!)).slice(0, n);
  writeFileSync(path, serialiseDeals(deals));
  return deals;
}
