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
    description:
      'change feed (a generation bumped in the same transaction as each change, a row per changed deal or organisation) ' +
      'and shared state with expiry (de-duplication claims, form drafts)',
    sql: `
      -- One row: the newest committed generation, and how far old change rows have been pruned.
      CREATE TABLE store_generation (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        value INTEGER NOT NULL,
        pruned_through INTEGER NOT NULL DEFAULT 0
      );
      INSERT INTO store_generation (id, value, pruned_through) VALUES (1, 0, 0);
      -- kind: 'deal' (ref_id = deals.id, key = slug) or 'organisation' (ref_id = organisations.id, key = name).
      CREATE TABLE changes (
        generation INTEGER NOT NULL,
        kind TEXT NOT NULL,
        ref_id INTEGER NOT NULL,
        key TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (generation, kind, ref_id)
      ) WITHOUT ROWID;
      -- Keyed values two processes must agree on; expires_at in milliseconds since the epoch.
      CREATE TABLE shared_state (
        key TEXT PRIMARY KEY,
        value TEXT,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX shared_state_expiry ON shared_state(expires_at);
    `,
  },
  {
    version: 5,
    description: 'review_queue: drafts from followed feeds, one row per feed item (never drafted twice), waiting for an admin',
    sql: `
      CREATE TABLE review_queue (
        id INTEGER PRIMARY KEY,
        feed_url TEXT NOT NULL,
        -- The item's identity within its feed (guid/id, link, or a hash of title and date).
        item_key TEXT NOT NULL,
        title TEXT NOT NULL,
        link TEXT,
        published TEXT,
        -- pending (waiting), saved, skipped, or no_deal (the item told no deal: kept so it is never drafted again).
        status TEXT NOT NULL DEFAULT 'pending',
        -- The ingest result as JSON: {draft, notes, missing, flagged}.
        draft_doc TEXT NOT NULL,
        created_at TEXT NOT NULL,
        decided_at TEXT,
        decided_by TEXT,
        slug TEXT,
        UNIQUE (feed_url, item_key)
      );
      CREATE INDEX review_queue_status ON review_queue(status, id);
    `,
  },
  {
    version: 6,
    description: 'covering indexes for question lists (by year, type, status, value; and by id): no read of the large deal rows',
    sql: `
      CREATE INDEX IF NOT EXISTS deals_list ON deals(announced, type, status, value_amount, value_currency, deleted_at);
      CREATE INDEX IF NOT EXISTS deals_row_cover ON deals(id, deleted_at, type, status, announced, value_amount, value_currency);
    `,
  },
  {
    version: 7,
    description: 'what each organisation is known for (its trade, brands and products, as a JSON array), for questions that describe a company',
    sql: `ALTER TABLE organisations ADD COLUMN known TEXT;`,
  },
  {
    version: 8,
    description: 'list index led by the type: a list of one type with a common topic walks only that type\'s deals, in date order',
    sql: `
      CREATE INDEX IF NOT EXISTS deals_type_list ON deals(type, announced, status, value_amount, value_currency, deleted_at);
    `,
  },
  {
    version: 9,
    description: 'party index by organisation with the deal and role: a company\'s deals (and its role in each) read from the index alone',
    sql: `
      CREATE INDEX IF NOT EXISTS deal_parties_org_deal ON deal_parties(org_id, deal_id, role);
    `,
  },
  {
    version: 10,
    description: 'party index by deal with the organisation and role: the parties of the deals a question ranks read from the index alone',
    sql: `
      CREATE INDEX IF NOT EXISTS deal_parties_deal ON deal_parties(deal_id, position, org_id, role);
    `,
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
