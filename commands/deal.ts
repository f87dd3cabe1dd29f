import type { CommandDefinition } from './types.ts';

export const dealCommand = {
  name: 'deal',
  description: 'Look up a tech deal by company names, tickers or topic',
  admin: false,
  options: [
    {
      name: 'query',
      description: 'Companies or topic, e.g. "xiaomi microsoft" or "cortana speaker"',
      type: 'string',
      required: true,
      maxLength: 200,
      autocomplete: true,
    },
  ],
  examples: ['/deal xiaomi microsoft', '/deal msft github', '/deal cortana speaker'],
} as const satisfies CommandDefinition;
