// Versioned schema migrations. Each runs in its own transaction with PRAGMA user_version bumped inside it, so a
// database is never left half-migrated: a crash mid-migration rolls back to the previous version.

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'deals, organisations, aliases, parties, areas, quotes, sources, audit, usage, full-text index',
    sql: `
      CREATE TABLE organisations (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL UNIQUE,
        country TEXT
      );
      CREATE TABLE aliases (
        id INTEGER PRIMARY KEY,
        org_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        alias TEXT NOT NULL,
        alias_key TEXT NOT NULL UNIQUE,
        created_by TEXT
      );
      CREATE INDEX aliases_org ON aliases(org_id);

      CREATE TABLE deals (
        id INTEGER PRIMARY KEY,
        slug TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        type TEXT NOT NULL,
        status TEXT NOT NULL,
        binding INTEGER,
        announced TEXT NOT NULL,
        value_amount REAL,
        value_currency TEXT,
        summary TEXT NOT NULL,
        -- The canonical JSON of the deal as validated: cards and exports read it, so a round trip is exact.
        doc TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      );
      CREATE INDEX deals_announced ON deals(announced);
      CREATE INDEX deals_type ON deals(type);

      CREATE TABLE deal_parties (
        deal_id INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        org_id INTEGER NOT NULL REFERENCES organisations(id),
        role TEXT NOT NULL,
        PRIMARY KEY (deal_id, position)
      );
      CREATE INDEX deal_parties_org ON deal_parties(org_id);
      CREATE TABLE deal_areas (
        deal_id INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        area TEXT NOT NULL,
        PRIMARY KEY (deal_id, position)
      );
      CREATE TABLE deal_quotes (
        deal_id INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        speaker TEXT NOT NULL,
        title TEXT,
        text TEXT NOT NULL,
        PRIMARY KEY (deal_id, position)
      );
      CREATE TABLE deal_sources (
        deal_id INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        url TEXT NOT NULL,
        publisher TEXT,
        title TEXT,
        published TEXT,
        PRIMARY KEY (deal_id, position)
      );

      -- Every change, written in the same transaction as the change itself.
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        platform TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT NOT NULL,
        before_doc TEXT,
        after_doc TEXT
      );
      CREATE INDEX audit_subject ON audit_log(subject, id);

      -- What people ask, for stats (top queries, questions that found nothing). No user ids: nothing secret.
      CREATE TABLE usage (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        platform TEXT NOT NULL,
        command TEXT NOT NULL,
        query TEXT NOT NULL,
        outcome TEXT NOT NULL,
        slug TEXT
      );
      CREATE INDEX usage_at ON usage(at);

      -- Full-text index over live deals; rowid = deals.id. Kept in step by the deal repository in the same transaction.
      CREATE VIRTUAL TABLE deals_fts USING fts5(
        parties, title, areas, summary,
        tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE VIRTUAL TABLE deals_fts_vocab USING fts5vocab(deals_fts, 'row');
    `,
  },
  {
    version: 2,
    description: 'index on deals.updated_at: search extends its vocabulary with deals written since it last looked',
    sql: `
      CREATE INDEX IF NOT EXISTS deals_updated ON deals(updated_at);
    `,
  },
  {
    version: 3,
    description: 'deals.closed: when a deal completed or was terminated (filled from each stored document)',
    sql: `
      ALTER TABLE deals ADD COLUMN closed TEXT;
      UPDATE deals SET closed = json_extract(doc, '$.closed');
    `,
  },
  {
    version: 4,
    description: 'covering indexes for question lists (by year, type, status, value; and by id): no read of the large deal rows',
    sql: `
      CREATE INDEX IF NOT EXISTS deals_list ON deals(announced, type, status, value_amount, value_currency, deleted_at);
      CREATE INDEX IF NOT EXISTS deals_row_cover ON deals(id, deleted_at, type, status, announced, value_amount, value_currency);
    `,
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
