import { DEAL_TYPES } from '../src/deals/schema.ts';
import { TYPE_LABELS } from '../src/deals/format.ts';
import type { CommandDefinition } from './types.ts';

export const dealsCommand = {
  name: 'deals',
  description: 'Browse deals, newest first, by company, type or year',
  admin: false,
  options: [
    { name: 'company', description: 'A company name, ticker or former name', type: 'string', maxLength: 80 },
    {
      name: 'type',
      description: 'Kind of deal',
      type: 'string',
      choices: DEAL_TYPES.map((t) => ({ name: TYPE_LABELS[t], value: t })),
    },
    { name: 'year', description: 'Year announced', type: 'integer', minValue: 1990, maxValue: 2100 },
    { name: 'page', description: 'Page number', type: 'integer', minValue: 1, maxValue: 10000 },
  ],
  examples: ['/deals', '/deals company:microsoft', '/deals type:acquisition year:2022'],
} as const satisfies CommandDefinition;
