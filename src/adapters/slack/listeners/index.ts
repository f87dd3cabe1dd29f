// Every Slack listener, registered by kind as the Bolt app templates lay them out: the once-per-delivery middleware
// first, then slash commands, block actions, view submissions, shortcuts, events and questions in messages. Every
// listener acknowledges first (Slack allows 3 s) and then does the work; answers go through respond()/response_url,
// which works in DMs and in private channels the bot has not joined. The one exception is a form submission, whose
// answer (validation errors or the result) *is* the ack.
import type { App } from '@slack/bolt';
import { registerActions } from './actions.ts';
import { registerCommands } from './commands.ts';
import { ListenerContext, type ListenerDeps } from './context.ts';
import { registerDeliveries } from './deliveries.ts';
import { registerEvents } from './events.ts';
import { registerMessages } from './messages.ts';
import { registerShortcuts } from './shortcuts.ts';
import { registerViews } from './views.ts';

export type { ListenerDeps } from './context.ts';

export interface SlackListeners {
  /** Resolves when every interaction and question being handled has finished. */
  drain(): Promise<void>;
}

export function registerListeners(app: App, deps: ListenerDeps): SlackListeners {
  const ctx = new ListenerContext(deps);
  registerDeliveries(app, ctx);
  registerCommands(app, ctx);
  registerActions(app, ctx);
  registerViews(app, ctx);
  registerShortcuts(app, ctx);
  registerEvents(app, ctx);
  registerMessages(app, ctx);
  return {
    async drain() {
      await ctx.inFlight.drain();
    },
  };
}
