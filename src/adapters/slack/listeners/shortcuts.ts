// Shortcuts: "Add deal" (global) opens the add form; "Save as deal" (on a message) opens a loading modal at once,
// then drafts a deal from the message's text and shows the form (or why not) in it.
import type { AllMiddlewareArgs, App, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { randomUUID } from 'node:crypto';
import { renderResultModal } from '../blocks.ts';
import { slackTextToPlain } from '../escape.ts';
import { SHORTCUT } from '../manifest.ts';
import { renderFormModal, renderLoadingModal } from '../modals.ts';
import { channelOf, slackUser, type ListenerContext } from './context.ts';

export function registerShortcuts(app: App, ctx: ListenerContext): void {
  const { core } = ctx;

  app.shortcut(SHORTCUT.addDeal, async ({ ack, shortcut, client }: SlackShortcutMiddlewareArgs & AllMiddlewareArgs) => {
    await ack();
    const requestId = randomUUID();
    await ctx.work('shortcut add', requestId, async () => {
      const user = slackUser(shortcut.user.id, shortcut.user.username);
      const reply = await core.handle({ command: 'deal-admin', subcommand: 'add', options: {}, user, requestId });
      const view = reply.kind === 'form' ? renderFormModal(reply) : renderResultModal(reply);
      await client.views.open({ trigger_id: shortcut.trigger_id, view: view as never });
    });
  });

  app.shortcut<MessageShortcut>(
    SHORTCUT.saveAsDeal,
    async ({ ack, shortcut, client }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs) => {
      await ack();
      const requestId = randomUUID();
      await ctx.work('shortcut save-as-deal', requestId, async () => {
        const opened = await client.views.open({
          trigger_id: shortcut.trigger_id,
          view: renderLoadingModal('Save as deal', 'Drafting a deal from the message…') as never,
        });
        const user = slackUser(shortcut.user.id, shortcut.user.username ?? shortcut.user.name);
        const source = slackTextToPlain(shortcut.message.text ?? '').trim().slice(0, 6000);
        const reply = source
          ? await core.handle({
              command: 'deal-admin',
              subcommand: 'ingest',
              options: { source },
              user,
              channel: channelOf(shortcut.channel.id),
              requestId,
            })
          : ({ kind: 'error', code: 'bad_input', message: 'This message has no text to draft a deal from.', private: true } as const);
        await ctx.showInModal(client, opened.view?.id, reply, shortcut.channel.id);
      });
    },
  );
}
