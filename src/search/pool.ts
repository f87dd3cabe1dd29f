// Search in a small pool of worker threads (SEARCH_WORKERS), so the event loop that acknowledges Discord and Slack
// never waits on a question: the main thread sends the question to a worker and stays free for acknowledgements.
// Each worker opens its own read-only connection to the same SQLite file and builds its own search (pool-worker.ts).
// Tinypool is the pool (a zero-dependency fork of piscina, the one vitest runs on): it queues tasks, keeps the
// threads alive and replaces one that dies. Autocomplete stays on the main thread's search (bounded and quick).
// A worker sees every write through its connection's change stamp (see pool-worker.ts): nothing needs telling.
import { Tinypool } from 'tinypool';
import type { Logger } from '../log.ts';
import type { Completion, DealSearch, SearchOptions, SearchOutcome, SearchService } from './types.ts';
import type { SearchTask, WorkerData } from './pool-worker.ts';

const ENTRY = new URL(import.meta.url.endsWith('.js') ? './pool-worker.js' : './pool-entry.mjs', import.meta.url);

export interface SearchPoolOptions {
  /** The database file (a pool needs a file: an in-memory database cannot be shared between threads). */
  dbPath: string;
  workers: number;
  /** This thread's search: autocomplete, and the fallback when a worker fails. */
  local: DealSearch;
  log: Logger;
  /** Added to the workers' nice value (Linux) so acknowledgements on the main thread come first. Default 5. */
  niceIncrement?: number;
}

export interface SearchPool extends SearchService {
  readonly size: number;
  /** Resolves when every worker has built its indexes. */
  ready(): Promise<void>;
  /** Questions waiting for a free worker. */
  readonly queued: number;
  close(): Promise<void>;
}

export function createSearchPool(opts: SearchPoolOptions): SearchPool {
  if (!Number.isInteger(opts.workers) || opts.workers < 1) throw new Error(`a search pool needs at least one worker (got ${opts.workers})`);
  if (opts.dbPath === ':memory:') throw new Error('a search pool needs a database file: an in-memory database cannot be shared with worker threads');
  const workerData: WorkerData = { dbPath: opts.dbPath, niceIncrement: opts.niceIncrement ?? 5 };
  const pool = new Tinypool({
    filename: ENTRY.href,
    minThreads: opts.workers,
    maxThreads: opts.workers,
    // Workers keep their indexes between questions, and live as long as the pool.
    isolateWorkers: false,
    idleTimeout: Number.POSITIVE_INFINITY,
    // An idle worker waits on its message port, not in Atomics.wait: handing it a question is then one postMessage
    // for the main thread, without the futex wake-up per task.
    useAtomics: false,
    workerData,
  });
  let closed = false;
  let warned = 0;

  async function search(query: string, searchOpts?: SearchOptions): Promise<SearchOutcome> {
    if (closed) return opts.local.search(query, searchOpts);
    try {
      return (await pool.run({ kind: 'search', query, opts: searchOpts } satisfies SearchTask)) as SearchOutcome;
    } catch (e) {
      // A worker that failed (out of memory, a bug) is replaced by the pool; this question is answered here.
      if (warned++ < 20) opts.log.warn({ err: e }, 'search worker failed; answering in the main thread');
      return opts.local.search(query, searchOpts);
    }
  }

  return {
    size: opts.workers,
    search,
    autocomplete: (partial: string, limit?: number): Promise<Completion[]> => opts.local.autocomplete(partial, limit),
    get queued() {
      return pool.queueSize;
    },
    async ready() {
      // A worker answers a ping once its indexes are built: ping (one per worker at once) until every one has answered.
      const heard = new Set<number>();
      while (heard.size < opts.workers && !closed) {
        const answers = (await Promise.all(Array.from({ length: opts.workers }, () => pool.run({ kind: 'ping' } satisfies SearchTask)))) as {
          worker: number;
        }[];
        for (const a of answers) heard.add(a.worker);
      }
    },
    async close() {
      closed = true;
      await pool.destroy();
    },
  };
}
