// The deal store: deals with their parties, areas, quotes and sources; organisations and aliases; the audit log and
// usage records. Every write runs in one transaction together with its audit row and its full-text index update.
import { knownField } from './known.ts';
import type { Deal, Organisation } from '../deals/schema.ts';
import { REVIEW_COLS, type ReviewRow } from './review-queue.ts';
import { canonicalDeal } from '../deals/schema.ts';
import { nameKey } from '../deals/names.ts';
import type BetterSqlite3 from 'better-sqlite3';
import { describeSqliteError, openDatabase, type Db } from './db.ts';
import type { StoreDump } from './types.ts';

type Statement = BetterSqlite3.Statement<unknown[]>;

export interface Actor {
  id: string;
  name?: string | undefined;
  platform: string;
}

export interface StoredDeal {
  id: number;
  deal: Deal;
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}


export interface OrganisationRow {
  id: number;
  name: string;
  country: string | null;
  aliases: string[];
  /** What it is known for (organisations.json `known`), when recorded. */
  known?: string[];
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  platform: string;
  action: string;
  subject: string;
  before: unknown;
  after: unknown;
}

export interface ListFilter {
  company?: string | undefined;
  type?: string | undefined;
  year?: number | undefined;
  offset?: number;
  limit?: number;
}

export interface UsageStats {
  since: string;
  queries: number;
  found: number;
  notFound: number;
  top: { query: string; count: number }[];
  misses: { query: string; count: number }[];
}

export class ConflictError extends Error {
  constructor(
    message: string,
    readonly currentVersion: number,
  ) {
    super(message);
  }
}
export class NotFoundError extends Error {}
export class DuplicateError extends Error {}

const USAGE_MAX_ROWS = 100_000;
/** Usage rows older than this many days are deleted (USAGE_RETENTION_DAYS). */
export const DEFAULT_USAGE_RETENTION_DAYS = 90;
/** Rows deleted by one prune (one short transaction), so pruning never holds the write lock for long. */
const USAGE_PRUNE_BATCH = 5_000;
/** How often a running bot prunes, besides at start and after batches of recorded rows. */
const USAGE_PRUNE_EVERY_MS = 3_600_000;
const USAGE_BATCH = 50;
const USAGE_FLUSH_MS = 250;
/** Usage rows kept in memory while another process holds the write lock; the oldest go first beyond this. */
const USAGE_MAX_BUFFERED = 20_000;

function nowIso(): string {
  return new Date().toISOString();
}

export class Store {
  /** Bumped on every write through this connection; search caches compare it (and PRAGMA data_version). */
  private generation = 0;

  constructor(readonly db: Db) {}

  static open(path: string): { store: Store; created: boolean; applied: number[] } {
    const { db, created, applied } = openDatabase(path);
    return { store: new Store(db), created, applied };
  }

  close(): void {
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    this.flushUsage(true);
    if (this.db.open) this.db.close();
  }

  /**
   * A consistent copy of the whole database in `path`, through SQLite's online backup: other connections (the
   * running bot) keep reading and writing meanwhile.
   */
  async backup(path: string): Promise<{ totalPages: number }> {
    const r = await this.db.backup(path);
    return { totalPages: r.totalPages };
  }

  private dataVersionStmt: Statement | undefined;

  /** Changes whenever this or another connection commits a write; cheap enough to call per query. */
  changeStamp(): string {
    this.dataVersionStmt ??= this.db.prepare('PRAGMA data_version').pluck();
    return `${this.generation}:${this.dataVersionStmt.get() as number}`;
  }

  /**
   * Runs `fn` in an IMMEDIATE transaction, translating disk-full/read-only errors into clear StoreErrors. The deals
   * and organisations it changed go to the change feed in the same transaction, under one new generation.
   */
  write<T>(fn: () => T): T {
    try {
      const result = this.db
        .transaction(() => {
          this.pendingChanges = new Map();
          const r = fn();
          this.commitChanges();
          return r;
        })
        .immediate();
      this.generation++;
      return result;
    } catch (e) {
      throw describeSqliteError(e) ?? e;
    } finally {
      this.pendingChanges = undefined;
    }
  }

  /** Deals and organisations changed by the running write(), keyed `kind:id`. */
  private pendingChanges: Map<string, { kind: 'deal' | 'organisation'; id: number }> | undefined;

  private noteChange(kind: 'deal' | 'organisation', id: number): void {
    this.pendingChanges?.set(`${kind}:${id}`, { kind, id });
  }

  /**
   * Bumps the generation and writes one change row per changed deal (keyed by its slug now) or organisation (by its
   * name). The generation row is updated inside the write lock, so generations commit in order.
   */
  private commitChanges(): void {
    const pending = this.pendingChanges;
    if (!pending || pending.size === 0) return;
    const generation = this.stmt('UPDATE store_generation SET value = value + 1 WHERE id = 1 RETURNING value').pluck().get() as number;
    const at = nowIso();
    const ins = this.stmt('INSERT INTO changes (generation, kind, ref_id, key, at) VALUES (?,?,?,?,?)');
    const slug = this.stmt('SELECT slug AS change_key FROM deals WHERE id = ?').pluck();
    const name = this.stmt('SELECT name AS change_key FROM organisations WHERE id = ?').pluck();
    for (const c of pending.values()) {
      const key = (c.kind === 'deal' ? slug.get(c.id) : name.get(c.id)) as string | undefined;
      if (key !== undefined) ins.run(generation, c.kind, c.id, key, at);
    }
  }

  // ---------------------------------------------------------------- organisations

  listOrganisations(): OrganisationRow[] {
    const orgs = this.stmt('SELECT id, name, country, known FROM organisations ORDER BY name').all() as {
      id: number;
      name: string;
      country: string | null;
      known: string | null;
    }[];
    const aliases = this.stmt('SELECT org_id, alias FROM aliases ORDER BY id').all() as {
      org_id: number;
      alias: string;
    }[];
    const byOrg = new Map<number, string[]>();
    for (const a of aliases) {
      const list = byOrg.get(a.org_id) ?? [];
      list.push(a.alias);
      byOrg.set(a.org_id, list);
    }
    return orgs.map(({ known, ...o }) => ({ ...o, aliases: byOrg.get(o.id) ?? [], ...knownField(known) }));
  }

  /** Finds an organisation by its name or any alias (case, accents and punctuation ignored). */
  findOrganisation(nameOrAlias: string): OrganisationRow | undefined {
    const key = nameKey(nameOrAlias);
    const row = (this.stmt('SELECT id FROM organisations WHERE name_key = ?').get(key) ??
      this.stmt('SELECT org_id AS id FROM aliases WHERE alias_key = ?').get(key)) as { id: number } | undefined;
    return row ? this.organisationById(row.id) : undefined;
  }

  organisationById(id: number): OrganisationRow | undefined {
    const row = this.stmt('SELECT id, name, country, known FROM organisations WHERE id = ?').get(id) as
      | { id: number; name: string; country: string | null; known: string | null }
      | undefined;
    if (!row) return undefined;
    const { known, ...o } = row;
    const aliases = (this.stmt('SELECT alias FROM aliases WHERE org_id = ? ORDER BY id').all(id) as { alias: string }[]).map(
      (a) => a.alias,
    );
    return { ...o, aliases, ...knownField(known) };
  }

  /**
   * Statements are prepared once per connection and reused: preparing costs about as much as running a simple query,
   * and every /deal runs several. Bounded, because search builds a few SQL shapes from the question's structure.
   * Callers only use get/all/run, never iterate(), so a cached statement is never busy when reused.
   */
  private readonly stmts = new Map<string, Statement>();
  prepared(sql: string): Statement {
    let s = this.stmts.get(sql);
    if (!s) {
      if (this.stmts.size >= 512) this.stmts.clear();
      s = this.db.prepare(sql);
      this.stmts.set(sql, s);
    }
    return s;
  }
  private stmt(sql: string): Statement {
    return this.prepared(sql);
  }

  /** findOrganisation's lookup without loading the organisation's aliases: what the write path needs. */
  private orgIdByKey(key: string): number | undefined {
    const row = (this.stmt('SELECT id FROM organisations WHERE name_key = ?').get(key) ??
      this.stmt('SELECT org_id AS id FROM aliases WHERE alias_key = ?').get(key)) as { id: number } | undefined;
    return row?.id;
  }

  /** Name key -> organisation id, only while importDeals runs (cleared after, so a rolled-back id never leaks). */
  private importOrgIds: Map<string, number> | undefined;
  /** Organisation id -> its parties-column text (name and aliases), only while importDeals runs. */
  private importPartyText: Map<number, string> | undefined;

  /** Returns the organisation a party name resolves to, creating it when nobody knows the name yet. */
  private resolveOrCreateOrg(name: string): number {
    const key = nameKey(name);
    const cached = this.importOrgIds?.get(key);
    if (cached !== undefined) return cached;
    let id = this.orgIdByKey(key);
    if (id === undefined) {
      id = Number(this.stmt('INSERT INTO organisations (name, name_key) VALUES (?, ?)').run(name, key).lastInsertRowid);
      this.noteChange('organisation', id);
    }
    this.importOrgIds?.set(key, id);
    return id;
  }

  /** Inserts or merges organisations from the organisations file (no audit: this is seeding, not an admin change). */
  upsertOrganisations(orgs: Organisation[]): void {
    this.write(() => {
      for (const o of orgs) {
        const existing = this.orgIdByKey(nameKey(o.name));
        let id: number;
        if (existing !== undefined) {
          id = existing;
          if (o.country) this.stmt('UPDATE organisations SET country = ? WHERE id = ?').run(o.country, id);
        } else {
          id = Number(
            this.stmt('INSERT INTO organisations (name, name_key, country) VALUES (?, ?, ?)').run(o.name, nameKey(o.name), o.country ?? null)
              .lastInsertRowid,
          );
        }
        if (o.known?.length) this.stmt('UPDATE organisations SET known = ? WHERE id = ?').run(JSON.stringify(o.known), id);
        for (const alias of o.aliases) this.insertAliasIfFree(id, alias, null);
        this.noteChange('organisation', id);
      }
    });
  }

  private insertAliasIfFree(orgId: number, alias: string, createdBy: string | null): boolean {
    const key = nameKey(alias);
    if (!key) return false;
    const owner = this.stmt('SELECT id FROM organisations WHERE name_key = ?').get(key) as { id: number } | undefined;
    if (owner) return false;
    const r = this.stmt('INSERT OR IGNORE INTO aliases (org_id, alias, alias_key, created_by) VALUES (?, ?, ?, ?)').run(
      orgId,
      alias,
      key,
      createdBy,
    );
    if (r.changes > 0) {
      this.importPartyText?.delete(orgId);
      this.noteChange('organisation', orgId);
    }
    return r.changes > 0;
  }

  addAlias(orgName: string, alias: string, actor: Actor): OrganisationRow {
    return this.write(() => {
      const org = this.findOrganisation(orgName);
      if (!org) throw new NotFoundError(`no organisation is called "${orgName}"`);
      const key = nameKey(alias);
      if (!key) throw new DuplicateError('the alias must contain letters or digits');
      const holder = this.findOrganisation(alias);
      if (holder) {
        throw new DuplicateError(
          holder.id === org.id ? `"${alias}" already names ${org.name}` : `"${alias}" already names ${holder.name}`,
        );
      }
      this.insertAliasIfFree(org.id, alias, actor.id);
      const after = this.organisationById(org.id)!;
      this.audit(actor, 'alias.add', `org:${org.name}`, { aliases: org.aliases }, { aliases: after.aliases });
      this.reindexOrganisation(org.id);
      return after;
    });
  }

  removeAlias(orgName: string, alias: string, actor: Actor): OrganisationRow {
    return this.write(() => {
      const org = this.findOrganisation(orgName);
      if (!org) throw new NotFoundError(`no organisation is called "${orgName}"`);
      const r = this.stmt('DELETE FROM aliases WHERE org_id = ? AND alias_key = ?').run(org.id, nameKey(alias));
      if (r.changes === 0) throw new NotFoundError(`"${alias}" is not an alias of ${org.name}`);
      const after = this.organisationById(org.id)!;
      this.audit(actor, 'alias.remove', `org:${org.name}`, { aliases: org.aliases }, { aliases: after.aliases });
      this.noteChange('organisation', org.id);
      this.reindexOrganisation(org.id);
      return after;
    });
  }

  setKnown(orgName: string, known: readonly string[], actor: Actor): OrganisationRow {
    return this.write(() => {
      const org = this.findOrganisation(orgName);
      if (!org) throw new NotFoundError(`no organisation is called "${orgName}"`);
      this.stmt('UPDATE organisations SET known = ? WHERE id = ?').run(known.length ? JSON.stringify(known) : null, org.id);
      const after = this.organisationById(org.id)!;
      this.audit(actor, 'org.known', `org:${org.name}`, { known: org.known ?? [] }, { known: after.known ?? [] });
      // Search rebuilds its names (and what each organisation is known for) from the change feed.
      this.noteChange('organisation', org.id);
      return after;
    });
  }

  // ---------------------------------------------------------------- deals: reads

  private rowToStored(r: DealRow): StoredDeal {
    return {
      id: r.id,
      deal: JSON.parse(r.doc) as Deal,
      version: r.version,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      deletedAt: r.deleted_at,
    };
  }

  getDeal(slug: string, opts: { includeDeleted?: boolean } = {}): StoredDeal | undefined {
    const r = this.stmt('SELECT * FROM deals WHERE slug = ?').get(slug) as DealRow | undefined;
    if (!r || (r.deleted_at && !opts.includeDeleted)) return undefined;
    return this.rowToStored(r);
  }

  getDealsByIds(ids: number[]): StoredDeal[] {
    if (ids.length === 0) return [];
    const rows = this.db
      .prepare(`SELECT * FROM deals WHERE id IN (${ids.map(() => '?').join(',')}) AND deleted_at IS NULL`)
      .all(...ids) as DealRow[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const r = byId.get(id);
      return r ? [this.rowToStored(r)] : [];
    });
  }

  countDeals(): number {
    return (this.stmt('SELECT count(*) AS n FROM deals WHERE deleted_at IS NULL').get() as { n: number }).n;
  }

  /** Browse: newest first, filtered by company (name or alias), type and year. */
  listDeals(f: ListFilter = {}): { total: number; deals: StoredDeal[] } {
    const where = ['d.deleted_at IS NULL'];
    const params: (string | number)[] = [];
    if (f.company) {
      const org = this.findOrganisation(f.company);
      if (!org) return { total: 0, deals: [] };
      // Driven from the company's parties (the index by organisation), the rest tested on its deals: a correlated
      // EXISTS was tested on every deal in date order (70 ms a page for a company at 100k deals, 190 ms for a rare one).
      where.push('d.id IN (SELECT p.deal_id FROM deal_parties p WHERE p.org_id = ?)');
      params.push(org.id);
    }
    if (f.type) {
      // With a company, not through the type's index (a type is a large share of all deals): the company's deals drive.
      where.push(f.company ? '+d.type = ?' : 'd.type = ?');
      params.push(f.type);
    }
    if (f.year) {
      where.push('substr(d.announced, 1, 4) = ?');
      params.push(String(f.year));
    }
    const w = where.join(' AND ');
    const total = (this.stmt(`SELECT count(*) AS n FROM deals d WHERE ${w}`).get(...params) as { n: number }).n;
    const rows = this.db
      .prepare(`SELECT d.* FROM deals d WHERE ${w} ORDER BY d.announced DESC, d.id DESC LIMIT ? OFFSET ?`)
      .all(...params, f.limit ?? 10, f.offset ?? 0) as DealRow[];
    return { total, deals: rows.map((r) => this.rowToStored(r)) };
  }

  /** All live deals in slug order, canonical: what `export` writes. */
  exportDeals(): Deal[] {
    const rows = this.stmt('SELECT doc FROM deals WHERE deleted_at IS NULL ORDER BY slug').all() as { doc: string }[];
    return rows.map((r) => JSON.parse(r.doc) as Deal);
  }

  /** Deals with the same parties, type and announced date: what an admin adding a deal should see first. */
  findDuplicates(deal: Deal): StoredDeal[] {
    const orgIds = deal.parties
      .map((p) => this.findOrganisation(p.name)?.id)
      .filter((x): x is number => x !== undefined)
      .sort((a, b) => a - b);
    if (orgIds.length !== deal.parties.length) return [];
    const candidates = this.db
      .prepare('SELECT * FROM deals WHERE type = ? AND announced = ? AND deleted_at IS NULL AND slug != ?')
      .all(deal.type, deal.announced, deal.slug) as DealRow[];
    return candidates
      .filter((r) => {
        const ids = (this.stmt('SELECT org_id FROM deal_parties WHERE deal_id = ?').all(r.id) as { org_id: number }[])
          .map((x) => x.org_id)
          .sort((a, b) => a - b);
        return ids.length === orgIds.length && ids.every((v, i) => v === orgIds[i]);
      })
      .map((r) => this.rowToStored(r));
  }

  // ---------------------------------------------------------------- deals: writes

  /** Inserts or replaces the deal's rows; caller holds the transaction. Returns the deal id. */
  private writeDealRows(
    deal: Deal,
    existing: DealRow | undefined,
    version: number,
    doc = JSON.stringify(canonicalDeal(deal)),
    /** Loading a dump: the row's own id, timestamps and party organisations, kept as they were. */
    kept?: { id: number; createdAt: string; updatedAt: string; orgIds: number[] },
  ): number {
    const now = kept?.updatedAt ?? nowIso();
    // The columns both statements write, in the same order.
    const columns = [
      deal.title,
      deal.type,
      deal.status,
      deal.binding === undefined ? null : Number(deal.binding),
      deal.announced,
      deal.closed ?? null,
      deal.value?.amount ?? null,
      deal.value?.currency ?? null,
      deal.summary,
      doc,
      version,
    ];
    let id: number;
    if (existing) {
      id = existing.id;
      this.stmt(
        `UPDATE deals SET title=?, type=?, status=?, binding=?, announced=?, closed=?, value_amount=?, value_currency=?, summary=?,
         doc=?, version=?, updated_at=?, deleted_at=NULL WHERE id=?`,
      )
      .run(...columns, now, id);
      for (const t of ['deal_parties', 'deal_areas', 'deal_quotes', 'deal_sources']) {
        this.stmt(`DELETE FROM ${t} WHERE deal_id = ?`).run(id);
      }
    } else {
      id = Number(
        this.stmt(
          `INSERT INTO deals (id, slug, title, type, status, binding, announced, closed, value_amount, value_currency, summary, doc,
           version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
        )
        .run(kept?.id ?? null, deal.slug, ...columns, kept?.createdAt ?? now, now).lastInsertRowid,
      );
    }
    const insParty = this.stmt('INSERT INTO deal_parties (deal_id, position, org_id, role) VALUES (?,?,?,?)');
    const orgIds = deal.parties.map((p, i) => {
      const orgId = kept?.orgIds[i] ?? this.resolveOrCreateOrg(p.name);
      for (const a of p.aliases ?? []) this.insertAliasIfFree(orgId, a, null);
      insParty.run(id, i, orgId, p.role);
      return orgId;
    });
    const insArea = this.stmt('INSERT INTO deal_areas (deal_id, position, area) VALUES (?,?,?)');
    deal.areas.forEach((a, i) => insArea.run(id, i, a));
    const insQuote = this.stmt('INSERT INTO deal_quotes (deal_id, position, speaker, title, text) VALUES (?,?,?,?,?)');
    (deal.quotes ?? []).forEach((q, i) => insQuote.run(id, i, q.speaker, q.title ?? null, q.text));
    const insSource = this.stmt(
      'INSERT INTO deal_sources (deal_id, position, url, publisher, title, published) VALUES (?,?,?,?,?,?)',
    );
    deal.sources.forEach((s, i) => insSource.run(id, i, s.url, s.publisher ?? null, s.title ?? null, s.published ?? null));
    this.indexDeal(id, deal, existing === undefined, orgIds);
    this.noteChange('deal', id);
    return id;
  }

  /** Text of the parties column: each party's organisation name and every alias, so "msft" finds Microsoft's deals. */
  private partiesText(dealId: number, orgIds?: number[]): string {
    // During an import, each organisation's text is read once (most organisations take part in many deals).
    const cache = this.importPartyText;
    if (cache && orgIds) {
      return orgIds
        .map((orgId) => {
          let text = cache.get(orgId);
          if (text === undefined) {
            const r = this.stmt(
              `SELECT o.name AS name, (SELECT group_concat(alias, ' ; ') FROM aliases a WHERE a.org_id = o.id) AS aliases
               FROM organisations o WHERE o.id = ?`,
            ).get(orgId) as { name: string; aliases: string | null };
            text = r.aliases ? `${r.name} ; ${r.aliases}` : r.name;
            cache.set(orgId, text);
          }
          return text;
        })
        .join(' ; ');
    }
    // Prepared once per connection: an import of 100k deals calls this 100k times.
    this.partiesStmt ??= this.db.prepare(
      `SELECT o.name AS name, (SELECT group_concat(alias, ' ; ') FROM aliases a WHERE a.org_id = o.id) AS aliases
       FROM deal_parties p JOIN organisations o ON o.id = p.org_id WHERE p.deal_id = ? ORDER BY p.position`,
    );
    const rows = this.partiesStmt.all(dealId) as { name: string; aliases: string | null }[];
    return rows.map((r) => (r.aliases ? `${r.name} ; ${r.aliases}` : r.name)).join(' ; ');
  }

  private partiesStmt: Statement | undefined;
  private ftsDeleteStmt: Statement | undefined;
  private ftsInsertStmt: Statement | undefined;

  /** `isNew`: the deal row was just inserted, so it has no index entry to delete. */
  private indexDeal(id: number, deal: Deal, isNew = false, orgIds?: number[]): void {
    this.ftsDeleteStmt ??= this.db.prepare('DELETE FROM deals_fts WHERE rowid = ?');
    this.ftsInsertStmt ??= this.db.prepare('INSERT INTO deals_fts (rowid, parties, title, areas, summary) VALUES (?,?,?,?,?)');
    if (!isNew) this.ftsDeleteStmt.run(id);
    this.ftsInsertStmt.run(id, this.partiesText(id, orgIds), deal.title, deal.areas.join(' ; '), deal.summary);
  }

  private reindexOrganisation(orgId: number): void {
    const rows = this.db
      .prepare(
        `SELECT DISTINCT d.* FROM deals d JOIN deal_parties p ON p.deal_id = d.id WHERE p.org_id = ? AND d.deleted_at IS NULL`,
      )
      .all(orgId) as DealRow[];
    for (const r of rows) this.indexDeal(r.id, JSON.parse(r.doc) as Deal);
  }

  /** Creates a deal; refuses a slug in use (including by a removed deal, which `restore` brings back). */
  createDeal(deal: Deal, actor: Actor): StoredDeal {
    return this.write(() => {
      const existing = this.stmt('SELECT * FROM deals WHERE slug = ?').get(deal.slug) as DealRow | undefined;
      if (existing) {
        throw new DuplicateError(
          existing.deleted_at
            ? `a removed deal already uses the slug "${deal.slug}"; restore it or choose another slug`
            : `a deal with the slug "${deal.slug}" already exists`,
        );
      }
      this.writeDealRows(deal, undefined, 1);
      this.audit(actor, 'deal.add', deal.slug, null, canonicalDeal(deal));
      return this.getDeal(deal.slug)!;
    });
  }

  /**
   * Replaces a deal, but only if it is still at `expectedVersion`: a save based on a stale form never silently
   * overwrites someone else's newer change.
   */
  updateDeal(slug: string, deal: Deal, expectedVersion: number, actor: Actor): StoredDeal {
    return this.write(() => {
      const existing = this.stmt('SELECT * FROM deals WHERE slug = ? AND deleted_at IS NULL').get(slug) as
        | DealRow
        | undefined;
      if (!existing) throw new NotFoundError(`no deal has the slug "${slug}"`);
      if (existing.version !== expectedVersion) {
        throw new ConflictError(
          `"${slug}" was changed by someone else since you opened it (now version ${existing.version}, yours ${expectedVersion}); ` +
            'nothing was saved — open it again to see their change',
          existing.version,
        );
      }
      if (deal.slug !== slug) {
        const clash = this.stmt('SELECT 1 FROM deals WHERE slug = ?').get(deal.slug);
        if (clash) throw new DuplicateError(`a deal with the slug "${deal.slug}" already exists`);
        this.stmt('UPDATE deals SET slug = ? WHERE id = ?').run(deal.slug, existing.id);
      }
      this.writeDealRows(deal, existing, existing.version + 1);
      this.audit(actor, 'deal.edit', deal.slug, JSON.parse(existing.doc), canonicalDeal(deal));
      return this.getDeal(deal.slug)!;
    });
  }

  /** Soft-removes a deal: it leaves search at once, and `restoreDeal` brings it back exactly. */
  removeDeal(slug: string, actor: Actor): StoredDeal {
    return this.write(() => {
      const existing = this.stmt('SELECT * FROM deals WHERE slug = ? AND deleted_at IS NULL').get(slug) as
        | DealRow
        | undefined;
      if (!existing) throw new NotFoundError(`no deal has the slug "${slug}"`);
      this.stmt('UPDATE deals SET deleted_at = ?, version = version + 1 WHERE id = ?').run(nowIso(), existing.id);
      this.stmt('DELETE FROM deals_fts WHERE rowid = ?').run(existing.id);
      this.noteChange('deal', existing.id);
      this.audit(actor, 'deal.remove', slug, JSON.parse(existing.doc), null);
      return this.rowToStored(this.stmt('SELECT * FROM deals WHERE id = ?').get(existing.id) as DealRow);
    });
  }

  restoreDeal(slug: string, actor: Actor): StoredDeal {
    return this.write(() => {
      const existing = this.stmt('SELECT * FROM deals WHERE slug = ?').get(slug) as DealRow | undefined;
      if (!existing) throw new NotFoundError(`no deal has the slug "${slug}"`);
      if (!existing.deleted_at) throw new DuplicateError(`"${slug}" is not removed`);
      // updated_at moves too: search refreshes its vocabulary from deals written since it last looked.
      this.stmt('UPDATE deals SET deleted_at = NULL, version = version + 1, updated_at = ? WHERE id = ?').run(nowIso(), existing.id);
      this.indexDeal(existing.id, JSON.parse(existing.doc) as Deal);
      this.noteChange('deal', existing.id);
      this.audit(actor, 'deal.restore', slug, null, JSON.parse(existing.doc));
      return this.getDeal(slug)!;
    });
  }

  /**
   * Imports validated deals in one transaction: all or nothing. Existing slugs are updated (version bumped).
   * `onProgress` is called every few hundred records for a progress bar.
   */
  importDeals(
    deals: Deal[],
    actor: Actor,
    onProgress?: (done: number, total: number) => void,
  ): { created: number; updated: number; unchanged: number } {
    this.importOrgIds = new Map();
    this.importPartyText = new Map();
    try {
      return this.write(() => {
        let created = 0;
        let updated = 0;
        let unchanged = 0;
        const select = this.stmt('SELECT * FROM deals WHERE slug = ?');
        deals.forEach((deal, i) => {
          const existing = select.get(deal.slug) as DealRow | undefined;
          const doc = JSON.stringify(canonicalDeal(deal));
          if (existing && existing.doc === doc && !existing.deleted_at) {
            unchanged++;
          } else {
            this.writeDealRows(deal, existing, existing ? existing.version + 1 : 1, doc);
            if (existing) updated++;
            else created++;
          }
          if (onProgress && (i % 500 === 499 || i === deals.length - 1)) onProgress(i + 1, deals.length);
        });
        this.audit(actor, 'import', `${deals.length} deals`, null, { created, updated, unchanged });
        return { created, updated, unchanged };
      });
    } finally {
      this.importOrgIds = undefined;
      this.importPartyText = undefined;
    }
  }

  // ---------------------------------------------------------------- dump

  /** Everything durable, read in one transaction (a consistent snapshot while other connections write). */
  dump(): StoreDump {
    return this.db.transaction(() => {
      const aliases = this.db.prepare('SELECT org_id, alias, created_by FROM aliases ORDER BY id').all() as {
        org_id: number;
        alias: string;
        created_by: string | null;
      }[];
      const byOrg = new Map<number, { alias: string; createdBy: string | null }[]>();
      for (const a of aliases) {
        const list = byOrg.get(a.org_id) ?? [];
        list.push({ alias: a.alias, createdBy: a.created_by });
        byOrg.set(a.org_id, list);
      }
      const orgs = this.db.prepare('SELECT id, name, country, known FROM organisations ORDER BY id').all() as {
        id: number;
        name: string;
        country: string | null;
        known: string | null;
      }[];
      const parties = this.db.prepare('SELECT deal_id, org_id FROM deal_parties ORDER BY deal_id, position').raw().all() as [number, number][];
      const partiesOf = new Map<number, number[]>();
      for (const [dealId, orgId] of parties) {
        const list = partiesOf.get(dealId) ?? [];
        list.push(orgId);
        partiesOf.set(dealId, list);
      }
      const deals = this.db.prepare('SELECT * FROM deals ORDER BY id').all() as DealRow[];
      const audit = this.db.prepare('SELECT * FROM audit_log ORDER BY id').all() as AuditRow[];
      const usage = this.db.prepare('SELECT id, at, platform, command, query, outcome, slug FROM usage ORDER BY id').all() as StoreDump['usage'];
      const review = this.db.prepare(`SELECT ${REVIEW_COLS} FROM review_queue ORDER BY id`).all() as ReviewRow[];
      return {
        format: 'dealbot-dump' as const,
        version: 1 as const,
        organisations: orgs.map(({ known, ...o }) => ({ ...o, aliases: byOrg.get(o.id) ?? [], ...knownField(known) })),
        deals: deals.map((d) => ({
          id: d.id,
          doc: d.doc,
          parties: partiesOf.get(d.id) ?? [],
          version: d.version,
          createdAt: d.created_at,
          updatedAt: d.updated_at,
          deletedAt: d.deleted_at,
        })),
        audit: audit.map((a) => ({
          id: a.id,
          at: a.at,
          actor: a.actor,
          platform: a.platform,
          action: a.action,
          subject: a.subject,
          before: a.before_doc,
          after: a.after_doc,
        })),
        usage,
        review,
      };
    })();
  }

  /** Loads a dump into this empty store in one transaction, keeping ids, versions, timestamps and removed deals. */
  loadDump(d: StoreDump): void {
    if (d.format !== 'dealbot-dump' || d.version !== 1) throw new Error('not a dealbot dump (format dealbot-dump, version 1)');
    this.write(() => {
      const n = this.stmt('SELECT (SELECT count(*) FROM deals) + (SELECT count(*) FROM organisations) AS n').pluck().get() as number;
      if (n > 0) throw new DuplicateError('the store already holds deals or organisations; a dump loads only into an empty store');
      const insOrg = this.stmt('INSERT INTO organisations (id, name, name_key, country, known) VALUES (?,?,?,?,?)');
      const insAlias = this.stmt('INSERT INTO aliases (org_id, alias, alias_key, created_by) VALUES (?,?,?,?)');
      for (const o of d.organisations) {
        insOrg.run(o.id, o.name, nameKey(o.name), o.country, o.known?.length ? JSON.stringify(o.known) : null);
        for (const a of o.aliases) insAlias.run(o.id, a.alias, nameKey(a.alias), a.createdBy);
        this.noteChange('organisation', o.id);
      }
      this.importPartyText = new Map();
      try {
        for (const r of d.deals) {
          const deal = JSON.parse(r.doc) as Deal;
          this.writeDealRows(deal, undefined, r.version, r.doc, { id: r.id, createdAt: r.createdAt, updatedAt: r.updatedAt, orgIds: r.parties });
          if (r.deletedAt) {
            this.stmt('UPDATE deals SET deleted_at = ? WHERE id = ?').run(r.deletedAt, r.id);
            this.stmt('DELETE FROM deals_fts WHERE rowid = ?').run(r.id);
          }
        }
      } finally {
        this.importPartyText = undefined;
      }
      const insAudit = this.stmt(
        'INSERT INTO audit_log (id, at, actor, platform, action, subject, before_doc, after_doc) VALUES (?,?,?,?,?,?,?,?)',
      );
      for (const a of d.audit) insAudit.run(a.id, a.at, a.actor, a.platform, a.action, a.subject, a.before, a.after);
      const insUsage = this.stmt('INSERT INTO usage (id, at, platform, command, query, outcome, slug) VALUES (?,?,?,?,?,?,?)');
      for (const u of d.usage) insUsage.run(u.id, u.at, u.platform, u.command, u.query, u.outcome, u.slug);
      const insReview = this.stmt(`INSERT INTO review_queue (${REVIEW_COLS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`);
      for (const r of d.review ?? []) {
        insReview.run(r.id, r.feed_url, r.item_key, r.title, r.link, r.published, r.status, r.draft_doc, r.created_at, r.decided_at, r.decided_by, r.slug);
      }
    });
  }

  // ---------------------------------------------------------------- audit

  /** Appends to the audit log; callers invoke it inside the same transaction as the change. */
  private audit(actor: Actor, action: string, subject: string, before: unknown, after: unknown): void {
    this.db
      .prepare(
        'INSERT INTO audit_log (at, actor, platform, action, subject, before_doc, after_doc) VALUES (?,?,?,?,?,?,?)',
      )
      .run(
        nowIso(),
        actor.name ? `${actor.name} (${actor.id})` : actor.id,
        actor.platform,
        action,
        subject,
        before === null || before === undefined ? null : JSON.stringify(before),
        after === null || after === undefined ? null : JSON.stringify(after),
      );
  }

  history(opts: { subject?: string | undefined; limit?: number } = {}): AuditEntry[] {
    const limit = opts.limit ?? 20;
    const rows = (
      opts.subject
        ? this.stmt('SELECT * FROM audit_log WHERE subject = ? ORDER BY id DESC LIMIT ?').all(opts.subject, limit)
        : this.stmt('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?').all(limit)
    ) as AuditRow[];
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      platform: r.platform,
      action: r.action,
      subject: r.subject,
      before: r.before_doc ? JSON.parse(r.before_doc) : null,
      after: r.after_doc ? JSON.parse(r.after_doc) : null,
    }));
  }

  // ---------------------------------------------------------------- usage

  private usageInserts = 0;
  private usageRetentionDays = DEFAULT_USAGE_RETENTION_DAYS;
  private pruneTimer: ReturnType<typeof setInterval> | undefined;

  /**
   * Keeps usage rows (what people asked) for `days` days: prunes now, in bounded batches, then once an hour and
   * after every 1000 recorded rows, each time at most USAGE_PRUNE_BATCH rows in one short transaction.
   */
  retainUsage(days: number): void {
    this.usageRetentionDays = days;
    while (this.pruneUsage() === USAGE_PRUNE_BATCH) {
      // an old store: keep going, one short transaction at a time
    }
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    this.pruneTimer = setInterval(() => this.pruneUsage(), USAGE_PRUNE_EVERY_MS);
    this.pruneTimer.unref?.();
  }

  /** Deletes at most `limit` usage rows older than the retention period; returns how many. Never throws. */
  pruneUsage(now = Date.now(), limit = USAGE_PRUNE_BATCH): number {
    if (!this.db.open) return 0;
    const before = new Date(now - this.usageRetentionDays * 86_400_000).toISOString();
    const busyTimeout = this.db.pragma('busy_timeout', { simple: true }) as number;
    this.db.pragma('busy_timeout = 0');
    try {
      return this.stmt('DELETE FROM usage WHERE id IN (SELECT id FROM usage WHERE at < ? ORDER BY at LIMIT ?)').run(before, limit).changes;
    } catch {
      return 0; // busy (another process writes) or read-only: the next prune tries again
    } finally {
      this.db.pragma(`busy_timeout = ${busyTimeout}`);
    }
  }
  private usageBuffer: { at: string; platform: string; command: string; query: string; outcome: string; slug: string | null }[] = [];
  private usageTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * Records a query and its outcome. Never throws: stats must not break answering (e.g. on a read-only disk).
   * Rows are buffered and written in one transaction per batch (or after a quarter second): one commit per query
   * cost about 0.2 ms on the hot path; a batch costs a few microseconds a row. usageStats and close flush first.
   */
  recordUsage(u: { platform: string; command: string; query: string; outcome: string; slug?: string | undefined }): void {
    this.usageBuffer.push({ at: nowIso(), platform: u.platform, command: u.command, query: u.query.slice(0, 200), outcome: u.outcome, slug: u.slug ?? null });
    if (this.usageBuffer.length >= USAGE_BATCH) this.flushUsage();
    else if (!this.usageTimer) {
      this.usageTimer = setTimeout(() => this.flushUsage(), USAGE_FLUSH_MS);
      this.usageTimer.unref?.();
    }
  }

  /**
   * Writes buffered usage rows now. Never throws. Unless `wait`, it does not wait for another process's write lock
   * (a CLI import can hold it for minutes, and a wait here blocks every answer): the rows stay buffered (bounded)
   * and the next flush tries again.
   */
  flushUsage(wait = false): void {
    if (this.usageTimer) {
      clearTimeout(this.usageTimer);
      this.usageTimer = undefined;
    }
    const rows = this.usageBuffer;
    if (rows.length === 0 || !this.db.open) return;
    this.usageBuffer = [];
    const busyTimeout = wait ? undefined : (this.db.pragma('busy_timeout', { simple: true }) as number);
    if (busyTimeout !== undefined) this.db.pragma('busy_timeout = 0');
    try {
      this.db.transaction(() => {
        const ins = this.stmt('INSERT INTO usage (at, platform, command, query, outcome, slug) VALUES (?,?,?,?,?,?)');
        for (const r of rows) ins.run(r.at, r.platform, r.command, r.query, r.outcome, r.slug);
        // Bounded: prune the oldest rows on a process's first batch and then every 1000 rows, not on every insert.
        const before = this.usageInserts;
        this.usageInserts += rows.length;
        if (before === 0 || Math.floor(before / 1000) !== Math.floor(this.usageInserts / 1000)) {
          this.stmt('DELETE FROM usage WHERE id <= (SELECT max(id) FROM usage) - ?').run(USAGE_MAX_ROWS);
          const cutoff = new Date(Date.now() - this.usageRetentionDays * 86_400_000).toISOString();
          this.stmt('DELETE FROM usage WHERE id IN (SELECT id FROM usage WHERE at < ? ORDER BY at LIMIT ?)').run(cutoff, USAGE_PRUNE_BATCH);
        }
      })();
    } catch (e) {
      if (String((e as { code?: unknown }).code).startsWith('SQLITE_BUSY')) {
        this.usageBuffer = rows.concat(this.usageBuffer).slice(-USAGE_MAX_BUFFERED);
        if (!this.usageTimer) {
          this.usageTimer = setTimeout(() => this.flushUsage(), USAGE_FLUSH_MS);
          this.usageTimer.unref?.();
        }
      }
      // Otherwise deliberately ignored: losing stats rows is better than failing the user's question.
    } finally {
      if (busyTimeout !== undefined) this.db.pragma(`busy_timeout = ${busyTimeout}`);
    }
  }

  usageStats(days: number, limit = 10): UsageStats {
    this.flushUsage();
    const since = new Date(Date.now() - days * 86_400_000).toISOString();
    const totals = this.db
      .prepare(
        `SELECT count(*) AS q, sum(outcome != 'not_found') AS f, sum(outcome = 'not_found') AS nf FROM usage WHERE at >= ?`,
      )
      .get(since) as { q: number; f: number | null; nf: number | null };
    const group = (extra: string) =>
      this.db
        .prepare(
          `SELECT lower(query) AS query, count(*) AS count FROM usage WHERE at >= ? ${extra}
           GROUP BY lower(query) ORDER BY count DESC, max(id) DESC LIMIT ?`,
        )
        .all(since, limit) as { query: string; count: number }[];
    return {
      since,
      queries: totals.q,
      found: totals.f ?? 0,
      notFound: totals.nf ?? 0,
      top: group(''),
      misses: group(`AND outcome = 'not_found'`),
    };
  }
}

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  platform: string;
  action: string;
  subject: string;
  before_doc: string | null;
  after_doc: string | null;
}

interface DealRow {
  id: number;
  slug: string;
  doc: string;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}
