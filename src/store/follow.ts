// Following the change feed: reads by generation, one read at a time, listener called in order. Both backends use it;
// SQLite drives it by a short poll, PostgreSQL by NOTIFY as well (and a reconnect), each time catching up by generation
// so a signal that never came costs a poll interval, never an update.
import type { ChangeBatch, ChangeOptions, ChangeSubscription } from './types.ts';

export interface FeedReader {
  generation(): Promise<number>;
  changesSince(from: number, limit?: number): Promise<ChangeBatch>;
}

const READ_LIMIT = 10_000;

export class ChangeFollower implements ChangeSubscription {
  readonly ready: Promise<void>;
  generation = 0;
  private closed = false;
  private running: Promise<void> | undefined;
  private again = false;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly feed: FeedReader,
    private readonly listener: (batch: ChangeBatch) => void | Promise<void>,
    private readonly opts: ChangeOptions & { pollMs: number },
    /** Extra set-up (PostgreSQL: connect and LISTEN) run before the first catch-up; failures are retried by polls. */
    start?: () => Promise<void>,
    private readonly stop?: () => Promise<void>,
  ) {
    this.ready = (async () => {
      this.generation = opts.from ?? (await feed.generation());
      if (start) {
        try {
          await start();
        } catch (e) {
          this.opts.onError?.(e);
        }
      }
      if (this.closed) return;
      this.timer = setInterval(() => this.kick(), opts.pollMs);
      this.timer.unref?.();
      await this.kick();
    })();
  }

  /** Reads everything after the current generation now (coalesced: a read already running reads again after). */
  kick(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      let batch: ChangeBatch;
      try {
        batch = await this.feed.changesSince(this.generation, READ_LIMIT);
      } catch (e) {
        if (!this.closed) this.opts.onError?.(e);
        return;
      }
      if (this.closed) return;
      if (batch.changes.length > 0 || !batch.complete) {
        try {
          await this.listener(batch);
        } catch (e) {
          this.opts.onError?.(e);
        }
      }
      this.generation = batch.generation;
      if (batch.more) this.again = true;
    } while (this.again && !this.closed);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.ready.catch(() => undefined);
    await this.running?.catch(() => undefined);
    await this.stop?.();
  }
}
