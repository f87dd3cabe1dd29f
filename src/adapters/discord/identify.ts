// Discord's identify rate limit, kept across processes and machines. Discord accepts one IDENTIFY (a new gateway
// session) per bucket — shard_id % max_concurrency — every 5 seconds, counted for the bot as a whole, whichever
// process or machine sends it; a faster one is refused with an Invalid Session. discord.js spaces the identifies of
// the shards inside one process (SimpleIdentifyThrottler) but knows nothing of other processes: shard processes of
// one ShardingManager, of two managers on two machines, or a bot restarted within 5 s. This throttler takes the slot
// through the store's shared state instead (`claimOnce`, true for exactly one caller until it expires), which every
// process of the bot shares, and waits for a free slot before letting the shard identify.
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { IIdentifyThrottler } from 'discord.js';
import type { App } from '../../app.ts';
import type { Logger } from '../../log.ts';

/** Discord's window: one identify per bucket per this many milliseconds. */
export const IDENTIFY_WINDOW_MS = 5_000;
/**
 * Held on top of the window: the slot is taken before the IDENTIFY is sent, and the next holder's IDENTIFY must not
 * reach Discord sooner than 5 s after this one's, even if this one's took longer to leave (a busy event loop) or the
 * clocks of two machines differ a little.
 */
export const IDENTIFY_MARGIN_MS = 1_000;

export type IdentifySlots = Pick<App['deals'], 'claimOnce'>;

export interface SharedIdentifyThrottlerOptions {
  /** Identifies its bot in the slot's key (a hash of the token: the limit is the bot's, whichever process). */
  botKey: string;
  /** session_start_limit.max_concurrency from GET /gateway/bot. */
  maxConcurrency: number;
  log: Logger;
  /** How often a waiting shard asks for the slot again (default 250 ms, plus up to as much again at random). */
  pollMs?: number;
}

/** The part of the token that names the bot in shared state: a one-way hash, never the token itself. */
export function botKeyOf(token: string): string {
  return createHash('sha256').update(token.replace(/^Bot\s+/i, '')).digest('hex').slice(0, 16);
}

export class SharedIdentifyThrottler implements IIdentifyThrottler {
  private readonly pollMs: number;
  private readonly maxConcurrency: number;

  constructor(
    private readonly slots: IdentifySlots,
    private readonly opts: SharedIdentifyThrottlerOptions,
  ) {
    this.pollMs = opts.pollMs ?? 250;
    this.maxConcurrency = Math.max(1, Math.floor(opts.maxConcurrency) || 1);
  }

  /** Resolves when shard `shardId` may identify (its bucket's slot is ours for the next 5 s); rejects when aborted. */
  async waitForIdentify(shardId: number, signal: AbortSignal): Promise<void> {
    const bucket = shardId % this.maxConcurrency;
    const key = `discord:identify:${this.opts.botKey}:${bucket}`;
    const started = Date.now();
    let said = false;
    for (;;) {
      signal.throwIfAborted();
      try {
        if (await this.slots.claimOnce(key, IDENTIFY_WINDOW_MS + IDENTIFY_MARGIN_MS)) {
          if (said) this.opts.log.info({ shard: shardId, bucket, waitedMs: Date.now() - started }, 'discord identify slot taken');
          return;
        }
      } catch (e) {
        // The store is unreachable: identifying anyway could get every shard's session refused, so keep waiting.
        this.opts.log.warn({ err: e, shard: shardId }, 'could not take the identify slot from the store; retrying');
      }
      if (!said) {
        this.opts.log.info({ shard: shardId, bucket }, 'waiting for the identify slot (another shard of this bot identified less than 5 s ago)');
        said = true;
      }
      await sleep(this.pollMs + Math.random() * this.pollMs, undefined, { signal });
    }
  }
}
