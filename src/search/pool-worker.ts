// One search worker thread (pool.ts): its own read-only connection to the database file and its own search
// (createDealSearch), built when the thread starts. Each question is answered from this thread's indexes, which
// check the database's change stamp (PRAGMA data_version: it moves whenever any connection commits) before every
// question and catch up on what was written, by this process's main thread or by any other process.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { Store } from '../store/store.ts';
import { openDatabase } from '../store/db.ts';
import { createDealSearch } from './search.ts';
import type { SearchOptions, SearchOutcome } from './types.ts';
import { Tinypool } from 'tinypool';

export interface WorkerData {
  dbPath: string;
  /** Added to this thread's nice value (Linux), so the main thread's acknowledgements win the CPU. */
  niceIncrement: number;
}

export type SearchTask = { kind: 'search'; query: string; opts?: SearchOptions | undefined } | { kind: 'ping' };

const data = Tinypool.workerData as WorkerData;

lowerPriority(data.niceIncrement);
const { db } = openDatabase(data.dbPath, { readonly: true });
const store = new Store(db);
const search = createDealSearch(store, { warm: true });

/**
 * Linux schedules threads on their own: setpriority(2) on this thread's id (from /proc/thread-self) lowers this
 * thread only. Elsewhere, or when not allowed, the thread keeps the process's priority.
 */
function lowerPriority(increment: number): void {
  if (increment <= 0 || process.platform !== 'linux') return;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, Math.min(19, increment));
  } catch {
    // not permitted or no /proc: keep the default priority
  }
}

/** A ping answers with this worker's id (the pool's ready() waits until it has heard from every worker). */
export default async function run(task: SearchTask): Promise<SearchOutcome | { worker: number }> {
  if (task.kind === 'ping') return { worker: process.__tinypool_state__.workerId };
  return search.search(task.query, task.opts);
}
