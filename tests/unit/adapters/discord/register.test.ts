// The registration payload is made from commands/ alone, and Discord would accept it.
import { describe, expect, it } from 'vitest';
import { registrationPayload } from '../../../../src/adapters/discord/register.ts';
import { COMMANDS } from '../../../../commands/index.ts';
import { validateCommands } from '../../../fakes/discord.ts';

describe('Discord registration payload', () => {
  const payload = registrationPayload();

  it('passes Discord validation', () => {
    expect(validateCommands(JSON.parse(JSON.stringify(payload)))).toEqual([]);
  });

  it('has one command per definition, with every visible subcommand and option, and no hidden step', () => {
    expect(payload.map((c) => c.name)).toEqual(COMMANDS.map((c) => c.name));
    for (const def of COMMANDS) {
      const reg = payload.find((c) => c.name === def.name)!;
      if (def.subcommands) {
        expect(reg.options!.map((o) => o.name)).toEqual(def.subcommands.filter((s) => !s.hidden).map((s) => s.name));
      } else {
        expect(reg.options!.map((o) => o.name).sort()).toEqual((def.options ?? []).map((o) => o.name).sort());
      }
    }
    expect(JSON.stringify(payload)).not.toMatch(/"name":"(save|remove-confirm)"/);
  });

  it('admin commands need Manage Server by default and are guild-only; others also work in DMs', () => {
    for (const c of payload) {
      const def = COMMANDS.find((d) => d.name === c.name)!;
      if (def.admin) {
        expect(c.default_member_permissions).toBe('32');
        expect(c.contexts).toEqual([0]);
        expect(c.dm_permission).toBe(false);
      } else {
        expect(c.default_member_permissions).toBeUndefined();
        expect(c.contexts).toEqual([0, 1]);
      }
    }
  });

  it('/deal query autocompletes; /deals type has fixed choices; integers keep their bounds', () => {
    const deal = payload.find((c) => c.name === 'deal')!;
    const queryDef = COMMANDS.find((c) => c.name === 'deal')!.options!.find((o) => o.name === 'query')!;
    expect(deal.options![0]).toMatchObject({ name: 'query', type: 3, required: queryDef.required === true, autocomplete: true, max_length: 200 });
    const deals = payload.find((c) => c.name === 'deals')!;
    const type = deals.options!.find((o) => o.name === 'type') as { choices?: unknown[]; autocomplete?: boolean };
    expect(type.choices!.length).toBeGreaterThan(0);
    expect(type.autocomplete).toBeUndefined();
    expect(deals.options!.find((o) => o.name === 'year')).toMatchObject({ type: 4, min_value: 1990, max_value: 2100 });
  });
});
