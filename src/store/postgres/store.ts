// The PostgreSQL backend of the async store interface (pg). Chosen by DATABASE_URL=postgres://… and loaded with a
// dynamic import only then, so the default SQLite set-up never loads pg.
//
// Writes: one transaction each, with its audit row and its change-feed row. Every write transaction first locks the
// single store_generation row, so writers take turns (as on SQLite's one write lock): a version check reads the row
// after the previous writer committed (two saves from the same version: exactly one wins, the other gets
// ConflictError), and generations commit in order. The commit also sends NOTIFY dealbot_changes with the generation.
import { writeFileSync } from 'node:fs';
import pg from 'pg';
import type { Deal, Organisation } from '../../deals/schema.ts';
import { canonicalDeal } from '../../deals/schema.ts';
import { nameKey } from '../../deals/names.ts';
import { ChangeFollower } from '../follow.ts';
import { ConflictError, DuplicateError, NotFoundError } from '../store.ts';
import { knownField } from '../known.ts';
import type {
  Actor,
  AuditEntry,
  Change,
  ChangeBatch,
  ChangeOptions,
  ChangeSubscription,
  DealStore,
  ImportResult,
  ListFilter,
  OpenedStore,
  OrganisationRow,
  StoreDump,
  StoreOptions,
  StoredDeal,
  UsageRecord,
  UsageStats,
} from '../types.ts';
import { migratePg } from './migrations.ts';
import { REVIEW_COLS, toReviewItem, type NewReviewItem, type ReviewItem, type ReviewRow, type ReviewStatus } from '../review-queue.ts';
import { describePgError } from './errors.ts';

export { describePgError };

export const NOTIFY_CHANNEL = 'dealbot_changes';
/** The safety net under NOTIFY: a catch-up read this often even when nothing was heard. */
export const PG_POLL_MS = 1000;
/** The listening connection's application_name (what pg_stat_activity shows; tests find it by this). */
export const LISTENER_APPLICATION_NAME = 'dealbot-listener';

const USAGE_MAX_ROWS = 100_000;
const USAGE_BATCH = 50;
const USAGE_FLUSH_MS = 250;
const USAGE_MAX_BUFFERED = 20_000;
const PRUNE_EVERY = 200;
/** Deals written per batch of statements during an import or a dump load. */
const CHUNK = 1000;
/** Writes of at least this many deals are followed by index maintenance (afterBulkWrite). */
const BULK_ROWS = 1000;

const DEAL_COLS = 'id, slug, doc, version, created_at, updated_at, deleted_at';

interface DealRow {
  id: number;
  slug: string;
  doc: string;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

type Client = pg.PoolClient;

function nowIso(): string {
  return new Date().toISOString();
}

function rowToStored(r: DealRow): StoredDeal {
  return {
    id: r.id,
    deal: JSON.parse(r.doc) as Deal,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  };
}

/** Changes gathered by one write transaction. */
interface Write {
  c: Client;
  deals: Set<number>;
  orgs: Set<number>;
}

interface DealItem {
  deal: Deal;
  doc: string;
  version: number;
  existingId?: number;
  kept?: { id: number; createdAt: string; updatedAt: string; orgIds: number[] };
}

/** Organisation names and aliases known to one write transaction (loaded in bulk, then resolved in order). */
class OrgResolver {
  readonly byName = new Map<string, number>();
  readonly byAlias = new Map<string, number>();
  private readonly loaded = new Set<string>();
  /** Organisation id -> parties-column text; dropped when the organisation gains an alias. */
  readonly text = new Map<number, string>();
  private nextTemp = -1;
  newOrgs: { temp: number; name: string; key: string }[] = [];
  newAliases: { orgId: number; alias: string; key: string; createdBy: string | null }[] = [];

  async load(c: Client, keys: Iterable<string>): Promise<void> {
    const missing = [...new Set(keys)].filter((k) => k && !this.loaded.has(k));
    if (missing.length === 0) return;
    const r = await c.query<{ k: string; org: number | null; alias_org: number | null }>(
      `SELECT k, (SELECT id FROM organisations WHERE name_key = k) AS org, (SELECT org_id FROM aliases WHERE alias_key = k) AS alias_org
       FROM unnest($1::text[]) AS k`,
      [missing],
    );
    for (const row of r.rows) {
      this.loaded.add(row.k);
      if (row.org !== null) this.byName.set(row.k, row.org);
      if (row.alias_org !== null) this.byAlias.set(row.k, row.alias_org);
    }
  }

  /** The organisation a party name resolves to, noting a new one (temporary negative id) when nobody knows it. */
  resolve(name: string): number {
    const key = nameKey(name);
    const id = this.byName.get(key) ?? this.byAlias.get(key);
    if (id !== undefined) return id;
    const temp = this.nextTemp--;
    this.newOrgs.push({ temp, name, key });
    this.byName.set(key, temp);
    return temp;
  }

  /** As Store.insertAliasIfFree: not if the key is empty, names an organisation, or is already an alias. */
  addAliasIfFree(orgId: number, alias: string, createdBy: string | null): boolean {
    const key = nameKey(alias);
    if (!key || this.byName.has(key) || this.byAlias.has(key)) return false;
    this.byAlias.set(key, orgId);
    this.newAliases.push({ orgId, alias, key, createdBy });
    this.text.delete(orgId);
    return true;
  }

  /** Inserts the organisations and aliases noted so far; returns temporary id -> real id. */
  async flush(c: Client, w: Write): Promise<Map<number, number>> {
    const real = new Map<number, number>();
    if (this.newOrgs.length > 0) {
      const ids = (
        await c.query<{ id: number }>(
          `SELECT nextval(pg_get_serial_sequence('organisations', 'id'))::int AS id FROM generate_series(1, $1::int)`,
          [this.newOrgs.length],
        )
      ).rows.map((r) => r.id);
      this.newOrgs.forEach((o, i) => real.set(o.temp, ids[i]!));
      await c.query('INSERT INTO organisations (id, name, name_key) SELECT * FROM unnest($1::int[], $2::text[], $3::text[])', [
        ids,
        this.newOrgs.map((o) => o.name),
        this.newOrgs.map((o) => o.key),
      ]);
      for (const o of this.newOrgs) {
        const id = real.get(o.temp)!;
        this.byName.set(o.key, id);
        w.orgs.add(id);
      }
      for (const [k, v] of this.byAlias) if (v < 0) this.byAlias.set(k, real.get(v)!);
    }
    if (this.newAliases.length > 0) {
      const orgIds = this.newAliases.map((a) => (a.orgId < 0 ? real.get(a.orgId)! : a.orgId));
      await c.query(
        `INSERT INTO aliases (org_id, alias, alias_key, created_by)
         SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[]) ON CONFLICT (alias_key) DO NOTHING`,
        [orgIds, this.newAliases.map((a) => a.alias), this.newAliases.map((a) => a.key), this.newAliases.map((a) => a.createdBy)],
      );
      for (const id of orgIds) {
        w.orgs.add(id);
        this.text.delete(id);
      }
    }
    this.newOrgs = [];
    this.newAliases = [];
    return real;
  }

  /** Parties-column text of each organisation: its name and every alias (in the order they were added). */
  async texts(c: Client, ids: Iterable<number>): Promise<Map<number, string>> {
    const missing = [...new Set(ids)].filter((id) => !this.text.has(id));
    if (missing.length > 0) {
      const r = await c.query<{ id: number; name: string; aliases: string | null }>(
        `SELECT o.id, o.name, (SELECT string_agg(a.alias, ' ; ' ORDER BY a.id) FROM aliases a WHERE a.org_id = o.id) AS aliases
         FROM organisations o WHERE o.id = ANY($1::int[])`,
        [missing],
      );
      for (const row of r.rows) this.text.set(row.id, row.aliases ? `${row.name} ; ${row.aliases}` : row.name);
    }
    return this.text;
  }
}

/** SQL that recomputes the parties text of the deals whose ids are $1 (after an alias change). */
const REFRESH_PARTIES_SQL = `
  UPDATE deals d SET parties_text = t.txt FROM (
    SELECT p.deal_id, string_agg(o.name || coalesce(' ; ' || al.list, ''), ' ; ' ORDER BY p.position) AS txt
    FROM deal_parties p JOIN organisations o ON o.id = p.org_id
    LEFT JOIN LATERAL (SELECT string_agg(a.alias, ' ; ' ORDER BY a.id) AS list FROM aliases a WHERE a.org_id = o.id) al ON true
    WHERE p.deal_id = ANY($1::int[])
    GROUP BY p.deal_id
  ) t WHERE d.id = t.deal_id AND d.parties_text IS DISTINCT FROM t.txt`;

export class PgDealStore implements DealStore {
  readonly backend = 'postgres' as const;
  private readonly now: () => number;
  private readonly subscriptions = new Set<ChangeSubscription>();
  private stateWrites = 0;
  private closed = false;

  private constructor(
    readonly pool: pg.Pool,
    private readonly url: string,
    opts: StoreOptions,
  ) {
    this.now = opts.now ?? Date.now;
  }

  /** Connects, migrates (once however many processes start together) and says whether the database was empty. */
  static async open(url: string, opts: StoreOptions & { poolSize?: number } = {}): Promise<OpenedStore & { store: PgDealStore }> {
    const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 5, application_name: 'dealbot' });
    // An idle client losing its connection must not crash the process; the next query gets a fresh one.
    pool.on('error', () => undefined);
    try {
      const c = await pool.connect();
      let applied: number[];
      let created: boolean;
      try {
        applied = await migratePg(c);
        const r = await c.query<{ n: number }>('SELECT ((SELECT count(*) FROM deals) + (SELECT count(*) FROM organisations))::int AS n');
        created = r.rows[0]!.n === 0;
      } finally {
        c.release();
      }
      return { store: new PgDealStore(pool, url, opts), created, applied };
    } catch (e) {
      await pool.end().catch(() => undefined);
      throw describePgError(e) ?? e;
    }
  }

  private async q<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    try {
      return await this.pool.query<R>(sql, params);
    } catch (e) {
      throw describePgError(e) ?? e;
    }
  }

  /** Runs `fn` in one transaction holding the writers' turn; its changes go to the feed and NOTIFY at commit. */
  private async write<T>(fn: (w: Write) => Promise<T>): Promise<T> {
    let c: Client;
    try {
      c = await this.pool.connect();
    } catch (e) {
      throw describePgError(e) ?? e;
    }
    const w: Write = { c, deals: new Set(), orgs: new Set() };
    try {
      await c.query('BEGIN');
      await c.query('SELECT value FROM store_generation WHERE id = 1 FOR UPDATE');
      const result = await fn(w);
      if (w.deals.size > 0 || w.orgs.size > 0) {
        const g = (await c.query<{ value: number }>('UPDATE store_generation SET value = value + 1 WHERE id = 1 RETURNING value')).rows[0]!
          .value;
        await c.query(
          `INSERT INTO changes (generation, kind, ref_id, key, at)
           SELECT $1::int, 'deal', id, slug, $2::text FROM deals WHERE id = ANY($3::int[])
           UNION ALL SELECT $1::int, 'organisation', id, name, $2::text FROM organisations WHERE id = ANY($4::int[])`,
          [g, nowIso(), [...w.deals], [...w.orgs]],
        );
        await c.query('SELECT pg_notify($1, $2)', [NOTIFY_CHANNEL, String(g)]);
      }
      await c.query('COMMIT');
      return result;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw describePgError(e) ?? e;
    } finally {
      c.release();
    }
  }

  /**
   * Runs `fn` while this process holds a session advisory lock on `lockId` (others calling it wait their turn): for
   * one-time work every process would otherwise repeat, such as filling an empty database. `fn` uses the pool.
   */
  async exclusively<T>(lockId: bigint, fn: () => Promise<T>): Promise<T> {
    const c = await this.pool.connect().catch((e: unknown) => {
      throw describePgError(e) ?? e;
    });
    try {
      await c.query('SELECT pg_advisory_lock($1::bigint)', [lockId.toString()]);
      try {
        return await fn();
      } finally {
        await c.query('SELECT pg_advisory_unlock($1::bigint)', [lockId.toString()]).catch(() => undefined);
      }
    } finally {
      c.release();
    }
  }

  /** Runs `fn` in one REPEATABLE READ, READ ONLY transaction: every statement sees the same snapshot. */
  private async snapshot<T>(fn: (c: Client) => Promise<T>): Promise<T> {
    const c = await this.pool.connect().catch((e: unknown) => {
      throw describePgError(e) ?? e;
    });
    try {
      await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const r = await fn(c);
      await c.query('COMMIT');
      return r;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw describePgError(e) ?? e;
    } finally {
      c.release();
    }
  }

  // ------------------------------------------------------------ organisations

  async listOrganisations(): Promise<OrganisationRow[]> {
    return this.snapshot(async (c) => {
      const orgs = (await c.query<{ id: number; name: string; country: string | null; known: string[] | null }>('SELECT id, name, country, known FROM organisations ORDER BY name')).rows;
      const aliases = (await c.query<{ org_id: number; alias: string }>('SELECT org_id, alias FROM aliases ORDER BY id')).rows;
      const byOrg = new Map<number, string[]>();
      for (const a of aliases) {
        const list = byOrg.get(a.org_id) ?? [];
        list.push(a.alias);
        byOrg.set(a.org_id, list);
      }
      return orgs.map(({ known, ...o }) => ({ ...o, aliases: byOrg.get(o.id) ?? [], ...knownField(known) }));
    });
  }

  private async orgIdByKey(key: string, c?: Client): Promise<number | undefined> {
    const sql = `SELECT coalesce((SELECT id FROM organisations WHERE name_key = $1), (SELECT org_id FROM aliases WHERE alias_key = $1)) AS id`;
    const r = c ? await c.query<{ id: number | null }>(sql, [key]) : await this.q<{ id: number | null }>(sql, [key]);
    return r.rows[0]?.id ?? undefined;
  }

  async findOrganisation(nameOrAlias: string, c?: Client): Promise<OrganisationRow | undefined> {
    const id = await this.orgIdByKey(nameKey(nameOrAlias), c);
    return id === undefined ? undefined : this.organisationById(id, c);
  }

  async organisationById(id: number, c?: Client): Promise<OrganisationRow | undefined> {
    const sql = `SELECT o.id, o.name, o.country, coalesce((SELECT array_agg(a.alias ORDER BY a.id) FROM aliases a WHERE a.org_id = o.id), '{}') AS aliases, o.known
                 FROM organisations o WHERE o.id = $1`;
    type Row = Omit<OrganisationRow, 'known'> & { known: string[] | null };
    const r = c ? await c.query<Row>(sql, [id]) : await this.q<Row>(sql, [id]);
    const row = r.rows[0];
    if (!row) return undefined;
    const { known, ...o } = row;
    return { ...o, ...knownField(known) };
  }

  async upsertOrganisations(orgs: Organisation[]): Promise<void> {
    await this.write(async (w) => {
      const res = new OrgResolver();
      await res.load(w.c, orgs.flatMap((o) => [nameKey(o.name), ...o.aliases.map(nameKey)]));
      const countries: { id: number; country: string }[] = [];
      const known: { id: number; known: string[] }[] = [];
      for (const o of orgs) {
        // As Store: a name that is already some organisation's name or alias merges into that organisation.
        const id = res.resolve(o.name);
        if (o.country) countries.push({ id, country: o.country });
        if (o.known?.length) known.push({ id, known: o.known });
        for (const a of o.aliases) res.addAliasIfFree(id, a, null);
        if (id > 0) w.orgs.add(id);
      }
      const real = await res.flush(w.c, w);
      if (countries.length > 0) {
        await w.c.query('UPDATE organisations o SET country = v.country FROM unnest($1::int[], $2::text[]) AS v(id, country) WHERE o.id = v.id', [
          countries.map((x) => (x.id < 0 ? real.get(x.id)! : x.id)),
          countries.map((x) => x.country),
        ]);
      }
      // One statement per organisation with descriptions: unnest cannot take an array of arrays of uneven lengths.
      for (const x of known) {
        await w.c.query('UPDATE organisations SET known = $2::text[] WHERE id = $1', [x.id < 0 ? real.get(x.id)! : x.id, x.known]);
      }
    });
  }

  async addAlias(orgName: string, alias: string, actor: Actor): Promise<OrganisationRow> {
    return this.write(async (w) => {
      const org = await this.findOrganisation(orgName, w.c);
      if (!org) throw new NotFoundError(`no organisation is called "${orgName}"`);
      const key = nameKey(alias);
      if (!key) throw new DuplicateError('the alias must contain letters or digits');
      const holder = await this.findOrganisation(alias, w.c);
      if (holder) {
        throw new DuplicateError(
          holder.id === org.id ? `"${alias}" already names ${org.name}` : `"${alias}" already names ${holder.name}`,
        );
      }
      await w.c.query('INSERT INTO aliases (org_id, alias, alias_key, created_by) VALUES ($1, $2, $3, $4) ON CONFLICT (alias_key) DO NOTHING', [
        org.id,
        alias,
        key,
        actor.id,
      ]);
      const after = (await this.organisationById(org.id, w.c))!;
      await this.audit(w.c, actor, 'alias.add', `org:${org.name}`, { aliases: org.aliases }, { aliases: after.aliases });
      await this.reindexOrganisation(w.c, org.id);
      w.orgs.add(org.id);
      return after;
    });
  }

  async removeAlias(orgName: string, alias: string, actor: Actor): Promise<OrganisationRow> {
    return this.write(async (w) => {
      const org = await this.findOrganisation(orgName, w.c);
      if (!org) throw new NotFoundError(`no organisation is called "${orgName}"`);
      const r = await w.c.query('DELETE FROM aliases WHERE org_id = $1 AND alias_key = $2', [org.id, nameKey(alias)]);
      if (r.rowCount === 0) throw new NotFoundError(`"${alias}" is not an alias of ${org.name}`);
      const after = (await this.organisationById(org.id, w.c))!;
      await this.audit(w.c, actor, 'alias.remove', `org:${org.name}`, { aliases: org.aliases }, { aliases: after.aliases });
      await this.reindexOrganisation(w.c, org.id);
      w.orgs.add(org.id);
      return after;
    });
  }

  async setKnown(orgName: string, known: readonly string[], actor: Actor): Promise<OrganisationRow> {
    return this.write(async (w) => {
      const org = await this.findOrganisation(orgName, w.c);
      if (!org) throw new NotFoundError(`no organisation is called "${orgName}"`);
      await w.c.query('UPDATE organisations SET known = $2::text[] WHERE id = $1', [org.id, known.length ? [...known] : null]);
      const after = (await this.organisationById(org.id, w.c))!;
      await this.audit(w.c, actor, 'org.known', `org:${org.name}`, { known: org.known ?? [] }, { known: after.known ?? [] });
      // Search rebuilds its names (and what each organisation is known for) from the change feed.
      w.orgs.add(org.id);
      return after;
    });
  }

  /** Every deal of the organisation (removed ones too, so a restore needs nothing) gets its parties text again. */
  private async reindexOrganisation(c: Client, orgId: number): Promise<void> {
    const ids = (await c.query<{ deal_id: number }>('SELECT DISTINCT deal_id FROM deal_parties WHERE org_id = $1', [orgId])).rows.map(
      (r) => r.deal_id,
    );
    if (ids.length > 0) await c.query(REFRESH_PARTIES_SQL, [ids]);
  }

  // ------------------------------------------------------------ deals: reads

  async getDeal(slug: string, opts: { includeDeleted?: boolean } = {}, c?: Client): Promise<StoredDeal | undefined> {
    const sql = `SELECT ${DEAL_COLS} FROM deals WHERE slug = $1`;
    const r = (c ? await c.query<DealRow>(sql, [slug]) : await this.q<DealRow>(sql, [slug])).rows[0];
    if (!r || (r.deleted_at && !opts.includeDeleted)) return undefined;
    return rowToStored(r);
  }

  async getDealsByIds(ids: number[]): Promise<StoredDeal[]> {
    if (ids.length === 0) return [];
    const rows = (await this.q<DealRow>(`SELECT ${DEAL_COLS} FROM deals WHERE id = ANY($1::int[]) AND deleted_at IS NULL`, [ids])).rows;
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const r = byId.get(id);
      return r ? [rowToStored(r)] : [];
    });
  }

  async countDeals(): Promise<number> {
    return (await this.q<{ n: number }>('SELECT count(*)::int AS n FROM deals WHERE deleted_at IS NULL')).rows[0]!.n;
  }

  async listDeals(f: ListFilter = {}): Promise<{ total: number; deals: StoredDeal[] }> {
    const where = ['d.deleted_at IS NULL'];
    const params: (string | number)[] = [];
    if (f.company) {
      const org = await this.findOrganisation(f.company);
      if (!org) return { total: 0, deals: [] };
      params.push(org.id);
      where.push(`EXISTS (SELECT 1 FROM deal_parties p WHERE p.deal_id = d.id AND p.org_id = $${params.length})`);
    }
    if (f.type) {
      params.push(f.type);
      where.push(`d.type = $${params.length}`);
    }
    if (f.year) {
      params.push(String(f.year));
      where.push(`substr(d.announced, 1, 4) = $${params.length}`);
    }
    const w = where.join(' AND ');
    return this.snapshot(async (c) => {
      const total = (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM deals d WHERE ${w}`, params)).rows[0]!.n;
      const rows = (
        await c.query<DealRow>(
          `SELECT ${DEAL_COLS.split(', ').map((x) => `d.${x}`).join(', ')} FROM deals d WHERE ${w}
           ORDER BY d.announced DESC, d.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
          [...params, f.limit ?? 10, f.offset ?? 0],
        )
      ).rows;
      return { total, deals: rows.map(rowToStored) };
    });
  }

  async exportDeals(): Promise<Deal[]> {
    const rows = (await this.q<{ doc: string }>('SELECT doc FROM deals WHERE deleted_at IS NULL ORDER BY slug')).rows;
    return rows.map((r) => JSON.parse(r.doc) as Deal);
  }

  async findDuplicates(deal: Deal): Promise<StoredDeal[]> {
    const orgIds: number[] = [];
    for (const p of deal.parties) {
      const id = await this.orgIdByKey(nameKey(p.name));
      if (id === undefined) return [];
      orgIds.push(id);
    }
    orgIds.sort((a, b) => a - b);
    const rows = (
      await this.q<DealRow & { org_ids: number[] }>(
        `SELECT ${DEAL_COLS}, (SELECT array_agg(org_id ORDER BY org_id) FROM deal_parties p WHERE p.deal_id = d.id) AS org_ids
         FROM deals d WHERE type = $1 AND announced = $2 AND deleted_at IS NULL AND slug != $3 ORDER BY id`,
        [deal.type, deal.announced, deal.slug],
      )
    ).rows;
    return rows
      .filter((r) => (r.org_ids ?? []).length === orgIds.length && (r.org_ids ?? []).every((v, i) => v === orgIds[i]))
      .map(rowToStored);
  }

  // ------------------------------------------------------------ deals: writes

  /**
   * Writes deals (new ones inserted, existing ones replaced with their child rows) in a few statements per batch:
   * organisations resolved in order as Store does, then arrays sent through unnest. Returns slug -> id.
   */
  private async writeDeals(w: Write, items: DealItem[], res: OrgResolver): Promise<Map<string, number>> {
    const c = w.c;
    await res.load(
      c,
      items.flatMap((it) => (it.kept ? [] : it.deal.parties.flatMap((p) => [nameKey(p.name), ...(p.aliases ?? []).map(nameKey)]))),
    );
    const partyOrgs = items.map((it) =>
      it.deal.parties.map((p, i) => {
        const orgId = it.kept?.orgIds[i] ?? res.resolve(p.name);
        if (!it.kept) for (const a of p.aliases ?? []) res.addAliasIfFree(orgId, a, null);
        return orgId;
      }),
    );
    const real = await res.flush(c, w);
    const orgIdsOf = partyOrgs.map((ids) => ids.map((id) => (id < 0 ? real.get(id)! : id)));
    const texts = await res.texts(c, orgIdsOf.flat());
    const now = nowIso();

    const cols = (its: DealItem[], idx: number[]) => {
      const pick = <T>(f: (it: DealItem, i: number) => T) => its.map((it, k) => f(it, idx[k]!));
      return [
        pick((it) => it.deal.title),
        pick((it) => it.deal.type),
        pick((it) => it.deal.status),
        pick((it) => (it.deal.binding === undefined ? null : Number(it.deal.binding))),
        pick((it) => it.deal.announced),
        pick((it) => it.deal.closed ?? null),
        pick((it) => it.deal.value?.amount ?? null),
        pick((it) => it.deal.value?.currency ?? null),
        pick((it) => it.deal.summary),
        pick((it) => it.doc),
        pick((it) => it.version),
        pick((it) => it.kept?.updatedAt ?? now),
        pick((_it, i) => orgIdsOf[i]!.map((id) => texts.get(id) ?? '').join(' ; ')),
        pick((it) => it.deal.areas.join(' ; ')),
      ];
    };
    const COL_TYPES = ['text', 'text', 'text', 'int', 'text', 'text', 'float8', 'text', 'text', 'text', 'int', 'text', 'text', 'text'];
    const unnestOf = (offset: number) => COL_TYPES.map((t, i) => `$${i + 1 + offset}::${t}[]`).join(', ');

    const ids = new Map<string, number>();
    const updIdx: number[] = [];
    const insIdx: number[] = [];
    items.forEach((it, i) => (it.existingId !== undefined ? updIdx : insIdx).push(i));
    if (updIdx.length > 0) {
      const its = updIdx.map((i) => items[i]!);
      const dealIds = its.map((it) => it.existingId!);
      await c.query(
        `UPDATE deals d SET title = v.title, type = v.type, status = v.status, binding = v.binding, announced = v.announced,
           closed = v.closed, value_amount = v.value_amount, value_currency = v.value_currency, summary = v.summary, doc = v.doc,
           version = v.version, updated_at = v.updated_at, deleted_at = NULL, parties_text = v.parties_text, areas_text = v.areas_text
         FROM unnest($1::int[], ${unnestOf(1)}) AS v(id, title, type, status, binding, announced, closed, value_amount,
           value_currency, summary, doc, version, updated_at, parties_text, areas_text)
         WHERE d.id = v.id`,
        [dealIds, ...cols(its, updIdx)],
      );
      for (const t of ['deal_parties', 'deal_areas', 'deal_quotes', 'deal_sources']) {
        await c.query(`DELETE FROM ${t} WHERE deal_id = ANY($1::int[])`, [dealIds]);
      }
      its.forEach((it) => ids.set(it.deal.slug, it.existingId!));
    }
    if (insIdx.length > 0) {
      const its = insIdx.map((i) => items[i]!);
      const kept = its.every((it) => it.kept);
      const r = await c.query<{ id: number; slug: string }>(
        `INSERT INTO deals (id, slug, created_at, title, type, status, binding, announced, closed, value_amount, value_currency,
           summary, doc, version, updated_at, parties_text, areas_text)
         SELECT ${kept ? 'v.id' : `nextval(pg_get_serial_sequence('deals', 'id'))`}, v.slug, v.created_at, v.title, v.type, v.status,
           v.binding, v.announced, v.closed, v.value_amount, v.value_currency, v.summary, v.doc, v.version, v.updated_at,
           v.parties_text, v.areas_text
         FROM unnest($1::int[], $2::text[], $3::text[], ${unnestOf(3)}) AS v(id, slug, created_at, title, type, status, binding,
           announced, closed, value_amount, value_currency, summary, doc, version, updated_at, parties_text, areas_text)
         RETURNING id, slug`,
        [
          its.map((it) => it.kept?.id ?? null),
          its.map((it) => it.deal.slug),
          its.map((it) => it.kept?.createdAt ?? now),
          ...cols(its, insIdx),
        ],
      );
      for (const row of r.rows) ids.set(row.slug, row.id);
    }

    // Child rows of every deal written, in party/area/quote/source order.
    const parties: [number[], number[], number[], string[]] = [[], [], [], []];
    const areas: [number[], number[], string[]] = [[], [], []];
    const quotes: [number[], number[], string[], (string | null)[], string[]] = [[], [], [], [], []];
    const sources: [number[], number[], string[], (string | null)[], (string | null)[], (string | null)[]] = [[], [], [], [], [], []];
    items.forEach((it, i) => {
      const id = ids.get(it.deal.slug)!;
      w.deals.add(id);
      it.deal.parties.forEach((p, k) => {
        parties[0].push(id);
        parties[1].push(k);
        parties[2].push(orgIdsOf[i]![k]!);
        parties[3].push(p.role);
      });
      it.deal.areas.forEach((a, k) => {
        areas[0].push(id);
        areas[1].push(k);
        areas[2].push(a);
      });
      (it.deal.quotes ?? []).forEach((q, k) => {
        quotes[0].push(id);
        quotes[1].push(k);
        quotes[2].push(q.speaker);
        quotes[3].push(q.title ?? null);
        quotes[4].push(q.text);
      });
      it.deal.sources.forEach((s, k) => {
        sources[0].push(id);
        sources[1].push(k);
        sources[2].push(s.url);
        sources[3].push(s.publisher ?? null);
        sources[4].push(s.title ?? null);
        sources[5].push(s.published ?? null);
      });
    });
    await c.query(
      'INSERT INTO deal_parties (deal_id, position, org_id, role) SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::text[])',
      parties,
    );
    if (areas[0].length > 0) {
      await c.query('INSERT INTO deal_areas (deal_id, position, area) SELECT * FROM unnest($1::int[], $2::int[], $3::text[])', areas);
    }
    if (quotes[0].length > 0) {
      await c.query(
        'INSERT INTO deal_quotes (deal_id, position, speaker, title, text) SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[])',
        quotes,
      );
    }
    await c.query(
      `INSERT INTO deal_sources (deal_id, position, url, publisher, title, published)
       SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[])`,
      sources,
    );
    return ids;
  }

  private async lockedDeal(c: Client, slug: string, liveOnly: boolean): Promise<DealRow | undefined> {
    return (await c.query<DealRow>(`SELECT ${DEAL_COLS} FROM deals WHERE slug = $1${liveOnly ? ' AND deleted_at IS NULL' : ''}`, [slug]))
      .rows[0];
  }

  async createDeal(deal: Deal, actor: Actor): Promise<StoredDeal> {
    return this.write(async (w) => {
      const existing = await this.lockedDeal(w.c, deal.slug, false);
      if (existing) {
        throw new DuplicateError(
          existing.deleted_at
            ? `a removed deal already uses the slug "${deal.slug}"; restore it or choose another slug`
            : `a deal with the slug "${deal.slug}" already exists`,
        );
      }
      const canonical = canonicalDeal(deal);
      await this.writeDeals(w, [{ deal, doc: JSON.stringify(canonical), version: 1 }], new OrgResolver());
      await this.audit(w.c, actor, 'deal.add', deal.slug, null, canonical);
      return (await this.getDeal(deal.slug, {}, w.c))!;
    });
  }

  async updateDeal(slug: string, deal: Deal, expectedVersion: number, actor: Actor): Promise<StoredDeal> {
    return this.write(async (w) => {
      const existing = await this.lockedDeal(w.c, slug, true);
      if (!existing) throw new NotFoundError(`no deal has the slug "${slug}"`);
      if (existing.version !== expectedVersion) {
        throw new ConflictError(
          `"${slug}" was changed by someone else since you opened it (now version ${existing.version}, yours ${expectedVersion}); ` +
            'nothing was saved — open it again to see their change',
          existing.version,
        );
      }
      if (deal.slug !== slug) {
        const clash = (await w.c.query('SELECT 1 FROM deals WHERE slug = $1', [deal.slug])).rowCount;
        if (clash) throw new DuplicateError(`a deal with the slug "${deal.slug}" already exists`);
        await w.c.query('UPDATE deals SET slug = $1 WHERE id = $2', [deal.slug, existing.id]);
      }
      const canonical = canonicalDeal(deal);
      await this.writeDeals(
        w,
        [{ deal, doc: JSON.stringify(canonical), version: existing.version + 1, existingId: existing.id }],
        new OrgResolver(),
      );
      await this.audit(w.c, actor, 'deal.edit', deal.slug, JSON.parse(existing.doc), canonical);
      return (await this.getDeal(deal.slug, {}, w.c))!;
    });
  }

  async removeDeal(slug: string, actor: Actor): Promise<StoredDeal> {
    return this.write(async (w) => {
      const existing = await this.lockedDeal(w.c, slug, true);
      if (!existing) throw new NotFoundError(`no deal has the slug "${slug}"`);
      const r = await w.c.query<DealRow>(
        `UPDATE deals SET deleted_at = $1, version = version + 1 WHERE id = $2 RETURNING ${DEAL_COLS}`,
        [nowIso(), existing.id],
      );
      await this.audit(w.c, actor, 'deal.remove', slug, JSON.parse(existing.doc), null);
      w.deals.add(existing.id);
      return rowToStored(r.rows[0]!);
    });
  }

  async restoreDeal(slug: string, actor: Actor): Promise<StoredDeal> {
    return this.write(async (w) => {
      const existing = await this.lockedDeal(w.c, slug, false);
      if (!existing) throw new NotFoundError(`no deal has the slug "${slug}"`);
      if (!existing.deleted_at) throw new DuplicateError(`"${slug}" is not removed`);
      await w.c.query('UPDATE deals SET deleted_at = NULL, version = version + 1, updated_at = $1 WHERE id = $2', [nowIso(), existing.id]);
      await this.audit(w.c, actor, 'deal.restore', slug, null, JSON.parse(existing.doc));
      w.deals.add(existing.id);
      return (await this.getDeal(slug, {}, w.c))!;
    });
  }

  async importDeals(deals: Deal[], actor: Actor, onProgress?: (done: number, total: number) => void): Promise<ImportResult> {
    const r = await this.write(async (w) => {
      let created = 0;
      let updated = 0;
      let unchanged = 0;
      const res = new OrgResolver();
      // A slug given twice in one file: later records win, as in Store's one-by-one import.
      for (let start = 0; start < deals.length; start += CHUNK) {
        const chunk = deals.slice(start, start + CHUNK);
        const existing = new Map(
          (
            await w.c.query<{ id: number; slug: string; doc: string; version: number; deleted_at: string | null }>(
              'SELECT id, slug, doc, version, deleted_at FROM deals WHERE slug = ANY($1::text[])',
              [chunk.map((d) => d.slug)],
            )
          ).rows.map((r) => [r.slug, r]),
        );
        let batch: DealItem[] = [];
        const inBatch = new Set<string>();
        const flush = async () => {
          if (batch.length === 0) return;
          const ids = await this.writeDeals(w, batch, res);
          for (const it of batch) {
            const prev = existing.get(it.deal.slug);
            existing.set(it.deal.slug, { id: ids.get(it.deal.slug)!, slug: it.deal.slug, doc: it.doc, version: it.version, deleted_at: null });
            if (prev) updated++;
            else created++;
          }
          batch = [];
          inBatch.clear();
        };
        for (const deal of chunk) {
          if (inBatch.has(deal.slug)) await flush();
          const prev = existing.get(deal.slug);
          const doc = JSON.stringify(canonicalDeal(deal));
          if (prev && prev.doc === doc && !prev.deleted_at) {
            unchanged++;
            continue;
          }
          batch.push({ deal, doc, version: prev ? prev.version + 1 : 1, ...(prev ? { existingId: prev.id } : {}) });
          inBatch.add(deal.slug);
        }
        await flush();
        const done = Math.min(deals.length, start + CHUNK);
        onProgress?.(done, deals.length);
      }
      await this.audit(w.c, actor, 'import', `${deals.length} deals`, null, { created, updated, unchanged });
      return { created, updated, unchanged };
    });
    if (r.created + r.updated >= BULK_ROWS) await this.afterBulkWrite();
    return r;
  }

  /**
   * After a bulk write: move the GIN index's pending entries into the index and refresh the planner's statistics.
   * Until then the planner prices the index with its long pending list and scans the whole table instead (measured:
   * a rare word 13 ms by sequential scan at 5k deals, 0.1 ms through the index after this).
   */
  private async afterBulkWrite(): Promise<void> {
    try {
      await this.pool.query(`SELECT gin_clean_pending_list('deals_search'::regclass), gin_clean_pending_list('deals_topic_search'::regclass)`);
      await this.pool.query('ANALYZE deals, deal_parties, organisations, aliases');
    } catch {
      // Maintenance only: autovacuum does the same later.
    }
  }

  // ------------------------------------------------------------ audit

  private async audit(c: Client, actor: Actor, action: string, subject: string, before: unknown, after: unknown): Promise<void> {
    await c.query('INSERT INTO audit_log (at, actor, platform, action, subject, before_doc, after_doc) VALUES ($1,$2,$3,$4,$5,$6,$7)', [
      nowIso(),
      actor.name ? `${actor.name} (${actor.id})` : actor.id,
      actor.platform,
      action,
      subject,
      before === null || before === undefined ? null : JSON.stringify(before),
      after === null || after === undefined ? null : JSON.stringify(after),
    ]);
  }

  async history(opts: { subject?: string | undefined; limit?: number } = {}): Promise<AuditEntry[]> {
    const limit = opts.limit ?? 20;
    const r = opts.subject
      ? await this.q<AuditRowPg>('SELECT * FROM audit_log WHERE subject = $1 ORDER BY id DESC LIMIT $2', [opts.subject, limit])
      : await this.q<AuditRowPg>('SELECT * FROM audit_log ORDER BY id DESC LIMIT $1', [limit]);
    return r.rows.map((a) => ({
      id: a.id,
      at: a.at,
      actor: a.actor,
      platform: a.platform,
      action: a.action,
      subject: a.subject,
      before: a.before_doc ? JSON.parse(a.before_doc) : null,
      after: a.after_doc ? JSON.parse(a.after_doc) : null,
    }));
  }

  // ------------------------------------------------------------ usage

  private usageBuffer: { at: string; platform: string; command: string; query: string; outcome: string; slug: string | null }[] = [];
  private usageTimer: ReturnType<typeof setTimeout> | undefined;
  private usageFlushing: Promise<void> | undefined;
  private usageInserts = 0;

  recordUsage(u: UsageRecord): void {
    if (this.closed) return;
    this.usageBuffer.push({ at: nowIso(), platform: u.platform, command: u.command, query: u.query.slice(0, 200), outcome: u.outcome, slug: u.slug ?? null });
    if (this.usageBuffer.length > USAGE_MAX_BUFFERED) this.usageBuffer = this.usageBuffer.slice(-USAGE_MAX_BUFFERED);
    if (this.usageBuffer.length >= USAGE_BATCH) void this.flushUsage();
    else if (!this.usageTimer) {
      this.usageTimer = setTimeout(() => void this.flushUsage(), USAGE_FLUSH_MS);
      this.usageTimer.unref?.();
    }
  }

  /** Writes buffered rows in one statement; never throws (a failed batch is kept, bounded, for the next try). */
  async flushUsage(): Promise<void> {
    if (this.usageTimer) {
      clearTimeout(this.usageTimer);
      this.usageTimer = undefined;
    }
    while (this.usageFlushing) await this.usageFlushing;
    const rows = this.usageBuffer;
    if (rows.length === 0) return;
    this.usageBuffer = [];
    this.usageFlushing = (async () => {
      try {
        await this.pool.query(
          `INSERT INTO usage (at, platform, command, query, outcome, slug)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
          [rows.map((r) => r.at), rows.map((r) => r.platform), rows.map((r) => r.command), rows.map((r) => r.query), rows.map((r) => r.outcome), rows.map((r) => r.slug)],
        );
        const before = this.usageInserts;
        this.usageInserts += rows.length;
        if (before === 0 || Math.floor(before / 1000) !== Math.floor(this.usageInserts / 1000)) {
          await this.pool.query('DELETE FROM usage WHERE id <= (SELECT max(id) FROM usage) - $1', [USAGE_MAX_ROWS]);
        }
      } catch {
        if (!this.closed) this.usageBuffer = rows.concat(this.usageBuffer).slice(-USAGE_MAX_BUFFERED);
      }
    })();
    try {
      await this.usageFlushing;
    } finally {
      this.usageFlushing = undefined;
    }
  }

  async usageStats(days: number, limit = 10): Promise<UsageStats> {
    await this.flushUsage();
    const since = new Date(Date.now() - days * 86_400_000).toISOString();
    return this.snapshot(async (c) => {
      const t = (
        await c.query<{ q: number; f: number | null; nf: number | null }>(
          `SELECT count(*)::int AS q, sum((outcome != 'not_found')::int)::int AS f, sum((outcome = 'not_found')::int)::int AS nf
           FROM usage WHERE at >= $1`,
          [since],
        )
      ).rows[0]!;
      const group = async (extra: string) =>
        (
          await c.query<{ query: string; count: number }>(
            `SELECT lower(query) AS query, count(*)::int AS count FROM usage WHERE at >= $1 ${extra}
             GROUP BY lower(query) ORDER BY count DESC, max(id) DESC LIMIT $2`,
            [since, limit],
          )
        ).rows;
      return { since, queries: t.q, found: t.f ?? 0, notFound: t.nf ?? 0, top: await group(''), misses: await group(`AND outcome = 'not_found'`) };
    });
  }

  async pruneUsage(before: Date): Promise<number> {
    await this.flushUsage();
    return (await this.q('DELETE FROM usage WHERE at < $1', [before.toISOString()])).rowCount ?? 0;
  }

  // ------------------------------------------------------------ review queue

  async knownReviewKeys(feedUrl: string, keys: readonly string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const r = await this.q<{ item_key: string }>('SELECT item_key FROM review_queue WHERE feed_url = $1 AND item_key = ANY($2::text[])', [
      feedUrl,
      [...keys],
    ]);
    return new Set(r.rows.map((x) => x.item_key));
  }

  /** One statement, so all or nothing; an item already queued (by any process) is left as it is. */
  async enqueueReviewItems(items: readonly NewReviewItem[]): Promise<{ added: number; alreadySeen: number }> {
    if (items.length === 0) return { added: 0, alreadySeen: 0 };
    const now = nowIso();
    const r = await this.q(
      `INSERT INTO review_queue (feed_url, item_key, title, link, published, status, draft_doc, created_at)
       SELECT v.*, $8::text FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS v
       ON CONFLICT (feed_url, item_key) DO NOTHING`,
      [
        items.map((i) => i.feedUrl),
        items.map((i) => i.itemKey),
        items.map((i) => i.title.slice(0, 300)),
        items.map((i) => i.link ?? null),
        items.map((i) => i.published ?? null),
        items.map((i) => i.status),
        items.map((i) => JSON.stringify(i.draft)),
        now,
      ],
    );
    const added = r.rowCount ?? 0;
    return { added, alreadySeen: items.length - added };
  }

  async reviewItem(id: number): Promise<ReviewItem | undefined> {
    if (!Number.isSafeInteger(id) || Math.abs(id) > 2 ** 31 - 1) return undefined;
    const r = (await this.q<ReviewRow>('SELECT * FROM review_queue WHERE id = $1', [id])).rows[0];
    return r ? toReviewItem(r) : undefined;
  }

  async nextReviewItem(afterId = 0): Promise<{ item?: ReviewItem; pending: number; position: number }> {
    return this.snapshot(async (c) => {
      const pending = (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM review_queue WHERE status = 'pending'`)).rows[0]!.n;
      const r =
        (await c.query<ReviewRow>(`SELECT * FROM review_queue WHERE status = 'pending' AND id > $1 ORDER BY id LIMIT 1`, [afterId])).rows[0] ??
        (await c.query<ReviewRow>(`SELECT * FROM review_queue WHERE status = 'pending' ORDER BY id LIMIT 1`)).rows[0];
      if (!r) return { pending, position: 0 };
      const before = (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM review_queue WHERE status = 'pending' AND id < $1`, [r.id])).rows[0]!.n;
      return { item: toReviewItem(r), pending, position: before + 1 };
    });
  }

  async decideReviewItem(id: number, status: 'saved' | 'skipped', actor: string, slug?: string): Promise<boolean> {
    const r = await this.q(`UPDATE review_queue SET status = $1, decided_at = $2, decided_by = $3, slug = $4 WHERE id = $5 AND status = 'pending'`, [
      status,
      nowIso(),
      actor,
      slug ?? null,
      id,
    ]);
    return r.rowCount === 1;
  }

  async countReviewItems(): Promise<Record<ReviewStatus, number>> {
    const out: Record<ReviewStatus, number> = { pending: 0, saved: 0, skipped: 0, no_deal: 0 };
    for (const r of (await this.q<{ status: ReviewStatus; n: number }>('SELECT status, count(*)::int AS n FROM review_queue GROUP BY status')).rows) {
      out[r.status] = r.n;
    }
    return out;
  }

  // ------------------------------------------------------------ backup and dump

  async backup(path: string) {
    const text = JSON.stringify(await this.dump());
    writeFileSync(path, text);
    return { format: 'dealbot-dump' as const, bytes: Buffer.byteLength(text) };
  }

  async dump(): Promise<StoreDump> {
    await this.flushUsage();
    return this.snapshot(async (c) => {
      const aliases = (await c.query<{ org_id: number; alias: string; created_by: string | null }>('SELECT org_id, alias, created_by FROM aliases ORDER BY id')).rows;
      const byOrg = new Map<number, { alias: string; createdBy: string | null }[]>();
      for (const a of aliases) {
        const list = byOrg.get(a.org_id) ?? [];
        list.push({ alias: a.alias, createdBy: a.created_by });
        byOrg.set(a.org_id, list);
      }
      const orgs = (await c.query<{ id: number; name: string; country: string | null; known: string[] | null }>('SELECT id, name, country, known FROM organisations ORDER BY id')).rows;
      const deals = (
        await c.query<DealRow & { parties: number[] | null }>(
          `SELECT ${DEAL_COLS}, (SELECT array_agg(org_id ORDER BY position) FROM deal_parties p WHERE p.deal_id = d.id) AS parties
           FROM deals d ORDER BY id`,
        )
      ).rows;
      const audit = (await c.query<AuditRowPg>('SELECT * FROM audit_log ORDER BY id')).rows;
      const usage = (await c.query<StoreDump['usage'][number]>('SELECT id, at, platform, command, query, outcome, slug FROM usage ORDER BY id')).rows;
      const review = (await c.query<ReviewRow>(`SELECT ${REVIEW_COLS} FROM review_queue ORDER BY id`)).rows;
      return {
        format: 'dealbot-dump' as const,
        version: 1 as const,
        organisations: orgs.map(({ known, ...o }) => ({ ...o, aliases: byOrg.get(o.id) ?? [], ...knownField(known) })),
        deals: deals.map((d) => ({
          id: d.id,
          doc: d.doc,
          parties: d.parties ?? [],
          version: d.version,
          createdAt: d.created_at,
          updatedAt: d.updated_at,
          deletedAt: d.deleted_at,
        })),
        audit: audit.map((a) => ({ id: a.id, at: a.at, actor: a.actor, platform: a.platform, action: a.action, subject: a.subject, before: a.before_doc, after: a.after_doc })),
        usage,
        review,
      };
    });
  }

  async loadDump(d: StoreDump): Promise<void> {
    if (d.format !== 'dealbot-dump' || d.version !== 1) throw new Error('not a dealbot dump (format dealbot-dump, version 1)');
    await this.write(async (w) => {
      const c = w.c;
      const n = (await c.query<{ n: number }>('SELECT ((SELECT count(*) FROM deals) + (SELECT count(*) FROM organisations))::int AS n')).rows[0]!.n;
      if (n > 0) throw new DuplicateError('the store already holds deals or organisations; a dump loads only into an empty store');
      const orgs = d.organisations;
      await c.query('INSERT INTO organisations (id, name, name_key, country) SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[])', [
        orgs.map((o) => o.id),
        orgs.map((o) => o.name),
        orgs.map((o) => nameKey(o.name)),
        orgs.map((o) => o.country),
      ]);
      for (const o of orgs) if (o.known?.length) await c.query('UPDATE organisations SET known = $2::text[] WHERE id = $1', [o.id, o.known]);
      const al = orgs.flatMap((o) => o.aliases.map((a) => ({ orgId: o.id, ...a })));
      await c.query('INSERT INTO aliases (org_id, alias, alias_key, created_by) SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[])', [
        al.map((a) => a.orgId),
        al.map((a) => a.alias),
        al.map((a) => nameKey(a.alias)),
        al.map((a) => a.createdBy),
      ]);
      for (const o of orgs) w.orgs.add(o.id);
      const res = new OrgResolver();
      for (let start = 0; start < d.deals.length; start += CHUNK) {
        const chunk = d.deals.slice(start, start + CHUNK);
        await this.writeDeals(
          w,
          chunk.map((r) => ({
            deal: JSON.parse(r.doc) as Deal,
            doc: r.doc,
            version: r.version,
            kept: { id: r.id, createdAt: r.createdAt, updatedAt: r.updatedAt, orgIds: r.parties },
          })),
          res,
        );
        const removed = chunk.filter((r) => r.deletedAt);
        if (removed.length > 0) {
          await c.query('UPDATE deals d SET deleted_at = v.at FROM unnest($1::int[], $2::text[]) AS v(id, at) WHERE d.id = v.id', [
            removed.map((r) => r.id),
            removed.map((r) => r.deletedAt),
          ]);
        }
      }
      for (let start = 0; start < d.audit.length; start += 5 * CHUNK) {
        const a = d.audit.slice(start, start + 5 * CHUNK);
        await c.query(
          `INSERT INTO audit_log (id, at, actor, platform, action, subject, before_doc, after_doc)
           SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])`,
          [a.map((x) => x.id), a.map((x) => x.at), a.map((x) => x.actor), a.map((x) => x.platform), a.map((x) => x.action), a.map((x) => x.subject), a.map((x) => x.before), a.map((x) => x.after)],
        );
      }
      for (let start = 0; start < d.usage.length; start += 10 * CHUNK) {
        const u = d.usage.slice(start, start + 10 * CHUNK);
        await c.query(
          `INSERT INTO usage (id, at, platform, command, query, outcome, slug)
           SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`,
          [u.map((x) => x.id), u.map((x) => x.at), u.map((x) => x.platform), u.map((x) => x.command), u.map((x) => x.query), u.map((x) => x.outcome), u.map((x) => x.slug)],
        );
      }
      const rv = d.review ?? [];
      if (rv.length > 0) {
        const col = <K extends keyof ReviewRow>(k: K) => rv.map((r) => r[k]);
        await c.query(
          `INSERT INTO review_queue (${REVIEW_COLS})
           SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])`,
          [col('id'), col('feed_url'), col('item_key'), col('title'), col('link'), col('published'), col('status'), col('draft_doc'), col('created_at'), col('decided_at'), col('decided_by'), col('slug')],
        );
      }
      // Rows came with their ids: move each identity past them, so the next insert does not collide.
      for (const t of ['organisations', 'aliases', 'deals', 'audit_log', 'usage', 'review_queue']) {
        await c.query(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), coalesce((SELECT max(id) FROM ${t}), 0) + 1, false)`);
      }
    });
    if (d.deals.length >= BULK_ROWS) await this.afterBulkWrite();
  }

  // ------------------------------------------------------------ change feed

  async generation(): Promise<number> {
    return (await this.q<{ value: number }>('SELECT value FROM store_generation WHERE id = 1')).rows[0]!.value;
  }

  async changesSince(from: number, limit = 10_000): Promise<ChangeBatch> {
    // The cheap, common case first: nothing new (one indexed single-row read, no transaction).
    const head = (await this.q<{ value: number; pruned_through: number }>('SELECT value, pruned_through FROM store_generation WHERE id = 1')).rows[0]!;
    if (head.value === from && from >= head.pruned_through) return { from, generation: from, changes: [], complete: true, more: false };
    return this.snapshot(async (c) => {
      const g = (await c.query<{ value: number; pruned_through: number }>('SELECT value, pruned_through FROM store_generation WHERE id = 1')).rows[0]!;
      if (from < g.pruned_through || from > g.value) return { from, generation: g.value, changes: [], complete: false, more: false };
      const cutoff = (
        await c.query<{ generation: number }>('SELECT generation FROM changes WHERE generation > $1 ORDER BY generation LIMIT 1 OFFSET $2', [
          from,
          Math.max(0, limit - 1),
        ])
      ).rows[0]?.generation;
      const upTo = cutoff ?? g.value;
      const rows = (
        await c.query<Change>(
          `SELECT generation, kind, ref_id AS id, key FROM changes WHERE generation > $1 AND generation <= $2
           ORDER BY generation, kind COLLATE "C", ref_id`,
          [from, upTo],
        )
      ).rows;
      return { from, generation: upTo, changes: rows, complete: true, more: upTo < g.value };
    });
  }

  onChange(listener: (batch: ChangeBatch) => void | Promise<void>, opts: ChangeOptions = {}): ChangeSubscription {
    let client: pg.Client | undefined;
    let stopped = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let backoff = 50;
    const connect = async (): Promise<void> => {
      if (stopped) return;
      const cl = new pg.Client({ connectionString: this.url, application_name: LISTENER_APPLICATION_NAME });
      const lost = (e?: unknown) => {
        if (client !== cl) return;
        client = undefined;
        cl.removeAllListeners('notification');
        void cl.end().catch(() => undefined);
        if (e) opts.onError?.(e);
        if (!stopped) {
          retry = setTimeout(() => void connect().catch(() => undefined), backoff);
          retry.unref?.();
          backoff = Math.min(2000, backoff * 2);
        }
      };
      client = cl;
      cl.on('error', (e) => lost(e));
      cl.on('end', () => lost());
      cl.on('notification', (m) => {
        if (m.channel === NOTIFY_CHANNEL) void follower.kick();
      });
      try {
        await cl.connect();
        await cl.query(`LISTEN ${NOTIFY_CHANNEL}`);
      } catch (e) {
        lost(e);
        throw e;
      }
      backoff = 50;
      // Anything committed while we were not listening: read it now.
      if (follower) void follower.kick();
    };
    const follower: ChangeFollower = new ChangeFollower(this, listener, { ...opts, pollMs: opts.pollMs ?? PG_POLL_MS }, connect, async () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      const cl = client;
      client = undefined;
      await cl?.end().catch(() => undefined);
      this.subscriptions.delete(follower);
    });
    this.subscriptions.add(follower);
    return follower;
  }

  async pruneChanges(before: Date): Promise<number> {
    return this.write(async (w) => {
      const cutoff = (await w.c.query<{ g: number | null }>('SELECT max(generation) AS g FROM changes WHERE at < $1', [before.toISOString()])).rows[0]!.g;
      if (cutoff === null) return 0;
      const n = (await w.c.query('DELETE FROM changes WHERE generation <= $1', [cutoff])).rowCount ?? 0;
      await w.c.query('UPDATE store_generation SET pruned_through = greatest(pruned_through, $1) WHERE id = 1', [cutoff]);
      return n;
    });
  }

  // ------------------------------------------------------------ shared state

  async claimOnce(key: string, ttlMs: number): Promise<boolean> {
    const now = this.now();
    const r = await this.q(
      `INSERT INTO shared_state (key, value, expires_at) VALUES ($1, NULL, $2)
       ON CONFLICT (key) DO UPDATE SET value = NULL, expires_at = EXCLUDED.expires_at WHERE shared_state.expires_at <= $3`,
      [key, now + ttlMs, now],
    );
    this.afterStateWrite();
    return r.rowCount === 1;
  }

  async putState(key: string, value: unknown, ttlMs: number): Promise<void> {
    await this.q(
      `INSERT INTO shared_state (key, value, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at`,
      [key, JSON.stringify(value ?? null), this.now() + ttlMs],
    );
    this.afterStateWrite();
  }

  async getState<T = unknown>(key: string): Promise<T | undefined> {
    const v = (await this.q<{ value: string | null }>('SELECT value FROM shared_state WHERE key = $1 AND expires_at > $2', [key, this.now()])).rows[0]
      ?.value;
    return v === undefined || v === null ? undefined : (JSON.parse(v) as T);
  }

  async deleteState(key: string): Promise<boolean> {
    const r = await this.q<{ live: boolean }>('DELETE FROM shared_state WHERE key = $1 RETURNING expires_at > $2 AS live', [key, this.now()]);
    return r.rows.some((x) => x.live);
  }

  async pruneState(): Promise<number> {
    return (await this.q('DELETE FROM shared_state WHERE expires_at <= $1', [this.now()])).rowCount ?? 0;
  }

  private afterStateWrite(): void {
    if (++this.stateWrites % PRUNE_EVERY === 0) void this.pruneState().catch(() => undefined);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.flushUsage();
    this.closed = true;
    await this.pool.end();
  }
}

interface AuditRowPg {
  id: number;
  at: string;
  actor: string;
  platform: string;
  action: string;
  subject: string;
  before_doc: string | null;
  after_doc: string | null;
}
