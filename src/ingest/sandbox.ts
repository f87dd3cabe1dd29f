// Untrusted article work off the event loop. Reading an article (Readability over linkedom for HTML, then the draft's
// NLP with compromise) runs in one long-lived worker thread, one article at a time, with a time budget and a memory
// budget (resourceLimits): a page that needs more is abandoned — the worker is terminated and started afresh — and
// the admin is told "this page is too complex to read". Meanwhile the event loop keeps answering everyone else.
//
// Why node:worker_threads and not a pool (piscina, tinypool): ingest is rare admin work, so one worker and a short
// queue is all the concurrency wanted; what matters is killing a runaway job and starting a clean worker, which a
// plain Worker does in a few lines (terminate() on the budget, a new Worker on the next job) without a dependency.
// The worker starts on first use (about a second: the TypeScript loader and compromise; not counted against the
// budget) and is ended after two idle minutes, since it holds about 100 MB; `warm()` starts it ahead of time.
import { Worker } from 'node:worker_threads';
import { HTML_LIMITS, TooComplexError, type HtmlLimits } from './limits.ts';
import type { IngestResult } from './ingest.ts';
import type { KnownOrganisation } from './organisations.ts';
import type { DraftAnswer, DraftJob } from './sandbox-worker.ts';

export interface SandboxOptions {
  /** Milliseconds one article may take in the worker (INGEST_TIME_BUDGET_MS). */
  timeoutMs: number;
  /** The worker's heap limit in MB (INGEST_MEMORY_MB). */
  memoryMb: number;
  /** Articles waiting beyond the one being read; more are refused as busy. */
  maxQueue?: number;
  limits?: HtmlLimits;
  /** How long the worker may take to start. */
  startTimeoutMs?: number;
  /** An idle worker is ended after this long (it holds about 100 MB: the TypeScript loader, linkedom, compromise). */
  idleMs?: number;
}

export const DEFAULT_SANDBOX_OPTIONS: SandboxOptions = { timeoutMs: 15_000, memoryMb: 256, maxQueue: 4 };

/** Too many articles are already waiting to be read. */
export class SandboxBusyError extends Error {
  constructor(waiting: number) {
    super(`dealbot is already reading ${waiting} other article(s); try again in a minute`);
    this.name = 'SandboxBusyError';
  }
}

export interface DraftInput {
  body: string;
  contentType: DraftJob['contentType'];
  url?: string | undefined;
}

interface Pending {
  job: DraftJob;
  /** This job's time budget (the sandbox's unless the caller gave one). */
  timeoutMs: number;
  resolve: (r: IngestResult) => void;
  reject: (e: Error) => void;
}

// The compiled build (dist/, what bin/dealbot.js runs) starts the compiled worker directly; from the TypeScript
// sources (vitest, bin/run.js) the worker goes through sandbox-entry.mjs, which registers tsx first.
const ENTRY = new URL(import.meta.url.endsWith('.js') ? './sandbox-worker.js' : './sandbox-entry.mjs', import.meta.url);

export class IngestSandbox {
  private readonly opts: Required<SandboxOptions>;
  private worker: Worker | undefined;
  private starting: Promise<Worker> | undefined;
  private readonly queue: Pending[] = [];
  private current: { pending: Pending; worker: Worker; timer: NodeJS.Timeout } | undefined;
  private seq = 0;
  private closed = false;
  private idleTimer: NodeJS.Timeout | undefined;
  /** Workers terminated for exceeding a budget (tests and logs). */
  restarts = 0;

  constructor(opts: Partial<SandboxOptions> = {}) {
    this.opts = { maxQueue: 4, limits: HTML_LIMITS, startTimeoutMs: 60_000, idleMs: 120_000, ...DEFAULT_SANDBOX_OPTIONS, ...opts } as Required<SandboxOptions>;
  }

  /**
   * Reads an article in the worker. Rejects with TooComplexError past a cap or budget, SandboxBusyError when full.
   * `timeoutMs` overrides the sandbox's time budget for this article only.
   */
  draft(input: DraftInput, organisations: readonly KnownOrganisation[], opts: { timeoutMs?: number } = {}): Promise<IngestResult> {
    if (this.closed) return Promise.reject(new Error('the ingest worker is closed'));
    const waiting = this.queue.length + (this.current ? 1 : 0);
    if (this.queue.length >= this.opts.maxQueue) return Promise.reject(new SandboxBusyError(waiting));
    return new Promise<IngestResult>((resolve, reject) => {
      const job: DraftJob = { id: ++this.seq, ...input, organisations, limits: this.opts.limits };
      this.queue.push({ job, timeoutMs: opts.timeoutMs ?? this.opts.timeoutMs, resolve, reject });
      void this.pump();
    });
  }

  /** Starts the worker now, so the first article does not wait for it. */
  warm(): void {
    if (!this.closed) void this.ensureWorker().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.idleTimer);
    for (const p of this.queue.splice(0)) p.reject(new Error('the ingest worker is closed'));
    if (this.current) {
      clearTimeout(this.current.timer);
      this.current.pending.reject(new Error('the ingest worker is closed'));
      this.current = undefined;
    }
    const w = this.worker ?? (await this.starting?.catch(() => undefined));
    this.worker = undefined;
    this.starting = undefined;
    await w?.terminate();
  }

  private ensureWorker(): Promise<Worker> {
    if (this.worker) return Promise.resolve(this.worker);
    if (this.starting) return this.starting;
    const worker = new Worker(ENTRY, {
      resourceLimits: { maxOldGenerationSizeMb: this.opts.memoryMb, maxYoungGenerationSizeMb: Math.min(32, Math.max(4, this.opts.memoryMb / 8)) },
    });
    worker.unref();
    this.starting = new Promise<Worker>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error('the ingest worker did not start in time'));
        void worker.terminate();
      }, this.opts.startTimeoutMs);
      timer.unref();
      const onReady = (m: unknown) => {
        if ((m as { ready?: boolean }).ready) {
          clearTimeout(timer);
          worker.off('message', onReady);
          worker.on('message', (a: DraftAnswer) => this.onAnswer(worker, a));
          this.worker = worker;
          this.starting = undefined;
          resolve(worker);
        }
      };
      worker.on('message', onReady);
      worker.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
    worker.on('error', (e: Error & { code?: string }) => this.onWorkerGone(worker, e));
    worker.on('exit', () => this.onWorkerGone(worker, undefined));
    this.starting.catch(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async pump(): Promise<void> {
    if (this.current || this.queue.length === 0 || this.closed) return;
    let worker: Worker;
    try {
      worker = await this.ensureWorker();
    } catch (e) {
      // The worker could not start: fail what is waiting, so nobody waits forever.
      for (const p of this.queue.splice(0)) p.reject(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    if (this.current || this.closed) return;
    const pending = this.queue.shift();
    if (!pending) return;
    const timer = setTimeout(() => this.onTimeout(worker, pending.timeoutMs), pending.timeoutMs);
    clearTimeout(this.idleTimer);
    this.current = { pending, worker, timer };
    worker.ref();
    worker.postMessage(pending.job);
  }

  private finish(worker: Worker, settle: (p: Pending) => void): void {
    const cur = this.current;
    if (!cur || cur.worker !== worker) return;
    clearTimeout(cur.timer);
    this.current = undefined;
    worker.unref();
    settle(cur.pending);
    void this.pump();
    if (!this.current && this.queue.length === 0) this.scheduleIdleEnd(worker);
  }

  /** Articles are rare: an idle worker is ended, and the next article starts a new one (about a second). */
  private scheduleIdleEnd(worker: Worker): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.current || this.worker !== worker) return;
      this.worker = undefined;
      void worker.terminate();
    }, this.opts.idleMs);
    this.idleTimer.unref();
  }

  private onAnswer(worker: Worker, a: DraftAnswer): void {
    if (!this.current || this.current.pending.job.id !== a.id) return;
    this.finish(worker, (p) => {
      if (a.ok) p.resolve(a.result);
      else if (a.code === 'too_complex') p.reject(new TooComplexError(a.reason, a.message.replace(/^this page is too complex to read \((.*)\)$/, '$1')));
      else p.reject(new Error(`reading the article failed: ${a.message}`));
    });
  }

  /** Past the time budget: the worker is terminated (the only way to stop synchronous work) and replaced on demand. */
  private onTimeout(worker: Worker, timeoutMs: number): void {
    this.restarts++;
    this.discard(worker);
    this.finish(worker, (p) => p.reject(new TooComplexError('time', `reading it took longer than ${formatSeconds(timeoutMs)}`)));
    void worker.terminate();
  }

  /** The worker died: out of memory (ERR_WORKER_OUT_OF_MEMORY), or an exit nobody asked for. */
  private onWorkerGone(worker: Worker, e: (Error & { code?: string }) | undefined): void {
    this.discard(worker);
    if (!this.current || this.current.worker !== worker) return;
    this.restarts++;
    const outOfMemory = e?.code === 'ERR_WORKER_OUT_OF_MEMORY';
    this.finish(worker, (p) =>
      p.reject(
        outOfMemory
          ? new TooComplexError('memory', `reading it needed more than ${this.opts.memoryMb} MB`)
          : new Error(`the ingest worker stopped${e ? `: ${e.message}` : ''}`),
      ),
    );
  }

  private discard(worker: Worker): void {
    if (this.worker === worker) this.worker = undefined;
  }
}

let shared: IngestSandbox | undefined;

/** One sandbox per process for callers that were given none (tests, scripts); its worker never keeps the process up. */
export function sharedSandbox(): IngestSandbox {
  shared ??= new IngestSandbox();
  return shared;
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
