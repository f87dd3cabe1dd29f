import type { CommandDefinition } from './types.ts';

export const dealHelpCommand = {
  name: 'deal-help',
  description: 'How to use dealbot',
  admin: false,
  options: [],
} as const satisfies CommandDefinition;
