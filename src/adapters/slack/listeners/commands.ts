// Slash commands: one listener per command definition. Acknowledged at once; the answer goes through the
// response_url, or, for a command whose answer is a form that comes only after slow work, into a modal opened first.
import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { randomUUID } from 'node:crypto';
import { COMMANDS, formOpenedFirst, subcommandOf } from '../../../../commands/index.ts';
import { renderLoadingModal } from '../modals.ts';
import { channelOf, slackUser, type ListenerContext } from './context.ts';

export function registerCommands(app: App, ctx: ListenerContext): void {
  const { core } = ctx;
  for (const def of COMMANDS) {
    app.command(`/${def.name}`, async ({ command, ack, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
      await ack();
      const requestId = randomUUID();
      const respond = ctx.responder(command.response_url, client, requestId, { user: command.user_id, channel: command.channel_id });
      const user = slackUser(command.user_id, command.user_name);
      const channel = channelOf(command.channel_id, command.channel_name);
      await ctx.work(
        `/${def.name}`,
        requestId,
        async () => {
          const text = (command.text ?? '').trim();
          // Work that ends in a form can take longer than a trigger id lives (the definition says so): open a modal
          // at once, fill it in after.
          const formFirst = formOpenedFirst(def, subcommandOf(def, text)?.name);
          if (formFirst) {
            const opened = await client.views.open({
              trigger_id: command.trigger_id,
              view: renderLoadingModal(formFirst.title, formFirst.waiting) as never,
            });
            const reply = await core.handleText(`/${def.name} ${text}`, user, { channel, requestId });
            await ctx.showInModal(client, opened.view?.id, reply, channel?.id);
            return;
          }
          const reply = await core.handleText(`/${def.name} ${text}`, user, { channel, requestId });
          await ctx.answer(reply, { client, respond, triggerId: command.trigger_id, channelId: channel?.id });
        },
        respond,
      );
    });
  }
}
