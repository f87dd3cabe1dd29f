// The list walk (a common topic: deals in order, each one's indexed words tested) keeps the texts it tested between
// walks. Those must never outlive a change: an edit here, or another process's write, is seen by the next list.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateDeal, type Deal } from '../../../src/deals/schema.ts';
import { SqliteSearchReader, type ListQuery } from '../../../src/store/search-reader.ts';
import { Store } from '../../../src/store/store.ts';

const dir = mkdtempSync(join(tmpdir(), 'dealbot-walk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const actor = { id: 'tester', platform: 'test' };

function deal(slug: string, announced: string, areas: string[]): Deal {
  const r = validateDeal({
    slug,
    title: `Acme invests in ${slug}`,
    type: 'investment',
    status: 'completed',
    announced,
    parties: [
      { name: 'Acme', role: 'investor' },
      { name: `Target ${slug}`, role: 'investee' },
    ],
    areas,
    summary: 'A deal written for the list walk tests.',
    sources: [{ url: 'https://example.com/t' }],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

// topicDocs above the walk's threshold: the reader walks instead of intersecting the full-text index.
const query = (topic: string): ListQuery => ({ types: ['investment'], topics: [[topic]], topicDocs: 1_000_000, order: 'newest' });

describe('list walk over a common topic', () => {
  it('finds the newest matches in order, and sees an edit made after a walk', async () => {
    const { store } = Store.open(':memory:');
    store.createDeal(deal('one', '2021-01-01', ['robotics']), actor);
    store.createDeal(deal('two', '2022-01-01', ['payments']), actor);
    store.createDeal(deal('three', '2023-01-01', ['robotics']), actor);
    const reader = new SqliteSearchReader(store);
    const slugs = async (topic: string) => (await reader.titles((await reader.list(query(topic), 0, 10)).ids)).map((t) => t.slug);
    expect(await slugs('robotics')).toEqual(['three', 'one']);
    expect(await slugs('payments')).toEqual(['two']);
    // Deal two becomes a robotics deal: the text the last walks kept for it is stale.
    const two = store.getDeal('two')!;
    store.updateDeal('two', { ...two.deal, areas: ['robotics'] }, two.version, actor);
    expect(await slugs('robotics')).toEqual(['three', 'two', 'one']);
    expect(await slugs('payments')).toEqual([]);
    store.close();
  });

  it("sees another process's write to the same database file", async () => {
    const file = join(dir, 'walk.db');
    const { store: a } = Store.open(file);
    const { store: b } = Store.open(file);
    a.createDeal(deal('alpha', '2020-01-01', ['satellites']), actor);
    const reader = new SqliteSearchReader(a);
    const slugs = async () => (await reader.titles((await reader.list(query('satellites'), 0, 10)).ids)).map((t) => t.slug);
    expect(await slugs()).toEqual(['alpha']);
    const alpha = b.getDeal('alpha')!;
    b.updateDeal('alpha', { ...alpha.deal, areas: ['rockets'] }, alpha.version, actor);
    b.createDeal(deal('beta', '2024-01-01', ['satellites']), actor);
    expect(await slugs()).toEqual(['beta']);
    a.close();
    b.close();
  });
});
