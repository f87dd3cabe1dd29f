import type { AdapterStarter } from '../../main.ts';

// Replaced by the discord adapter.
export const start: AdapterStarter = async () => {
  throw new Error('the discord adapter is not built yet');
};
