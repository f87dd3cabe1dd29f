import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../commands/index.ts';
import { MAX_SPLITS, parseCommandLine, tokenise } from '../../../src/core/parse-command.ts';
import { decodeTarget, encodeTarget } from '../../../src/core/targets.ts';

describe('typed commands', () => {
  it('tries a bounded number of cuts of many positional words (a long line once ran the process out of memory)', () => {
    const words = Array.from({ length: 1500 }, (_, i) => `w${i}`).join(' ');
    const r = parseCommandLine(`/deals ${words}`, COMMANDS);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.splits?.length).toBe(MAX_SPLITS);
    // The first cuts are the ones a short line gets: the shortest first run first.
    expect(r.splits?.[0]?.options).toMatchObject({ company: 'w0' });
  });

  it('gives /deal the whole text as its query', () => {
    expect(parseCommandLine('/deal msft <> github', COMMANDS)).toEqual({
      ok: true,
      target: { command: 'deal', options: { query: 'msft <> github' } },
    });
    expect(parseCommandLine('deal xiaomi', COMMANDS)).toMatchObject({ ok: true, target: { options: { query: 'xiaomi' } } });
  });

  it('reads name:value options and positional words', () => {
    expect(parseCommandLine('/deals company:"Tencent Holdings" year:2016', COMMANDS)).toEqual({
      ok: true,
      target: { command: 'deals', options: { company: 'Tencent Holdings', year: '2016' } },
      named: true,
    });
    // Words by position only: nothing is marked as named, so the core may read a /deals line as a question.
    expect(parseCommandLine('/deals completed in 2023', COMMANDS)).not.toHaveProperty('named');
    // Three words for two options: every reading, for the core to choose the one naming a known organisation.
    expect(parseCommandLine('/deal-admin alias-add Xiaomi Mi Corp', COMMANDS)).toMatchObject({
      ok: true,
      splits: [
        { command: 'deal-admin', subcommand: 'alias-add', options: { organisation: 'Xiaomi', alias: 'Mi Corp' } },
        { command: 'deal-admin', subcommand: 'alias-add', options: { organisation: 'Xiaomi Mi', alias: 'Corp' } },
      ],
    });
    expect(parseCommandLine('/deal-admin alias-add Xiaomi "Mi Corp"', COMMANDS)).toEqual({
      ok: true,
      target: { command: 'deal-admin', subcommand: 'alias-add', options: { organisation: 'Xiaomi', alias: 'Mi Corp' } },
    });
  });

  it('explains unknown commands and subcommands', () => {
    const a = parseCommandLine('/dael x', COMMANDS);
    expect(a.ok === false && a.message).toMatch(/unknown command "\/dael"/);
    const b = parseCommandLine('/deal-admin frobnicate', COMMANDS);
    expect(b.ok === false && b.message).toMatch(/no subcommand "frobnicate"/);
    const c = parseCommandLine('', COMMANDS);
    expect(c.ok).toBe(false);
  });

  it('tokenises quotes', () => {
    expect(tokenise('a "b c" d:"e f"')).toEqual(['a', 'b c', 'd:e f']);
  });

  it('round-trips button targets through short strings', () => {
    const t = { command: 'deals', options: { company: 'a&b=c', page: 2 } };
    const s = encodeTarget(t);
    expect(s.length).toBeLessThan(100);
    expect(decodeTarget(s)).toEqual({ command: 'deals', options: { company: 'a&b=c', page: '2' } });
    expect(decodeTarget(encodeTarget({ command: 'deal-admin', subcommand: 'remove-confirm', options: { slug: 'x' } }))).toEqual({
      command: 'deal-admin',
      subcommand: 'remove-confirm',
      options: { slug: 'x' },
    });
    expect(decodeTarget('DROP TABLE')).toBeUndefined();
  });
});
