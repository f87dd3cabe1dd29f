// What every Slack listener shares, on its own: where a request came from (a DM, a private channel, a public one, as
// Slack names or ids them), who asked, and how a Web API failure is described in the log.
import { describe, expect, it } from 'vitest';
import { channelOf, describeError, slackUser } from '../../../../src/adapters/slack/listeners/context.ts';

describe('Slack listener context', () => {
  it('knows a DM and a private channel by the name Slack gives it or by its id, and leaves a public one unmarked', () => {
    expect(channelOf('C123', 'directmessage')).toEqual({ id: 'C123', kind: 'dm' });
    expect(channelOf('D123')).toEqual({ id: 'D123', kind: 'dm' });
    expect(channelOf('C123', 'privategroup')).toEqual({ id: 'C123', kind: 'private' });
    expect(channelOf('G123')).toEqual({ id: 'G123', kind: 'private' });
    expect(channelOf('C123', 'general')).toEqual({ id: 'C123' });
    expect(channelOf(undefined)).toBeUndefined();
  });

  it('a Slack user is a Slack user', () => {
    expect(slackUser('U1', 'alice')).toEqual({ id: 'U1', name: 'alice', platform: 'slack' });
  });

  it("describes a Web API error by Slack's code, anything else by its message", () => {
    expect(describeError(Object.assign(new Error('An API error occurred: not_in_channel'), { data: { error: 'not_in_channel' } }))).toBe('not_in_channel');
    expect(describeError(new Error('socket hang up'))).toBe('socket hang up');
    expect(describeError('plain')).toBe('plain');
  });
});
