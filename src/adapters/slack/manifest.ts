// The Slack app manifest, built from the command definitions in commands/ so the Slack app can never list a command
// or option the core does not know. A workspace admin pastes it at api.slack.com/apps -> Create New App -> From a manifest.
import { COMMANDS } from '../../../commands/index.ts';
import type { CommandDefinition, OptionDefinition } from '../../../commands/types.ts';

/** Callback ids of the shortcuts; the listeners use the same constants. */
export const SHORTCUT = { addDeal: 'add_deal', saveAsDeal: 'save_as_deal' } as const;

export interface ManifestOptions {
  /** App name shown in Slack (at most 35 characters). */
  name?: string;
  /** Socket Mode (no public URL needed). When false, `requestUrl` is required. */
  socketMode: boolean;
  /** HTTP mode: the public URL of /slack/events, e.g. https://dealbot.example.com/slack/events. */
  requestUrl?: string | undefined;
}

// Slack's manifest limits for slash commands.
const DESCRIPTION_MAX = 2000;
const USAGE_HINT_MAX = 1000;

function optionHint(o: OptionDefinition): string {
  return o.required ? `<${o.name}>` : `[${o.name}:…]`;
}

/** "[query]" style hints; for /deal-admin, the subcommands (Slack has none, the first word of the text is one). */
export function usageHint(def: CommandDefinition): string {
  let hint: string;
  if (def.subcommands?.length) {
    hint = def.subcommands
      .filter((s) => !s.hidden)
      .map((s) => [s.name, ...(s.options ?? []).filter((o) => o.required).map((o) => `<${o.name}>`)].join(' '))
      .join(' | ');
  } else if (def.name === 'deal') {
    hint = 'companies or topic, e.g. xiaomi microsoft';
  } else {
    hint = (def.options ?? []).map(optionHint).join(' ');
  }
  return hint.length > USAGE_HINT_MAX ? `${hint.slice(0, USAGE_HINT_MAX - 1)}…` : hint;
}

export function buildManifest(opts: ManifestOptions): Record<string, unknown> {
  if (!opts.socketMode && !opts.requestUrl) throw new Error('HTTP mode needs the public request URL (…/slack/events)');
  if (opts.requestUrl && !/^https?:\/\//.test(opts.requestUrl)) throw new Error('the request URL must start with https://');
  const name = (opts.name ?? 'dealbot').slice(0, 35);
  const url = opts.socketMode ? {} : { url: opts.requestUrl };
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description: 'Answers questions about tech deals: acquisitions, investments, partnerships, MoUs, joint ventures.',
      background_color: '#1d3557',
    },
    features: {
      // The Messages tab is where people DM the bot a question; it must accept typing (not read-only).
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: name, always_online: true },
      shortcuts: [
        { name: 'Add deal', type: 'global', callback_id: SHORTCUT.addDeal, description: 'Add a deal to dealbot (admins)' },
        { name: 'Save as deal', type: 'message', callback_id: SHORTCUT.saveAsDeal, description: 'Draft a deal from this message (admins)' },
      ],
      slash_commands: COMMANDS.map((c) => ({
        command: `/${c.name}`,
        description: c.description.slice(0, DESCRIPTION_MAX),
        ...(usageHint(c) ? { usage_hint: usageHint(c) } : {}),
        should_escape: false,
        ...url,
      })),
    },
    oauth_config: {
      // commands: slash commands and shortcuts. chat:write: "Share to channel" posts the card as the bot in channels
      // it belongs to (elsewhere the share goes through the interaction's response_url, which needs no scope), and
      // answers to questions go in the thread or DM they were asked in. app_mentions:read: `@dealbot <question>`
      // in a channel the bot was added to. im:history: direct messages to the bot (the message.im event).
      scopes: { bot: ['commands', 'chat:write', 'app_mentions:read', 'im:history'] },
    },
    settings: {
      event_subscriptions: { ...(opts.socketMode ? {} : { request_url: opts.requestUrl }), bot_events: ['app_home_opened', 'app_mention', 'message.im'] },
      interactivity: { is_enabled: true, ...(opts.socketMode ? {} : { request_url: opts.requestUrl }) },
      org_deploy_enabled: false,
      socket_mode_enabled: opts.socketMode,
      token_rotation_enabled: false,
    },
  };
}
