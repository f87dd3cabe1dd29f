import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../../commands/index.ts';
import { buildManifest, usageHint } from '../../../../src/adapters/slack/manifest.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('Slack manifest', () => {
  it('lists every command from commands/, with usage hints, in Socket Mode', () => {
    const m = buildManifest({ socketMode: true }) as Json;
    const commands = m.features.slash_commands as Json[];
    expect(commands.map((c) => c.command)).toEqual(COMMANDS.map((c) => `/${c.name}`));
    expect(commands.map((c) => c.command)).toEqual(['/deal', '/deals', '/deal-help', '/deal-admin']);
    const admin = commands.find((c) => c.command === '/deal-admin')!;
    expect(admin.usage_hint).toMatch(/^add \| ingest <source> \| edit <slug> \| remove <slug>/);
    expect(admin.usage_hint).not.toMatch(/save|remove-confirm/); // hidden steps are not offered
    for (const c of commands) {
      expect(c.url).toBeUndefined();
      expect(c.description.length).toBeLessThanOrEqual(2000);
      expect((c.usage_hint ?? '').length).toBeLessThanOrEqual(1000);
    }
    expect(m.settings.socket_mode_enabled).toBe(true);
    expect(m.settings.interactivity.is_enabled).toBe(true);
    // Questions by mention and by DM: the events, the scopes they need, and a Messages tab people can type in.
    expect(m.settings.event_subscriptions.bot_events).toEqual(['app_home_opened', 'app_mention', 'message.im']);
    expect(m.features.app_home).toEqual({ home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false });
    expect(m.oauth_config.scopes.bot).toEqual(['commands', 'chat:write', 'app_mentions:read', 'im:history']);
    expect((m.features.shortcuts as Json[]).map((s) => [s.type, s.callback_id])).toEqual([
      ['global', 'add_deal'],
      ['message', 'save_as_deal'],
    ]);
  });

  it('points commands, interactivity and events at the request URL in HTTP mode', () => {
    const url = 'https://dealbot.example.com/slack/events';
    const m = buildManifest({ socketMode: false, requestUrl: url }) as Json;
    expect(m.settings.socket_mode_enabled).toBe(false);
    expect(m.settings.interactivity.request_url).toBe(url);
    expect(m.settings.event_subscriptions.request_url).toBe(url);
    for (const c of m.features.slash_commands as Json[]) expect(c.url).toBe(url);
    expect(() => buildManifest({ socketMode: false })).toThrow(/request URL/);
  });

  it('gives /deal a free-text hint and /deals its options', () => {
    expect(usageHint(COMMANDS[0]!)).toMatch(/xiaomi microsoft/);
    expect(usageHint(COMMANDS[1]!)).toContain('company:');
  });
});
