// Events API events other than questions: the App Home tab, published when its owner opens it. (Questions asked by
// mention or DM arrive as events too; they have their own module, messages.ts.)
import type { App } from '@slack/bolt';
import { randomUUID } from 'node:crypto';
import { loadHome, renderHome } from '../home.ts';
import { slackUser, type ListenerContext } from './context.ts';

export function registerEvents(app: App, ctx: ListenerContext): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const requestId = randomUUID();
    await ctx.work('app_home_opened', requestId, async () => {
      const parts = await loadHome(ctx.core, slackUser(event.user));
      await client.views.publish({ user_id: event.user, view: renderHome(parts) as never });
    });
  });
}
