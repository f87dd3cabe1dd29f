// Full-text retrieval on PostgreSQL: the two bounded strategies search uses on SQLite, over the weighted tsvector.
// Groundwork for moving search's SQL behind the store (issue 15); the benchmark times them at 100k deals.
//  - ranked: a GIN lookup then ts_rank over the matches — cheap while the words are rare;
//  - newest-first: walk the (announced DESC, id DESC) btree and test each row against the query, stopping after
//    `limit` — cheap when the words are common (a word in 85 % of rows costs ~0.1 s to rank, ~1 ms this way).
import type pg from 'pg';

export interface Hit {
  id: number;
  rank: number;
}

/** Words as typed -> a tsquery of all of them (plainto_tsquery: no operator syntax reaches PostgreSQL), accents folded. */
const QUERY = `plainto_tsquery('simple', dealbot_unaccent($1))`;

export async function rankedMatches(pool: pg.Pool, words: string, limit: number): Promise<Hit[]> {
  const r = await pool.query<Hit>(
    `SELECT id, ts_rank(search, q) AS rank FROM deals, ${QUERY} AS q
     WHERE search @@ q AND deleted_at IS NULL ORDER BY rank DESC, id DESC LIMIT $2`,
    [words, limit],
  );
  return r.rows;
}

export async function newestMatches(pool: pg.Pool, words: string, limit: number): Promise<Hit[]> {
  const r = await pool.query<Hit>(
    `SELECT id, 0 AS rank FROM deals WHERE search @@ ${QUERY} AND deleted_at IS NULL
     ORDER BY announced DESC, id DESC LIMIT $2`,
    [words, limit],
  );
  return r.rows;
}

/** How many live deals match: what choosing between the two strategies would ask (itself costly for common words). */
export async function countMatches(pool: pg.Pool, words: string): Promise<number> {
  const r = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM deals WHERE search @@ ${QUERY} AND deleted_at IS NULL`, [words]);
  return r.rows[0]!.n;
}
