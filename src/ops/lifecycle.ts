// Process life: a graceful shutdown (stop taking work, finish the replies in flight, close the database so nothing is
// left half-written) and guards that keep one stray exception from taking the whole bot down.
import type { Logger } from '../log.ts';

export interface Stoppable {
  name: string;
  /** Stops taking new work and finishes what it has (the adapters' own drain). */
  stop(): Promise<void>;
}

export interface ShutdownDeps {
  adapters: readonly Stoppable[];
  /** Resolves true once the core has no reply in flight. */
  drain(timeoutMs: number): Promise<boolean>;
  /** Closes the database (checkpointing the WAL). */
  close(): void | Promise<void>;
  log: Logger;
}

export interface ShutdownTimeouts {
  /** How long the adapters get to finish their in-flight interactions. */
  adaptersMs: number;
  /** How long the core then gets for replies still being worked on. */
  drainMs: number;
}

export const DEFAULT_SHUTDOWN_TIMEOUTS: ShutdownTimeouts = { adaptersMs: 10_000, drainMs: 5_000 };

function within<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(fallback), ms);
    t.unref();
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      () => {
        clearTimeout(t);
        resolve(fallback);
      },
    );
  });
}

/**
 * Stops the adapters (each finishes its in-flight interactions), waits for the core's replies in flight, then closes
 * the database. `clean` is false when something had to be cut short; the database is closed either way, and SQLite
 * transactions make a cut-short write roll back rather than half-apply.
 */
export async function shutdownGracefully(
  deps: ShutdownDeps,
  timeouts: ShutdownTimeouts = DEFAULT_SHUTDOWN_TIMEOUTS,
): Promise<{ clean: boolean }> {
  const { log } = deps;
  let clean = true;
  const results = await Promise.all(
    deps.adapters.map(async (a) => {
      const ok = await within(
        a.stop().then(() => true),
        timeouts.adaptersMs,
        false,
      );
      if (!ok) log.warn({ adapter: a.name, timeoutMs: timeouts.adaptersMs }, 'adapter did not stop in time');
      return ok;
    }),
  );
  if (results.includes(false)) clean = false;
  const drained = await deps.drain(timeouts.drainMs);
  if (!drained) {
    clean = false;
    log.warn({ timeoutMs: timeouts.drainMs }, 'replies still in flight at shutdown; closing anyway');
  }
  try {
    await deps.close();
  } catch (e) {
    clean = false;
    log.error({ err: e }, 'closing the database failed');
  }
  return { clean };
}

export interface ProcessGuardOptions {
  /** More unexpected errors than this within a minute means something is wedged: exit so a supervisor restarts us. */
  maxPerMinute: number;
  onTooMany: () => void;
  now?: () => number;
}

/**
 * Logs an unhandled rejection or uncaught exception (a platform library throwing from an event, a bug in a timer)
 * and keeps serving: one bad interaction must not end everyone's. A burst of them exits, so a supervisor can restart.
 * Returns a function that removes the guards.
 */
export function installProcessGuards(
  log: Logger,
  opts: ProcessGuardOptions = { maxPerMinute: 20, onTooMany: () => process.exit(70) },
  proc: NodeJS.EventEmitter = process,
): () => void {
  const now = opts.now ?? Date.now;
  const recent: number[] = [];
  const note = (kind: string, err: unknown) => {
    const t = now();
    recent.push(t);
    while (recent.length && t - recent[0]! > 60_000) recent.shift();
    const e = err instanceof Error ? err : new Error(String(err));
    log.error({ err: e, kind, inLastMinute: recent.length }, `${kind}: logged, still running`);
    if (recent.length > opts.maxPerMinute) {
      log.fatal({ inLastMinute: recent.length }, 'too many unexpected errors in a minute; exiting so a supervisor can restart');
      opts.onTooMany();
    }
  };
  const onRejection = (reason: unknown) => note('unhandled rejection', reason);
  const onException = (err: unknown) => note('uncaught exception', err);
  proc.on('unhandledRejection', onRejection);
  proc.on('uncaughtException', onException);
  return () => {
    proc.off('unhandledRejection', onRejection);
    proc.off('uncaughtException', onException);
  };
}
