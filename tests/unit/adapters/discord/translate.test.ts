// Translating a Discord interaction into the core's invocation, with a plain object standing in for discord.js's
// interaction: who asked (roles, Manage Server), where (server channel or DM), how (command, button, form), and what.
import { PermissionFlagsBits, type CommandInteractionOption, type ModalSubmitInteraction } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { autocompleteRequest, commandTarget, enteredValues, invocationOf, userOf, type InteractionFacts } from '../../../../src/adapters/discord/translate.ts';
import type { FormReply } from '../../../../src/core/replies.ts';

type Via = 'command' | 'button' | 'form';

function fakeInteraction(opts: { guild?: boolean; via?: Via; roles?: unknown; manage?: boolean } = {}): InteractionFacts {
  const guild = opts.guild ?? true;
  return {
    id: '1100000000000000001',
    user: { id: '2200000000000000002', username: 'alice' },
    member: guild ? { roles: opts.roles ?? ['r1', 'r2'] } : null,
    memberPermissions: guild ? { has: (p: bigint) => opts.manage === true && p === PermissionFlagsBits.ManageGuild } : null,
    guildId: guild ? '3300000000000000003' : null,
    channelId: '4400000000000000004',
    inGuild: () => guild,
    isMessageComponent: () => opts.via === 'button',
    isModalSubmit: () => opts.via === 'form',
  } as unknown as InteractionFacts;
}

describe('invocationOf', () => {
  it('a slash command in a server: the member, their roles, a public channel, answered publicly when allowed', () => {
    const inv = invocationOf(fakeInteraction({ manage: true }), { command: 'deal', options: { query: 'xiaomi' } }, true);
    expect(inv).toEqual({
      command: 'deal',
      options: { query: 'xiaomi' },
      user: { id: '2200000000000000002', name: 'alice', platform: 'discord', roles: ['r1', 'r2'], canManageServer: true, guildId: '3300000000000000003' },
      channel: { id: '4400000000000000004', kind: 'public' },
      requestId: '1100000000000000001',
      answersPublicly: true,
      via: 'command',
    });
    expect(invocationOf(fakeInteraction(), { command: 'deal', options: {} }, false).answersPublicly).toBe(false);
  });

  it('a DM: no roles, no server rights, a dm channel, never answered publicly', () => {
    const inv = invocationOf(fakeInteraction({ guild: false }), { command: 'deal', options: {} }, true);
    expect(inv.user).toEqual({ id: '2200000000000000002', name: 'alice', platform: 'discord', roles: [], canManageServer: false, guildId: undefined });
    expect(inv.channel).toEqual({ id: '4400000000000000004', kind: 'dm' });
    expect(inv.answersPublicly).toBe(false);
  });

  it('says how it was asked: a button press, a form submission', () => {
    expect(invocationOf(fakeInteraction({ via: 'button' }), { command: 'deal', options: {} }, true).via).toBe('button');
    expect(invocationOf(fakeInteraction({ via: 'form' }), { command: 'deal', options: {} }, true).via).toBe('form');
  });
});

describe('userOf', () => {
  it('reads roles from a cached member as from the raw API list', () => {
    const cached = { cache: new Map([['a', {}], ['b', {}]]) };
    expect(userOf(fakeInteraction({ roles: cached })).roles).toEqual(['a', 'b']);
    expect(userOf(fakeInteraction({ roles: 'nonsense' })).roles).toEqual([]);
    expect(userOf(fakeInteraction({ manage: false })).canManageServer).toBe(false);
  });
});

describe('commandTarget', () => {
  it('takes the subcommand from the first option with options of its own, and drops empty values', () => {
    const data: CommandInteractionOption[] = [
      {
        name: 'edit',
        type: 1,
        options: [
          { name: 'slug', type: 3, value: 'xiaomi-microsoft-mou-2018' },
          { name: 'limit', type: 4, value: 5 },
          { name: 'empty', type: 3, value: undefined },
        ],
      },
    ];
    expect(commandTarget({ commandName: 'deal-admin', options: { data } })).toEqual({
      command: 'deal-admin',
      subcommand: 'edit',
      options: { slug: 'xiaomi-microsoft-mou-2018', limit: 5 },
    });
    expect(commandTarget({ commandName: 'deal', options: { data: [{ name: 'query', type: 3, value: 'nvidia arm' }] } })).toEqual({
      command: 'deal',
      options: { query: 'nvidia arm' },
    });
  });
});

describe('autocompleteRequest', () => {
  it('names the focused option and its text so far', () => {
    const i = Object.assign(fakeInteraction(), {
      commandName: 'deal-admin',
      options: { getFocused: () => ({ name: 'slug', value: 'xiao' }), getSubcommand: () => 'edit' },
    });
    const req = autocompleteRequest(i);
    expect(req).toMatchObject({ command: 'deal-admin', subcommand: 'edit', option: 'slug', value: 'xiao' });
    expect(req.user.id).toBe('2200000000000000002');
  });
});

describe('enteredValues', () => {
  it('keeps only the fields the modal showed', () => {
    const form = {
      kind: 'form',
      formId: 'add',
      title: 'Add a deal',
      submit: { command: 'deal-admin', subcommand: 'add', options: {} },
      compactFieldIds: ['title'],
      fields: [
        { id: 'title', label: 'Title', style: 'short', required: true, maxLength: 200 },
        { id: 'summary', label: 'Summary', style: 'paragraph', required: false, maxLength: 4000 },
      ],
    } as unknown as FormReply;
    const fields = new Map([
      ['title', { value: 'Xiaomi and Microsoft' }],
      ['summary', { value: 'not shown, not taken' }],
    ]);
    expect(enteredValues({ fields: { fields } } as unknown as Pick<ModalSubmitInteraction, 'fields'>, form)).toEqual({ title: 'Xiaomi and Microsoft' });
  });
});
