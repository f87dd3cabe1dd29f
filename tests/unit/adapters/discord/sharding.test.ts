// Sharding's pieces on their own: the settings, the identify slot taken through the store, and form drafts kept in
// the store's shared state with their caps.
import { describe, expect, it } from 'vitest';
import { ConfigError, discordSharded, loadConfig } from '../../../../src/config.ts';
import { IDENTIFY_MARGIN_MS, IDENTIFY_WINDOW_MS, SharedIdentifyThrottler, botKeyOf } from '../../../../src/adapters/discord/identify.ts';
import { DRAFT_MAX_BYTES, DRAFTS_PER_USER, SharedDrafts, type FormDraft } from '../../../../src/adapters/discord/drafts.ts';
import { createLogger } from '../../../../src/log.ts';
import { Store } from '../../../../src/store/store.ts';
import { SqliteDealStore } from '../../../../src/store/sqlite-store.ts';

const base = { DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '900000000000000002' };

describe('DISCORD_SHARDS and DISCORD_SHARD_LIST', () => {
  it('unset: one process, no manager', () => {
    const c = loadConfig(base);
    expect(c.DISCORD_SHARDS).toBeUndefined();
    expect(discordSharded(c)).toBe(false);
  });

  it('auto or a number turns the manager on; a shard list is parsed, sorted and de-duplicated', () => {
    expect(loadConfig({ ...base, DISCORD_SHARDS: 'auto' }).DISCORD_SHARDS).toBe('auto');
    expect(loadConfig({ ...base, DISCORD_SHARDS: 'AUTO' }).DISCORD_SHARDS).toBe('auto');
    const c = loadConfig({ ...base, DISCORD_SHARDS: '4', DISCORD_SHARD_LIST: '3, 1,1' });
    expect(c.DISCORD_SHARDS).toBe(4);
    expect(c.DISCORD_SHARD_LIST).toEqual([1, 3]);
    expect(discordSharded(c)).toBe(true);
    // Without a Discord token there is nothing to shard.
    expect(discordSharded(loadConfig({ DISCORD_SHARDS: '2' }))).toBe(false);
  });

  it('refuses what cannot work, naming the variable', () => {
    expect(() => loadConfig({ ...base, DISCORD_SHARDS: 'many' })).toThrow(/DISCORD_SHARDS: must be auto or a whole number/);
    expect(() => loadConfig({ ...base, DISCORD_SHARDS: '0' })).toThrow(/DISCORD_SHARDS: must be at least 1/);
    expect(() => loadConfig({ ...base, DISCORD_SHARD_LIST: '0,x' })).toThrow(/DISCORD_SHARD_LIST: must be shard ids/);
    expect(() => loadConfig({ ...base, DISCORD_SHARD_LIST: '0' })).toThrow(/DISCORD_SHARD_LIST: needs DISCORD_SHARDS/);
    expect(() => loadConfig({ ...base, DISCORD_SHARDS: 'auto', DISCORD_SHARD_LIST: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, DISCORD_SHARDS: '2', DISCORD_SHARD_LIST: '1,2' })).toThrow(/shard ids run from 0 to 1 .* \(got 2\)/);
  });
});

function sharedStore(now: () => number): SqliteDealStore {
  return new SqliteDealStore(Store.open(':memory:').store, { now });
}

describe('the identify slot in the store', () => {
  const log = createLogger('silent');

  it('one shard of a bucket identifies; the next waits until the window (and margin) has passed', async () => {
    let t = 1_000_000;
    const store = sharedStore(() => t);
    const a = new SharedIdentifyThrottler(store, { botKey: botKeyOf('tok'), maxConcurrency: 1, log, pollMs: 1 });
    const b = new SharedIdentifyThrottler(store, { botKey: botKeyOf('tok'), maxConcurrency: 1, log, pollMs: 1 });
    await a.waitForIdentify(0, new AbortController().signal);
    let passed = false;
    const waiting = b.waitForIdentify(1, new AbortController().signal).then(() => (passed = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(passed).toBe(false);
    t += IDENTIFY_WINDOW_MS;
    await new Promise((r) => setTimeout(r, 30));
    expect(passed).toBe(false);
    t += IDENTIFY_MARGIN_MS;
    await waiting;
    expect(passed).toBe(true);
    await store.close();
  });

  it('buckets of max_concurrency do not wait for each other; other bots do not either; a wait can be aborted', async () => {
    const t = 5_000_000;
    const store = sharedStore(() => t);
    const big = new SharedIdentifyThrottler(store, { botKey: botKeyOf('tok'), maxConcurrency: 2, log, pollMs: 1 });
    await big.waitForIdentify(0, new AbortController().signal);
    await big.waitForIdentify(1, new AbortController().signal);
    const other = new SharedIdentifyThrottler(store, { botKey: botKeyOf('other-token'), maxConcurrency: 1, log, pollMs: 1 });
    await other.waitForIdentify(0, new AbortController().signal);
    const stop = new AbortController();
    const waiting = big.waitForIdentify(2, stop.signal);
    stop.abort();
    await expect(waiting).rejects.toThrow();
    await store.close();
  });

  it('the slot key names the bot by a hash, never the token', () => {
    expect(botKeyOf('Bot secret-token')).toBe(botKeyOf('secret-token'));
    expect(botKeyOf('secret-token')).not.toContain('secret');
    expect(botKeyOf('secret-token')).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('form drafts in shared state', () => {
  const draft = (userId: string, summary = 'short'): FormDraft => ({
    userId,
    entered: {},
    form: {
      kind: 'form',
      formId: 'deal',
      title: 'Add a deal',
      fields: [{ id: 'summary', label: 'Summary', value: summary }],
      compactFieldIds: ['summary'],
      submit: { command: 'deal-admin', subcommand: 'add', options: {} },
      submitLabel: 'Add',
    } as unknown as FormDraft['form'],
  });

  it('another process on the same store finds a draft; it expires after its lifetime; deleting removes it', async () => {
    let t = 0;
    const store = sharedStore(() => t);
    const id = await new SharedDrafts(store, 30 * 60_000).put(draft('U1'));
    const elsewhere = new SharedDrafts(store, 30 * 60_000);
    expect((await elsewhere.get(id))?.userId).toBe('U1');
    t += 30 * 60_000 - 1;
    expect(await elsewhere.get(id)).toBeDefined();
    t += 1;
    expect(await elsewhere.get(id)).toBeUndefined();
    const id2 = await elsewhere.put(draft('U1'));
    await elsewhere.delete(id2);
    expect(await elsewhere.get(id2)).toBeUndefined();
    await store.close();
  });

  it(`keeps at most ${DRAFTS_PER_USER} open drafts per person (the oldest goes) and refuses one over ${DRAFT_MAX_BYTES} bytes`, async () => {
    const store = sharedStore(() => 0);
    const drafts = new SharedDrafts(store, 60_000);
    const ids: string[] = [];
    for (let i = 0; i <= DRAFTS_PER_USER; i++) ids.push(await drafts.put(draft('U2')));
    expect(await drafts.get(ids[0]!)).toBeUndefined();
    expect(await drafts.get(ids[1]!)).toBeDefined();
    expect(await drafts.get(ids.at(-1)!)).toBeDefined();
    // Someone else's drafts are not touched.
    const mine = await drafts.put(draft('U3'));
    expect(await drafts.get(mine)).toBeDefined();
    // Putting a draft again under its id (the form reopened) keeps one entry, not two.
    await drafts.put(draft('U2', 'changed'), ids[1]!);
    expect((await drafts.get(ids[1]!))?.form.fields[0]?.value).toBe('changed');
    await expect(drafts.put(draft('U4', 'x'.repeat(DRAFT_MAX_BYTES)))).rejects.toThrow(/over the .*-byte cap/);
    await store.close();
  });
});
