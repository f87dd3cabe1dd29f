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
      // Optional so that a bare `/deal` answers with help (Slack sends an empty text) instead of an error.
      required: false,
      maxLength: 200,
      autocomplete: true,
    },
    // Lists and counts page like /deals: the Prev/Next buttons carry the page.
    { name: 'page', description: 'Page of a list answer', type: 'integer', minValue: 1, maxValue: 10000, namedOnly: true },
  ],
  examples: ['/deal xiaomi microsoft', '/deal msft github', '/deal cortana speaker'],
} as const satisfies CommandDefinition;
