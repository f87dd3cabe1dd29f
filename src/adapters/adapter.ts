// What a chat adapter module offers the entry point: `start(app, config, log)` returns a running adapter that a
// graceful shutdown can stop. Here rather than in src/main.ts, so the adapters never import the module that loads them.
import type { App } from '../app.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Stoppable } from '../ops/lifecycle.ts';

/** A running adapter; `stop` finishes in-flight replies and disconnects. */
export type RunningAdapter = Stoppable;

export type AdapterStarter = (app: App, config: Config, log: Logger) => Promise<RunningAdapter>;
