import type { AdapterStarter } from '../../main.ts';

// Replaced by the slack adapter.
export const start: AdapterStarter = async () => {
  throw new Error('the slack adapter is not built yet');
};
