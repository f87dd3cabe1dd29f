import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../src/core/core.ts';
import type { Reply } from '../../../src/core/replies.ts';
import { OPERATOR, STRANGER, testApp } from '../../helpers/app.ts';

const app = testApp();
afterAll(() => app.close());

async function ask(text: string, user = OPERATOR): Promise<Reply> {
  return app.core.handleText(text, user);
}

describe('core replies', () => {
  it('answers /deal xiaomi microsoft with the MoU card', async () => {
    const r = await ask('/deal xiaomi microsoft');
    expect(r.kind).toBe('deal');
    if (r.kind !== 'deal') return;
    expect(r.deal.slug).toBe('xiaomi-microsoft-mou-2018');
    expect(r.deal.type).toBe('mou');
    expect(r.deal.binding).toBe(false);
    expect(r.deal.announced).toBe('2018-02-23');
    expect(r.deal.parties.map((p) => p.name).sort()).toEqual(['Microsoft', 'Xiaomi']);
    expect(r.deal.quotes?.map((q) => q.speaker)).toEqual(expect.arrayContaining(['Wang Xiang', 'Harry Shum']));
    expect(r.deal.sources.length).toBeGreaterThan(0);
  });

  it('answers honestly when there is no such deal, with suggestions', async () => {
    const r = await ask('/deal xiaomi linkedin');
    expect(r.kind).toBe('not_found');
    if (r.kind === 'not_found') {
      expect(r.message).toContain('xiaomi linkedin');
      expect(r.suggestions.length).toBeGreaterThan(0);
    }
  });

  it('opens a deal by its slug (what autocomplete and buttons send)', async () => {
    const r = await ask('/deal xiaomi-microsoft-mou-2018');
    expect(r.kind === 'deal' && r.deal.slug).toBe('xiaomi-microsoft-mou-2018');
  });

  it('answers an empty /deal with help', async () => {
    const r = await app.core.handle({ command: 'deal', options: {}, user: STRANGER });
    expect(r.kind).toBe('help');
  });

  it('browses newest first, page by page, with the state in the targets', async () => {
    const first = await ask('/deals');
    expect(first.kind).toBe('list');
    if (first.kind !== 'list') return;
    expect(first.items).toHaveLength(10);
    const dates = first.items.map((i) => i.announced);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(first.prev).toBeUndefined();
    expect(first.next).toEqual({ command: 'deals', options: { page: 2 } });
    const second = await app.core.handle({ ...first.next!, user: STRANGER });
    expect(second.kind === 'list' && second.page).toBe(2);
    if (second.kind === 'list') expect(second.items[0]!.slug).not.toBe(first.items[0]!.slug);
  });

  it('filters by company alias, type and year', async () => {
    const r = await ask('/deals company:msft type:acquisition');
    expect(r.kind).toBe('list');
    if (r.kind === 'list') {
      expect(r.total).toBeGreaterThan(0);
      expect(r.items.every((i) => i.type === 'acquisition')).toBe(true);
    }
    const none = await ask('/deals company:nosuchcompanyxyz');
    expect(none.kind === 'list' && none.total).toBe(0);
    if (none.kind === 'list') expect(none.emptyMessage).toContain('nosuchcompanyxyz');
  });

  it('rejects malformed options with a clear error', async () => {
    const r = await ask('/deals year:twenty');
    expect(r).toMatchObject({ kind: 'error', code: 'bad_input', private: true });
    if (r.kind === 'error') expect(r.message).toMatch(/year must be a whole number/);
    const long = await ask('/deal ' + 'x'.repeat(201));
    expect(long.kind === 'error' && long.message).toMatch(/too long/);
    const unknown = await ask('/frobnicate');
    expect(unknown.kind).toBe('error');
  });

  it('refuses admin commands to non-admins, privately, changing nothing', async () => {
    const before = app.store.countDeals();
    const r = await ask('/deal-admin remove xiaomi-microsoft-mou-2018', STRANGER);
    expect(r).toMatchObject({ kind: 'error', code: 'forbidden', private: true });
    expect(app.store.countDeals()).toBe(before);
  });

  it('shows admin commands in help only to admins', async () => {
    const mine = await ask('/deal-help');
    const theirs = await ask('/deal-help', STRANGER);
    expect(mine.kind === 'help' && mine.commands.some((c) => c.admin)).toBe(true);
    expect(theirs.kind === 'help' && theirs.commands.some((c) => c.admin)).toBe(false);
  });

  it('turns an unexpected failure into a reply with a reference id', async () => {
    const broken = createCore({
      ...app.core.context,
      search: {
        search: () => {
          throw new Error('index exploded');
        },
        autocomplete: async () => [],
      },
    });
    const r = await broken.handleText('/deal anything', OPERATOR);
    expect(r.kind).toBe('error');
    if (r.kind === 'error') {
      expect(r.code).toBe('internal');
      expect(r.ref).toMatch(/^[0-9a-f]{8}$/);
      expect(r.message).toContain(r.ref!);
      expect(r.message).not.toContain('index exploded');
    }
  });
});
