// The Discord adapter's one custom-id codec: what the cards write, the router reads back; ids Discord could not
// have sent from one of our components (too long, an unknown "~" id, a prefix with no key) are refused; targets too
// long for a custom_id are stashed, found again through the store, and expire.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CUSTOM_IDS, ID_PREFIX, encodeTargetId, parseCustomId, TargetStash } from '../../../../src/adapters/discord/custom-ids.ts';
import { DISCORD_LIMITS } from '../../../../src/adapters/discord/limits.ts';
import { renderMessage } from '../../../../src/adapters/discord/render.ts';
import { dealRef, type InvokeTarget, type ListReply } from '../../../../src/core/replies.ts';
import { createLogger } from '../../../../src/log.ts';

const silent = createLogger('silent');

/** The store's shared state, in memory (the same contract: values expire). */
function memoryState() {
  const m = new Map<string, unknown>();
  return {
    map: m,
    async putState(key: string, value: unknown) {
      m.set(key, structuredClone(value));
    },
    async getState<T>(key: string) {
      return m.get(key) as T | undefined;
    },
    async deleteState(key: string) {
      return m.delete(key);
    },
  };
}

const word = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/);
const target: fc.Arbitrary<InvokeTarget> = fc.record({
  command: word,
  subcommand: fc.option(word, { nil: undefined }),
  options: fc.dictionary(word, fc.string({ maxLength: 40 }), { maxKeys: 4 }),
}).map((t) => (t.subcommand ? t : { command: t.command, options: t.options }));

describe('parseCustomId', () => {
  it("reads back every one of the adapter's own ids", () => {
    expect(parseCustomId(CUSTOM_IDS.cancel)).toEqual({ kind: 'cancel' });
    expect(parseCustomId(CUSTOM_IDS.switchSelect)).toEqual({ kind: 'switchSelect' });
    expect(parseCustomId(CUSTOM_IDS.openSelect)).toEqual({ kind: 'openSelect' });
    expect(parseCustomId(CUSTOM_IDS.form('abc'))).toEqual({ kind: 'form', draftId: 'abc' });
    expect(parseCustomId(CUSTOM_IDS.reopen('abc'))).toEqual({ kind: 'reopen', draftId: 'abc' });
    expect(parseCustomId(CUSTOM_IDS.stashed('k1'))).toEqual({ kind: 'stashed', key: 'k1' });
  });

  it('round-trips every target whose encoding fits a custom_id', () => {
    fc.assert(
      fc.property(target, (t) => {
        const id = encodeTargetId(t);
        if (id === undefined) return;
        expect(id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
        expect(parseCustomId(id)).toEqual({ kind: 'target', target: { ...t, options: Object.fromEntries(Object.entries(t.options)) } });
      }),
    );
  });

  it('gives no custom id for a target too long to carry', () => {
    expect(encodeTargetId({ command: 'deal', options: { query: 'x'.repeat(200) } })).toBeUndefined();
  });

  it('refuses oversized, empty, unknown and keyless ids', () => {
    expect(parseCustomId('deal?query=' + 'x'.repeat(DISCORD_LIMITS.customId))).toEqual({ kind: 'invalid' });
    expect(parseCustomId(CUSTOM_IDS.reopen('k'.repeat(DISCORD_LIMITS.customId)))).toEqual({ kind: 'invalid' });
    expect(parseCustomId('')).toEqual({ kind: 'invalid' });
    expect(parseCustomId('~unknown')).toEqual({ kind: 'invalid' });
    expect(parseCustomId('~x:deal')).toEqual({ kind: 'invalid' });
    for (const prefix of Object.values(ID_PREFIX)) expect(parseCustomId(prefix)).toEqual({ kind: 'invalid' });
    expect(parseCustomId('Deal?query=x')).toEqual({ kind: 'invalid' });
    expect(parseCustomId('not a target')).toEqual({ kind: 'invalid' });
  });

  it('reads every custom id and select value a rendered card carries', async () => {
    const stash = new TargetStash(memoryState(), silent);
    const items = Array.from({ length: 8 }, (_, i) =>
      dealRef({ slug: `deal-${i}-${'s'.repeat(i * 12)}`, title: `Deal ${i}`, type: 'acquisition', status: 'completed', announced: '2020-01-01' }),
    );
    const list: ListReply = {
      kind: 'list',
      title: 'Deals',
      items,
      page: 2,
      pageCount: 3,
      total: 24,
      prev: { command: 'deals', options: { page: 1, company: 'c'.repeat(120) } },
      next: { command: 'deals', options: { page: 3 } },
    };
    const message = renderMessage(list, stash.ids);
    const ids = message.components.flatMap((row) =>
      row.components.flatMap((c) => ('options' in c ? [c.custom_id, ...c.options.map((o) => o.value)] : 'custom_id' in c ? [c.custom_id] : [])),
    );
    expect(ids.length).toBeGreaterThan(2);
    for (const id of ids) expect(parseCustomId(id).kind).not.toBe('invalid');
    const stashed = ids.map(parseCustomId).filter((p) => p.kind === 'stashed');
    expect(stashed.length).toBeGreaterThan(0);
  });
});

describe('TargetStash', () => {
  it('encodes a short target in the id itself and stores nothing', () => {
    const state = memoryState();
    const stash = new TargetStash(state, silent);
    const t: InvokeTarget = { command: 'deal', options: { query: 'xiaomi' } };
    expect(parseCustomId(stash.ids(t))).toEqual({ kind: 'target', target: t });
    expect(state.map.size).toBe(0);
  });

  it('stashes a long target under a key another process can read from the store', async () => {
    const state = memoryState();
    const t: InvokeTarget = { command: 'deals', options: { company: 'x'.repeat(300), page: 2 } };
    const id = new TargetStash(state, silent).ids(t);
    expect(id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
    const parsed = parseCustomId(id);
    if (parsed.kind !== 'stashed') throw new Error(`expected a stashed id, got ${parsed.kind}`);
    await new Promise((r) => setImmediate(r));
    // A second stash (another shard process) has nothing in memory: it reads the store.
    expect(await new TargetStash(state, silent).get(parsed.key)).toEqual(t);
    expect(await new TargetStash(memoryState(), silent).get(parsed.key)).toBeUndefined();
  });
});
