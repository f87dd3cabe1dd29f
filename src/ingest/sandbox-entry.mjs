// Entry point of the ingest worker thread. A worker does not inherit the TypeScript loader the main thread registered
// (bin/dealbot.js, or vitest's transform in tests), so it registers tsx itself, then loads the worker's code.
import { register } from 'tsx/esm/api';

register();
await import('./sandbox-worker.ts');
