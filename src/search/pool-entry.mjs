// Entry point of a search worker thread when running from sources (vitest, bin/run.js). A worker does not inherit
// the TypeScript loader the main thread registered, so it registers tsx itself, then loads the worker's code. The
// compiled build starts dist/src/search/pool-worker.js directly.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./pool-worker.ts');
export default worker.default;
