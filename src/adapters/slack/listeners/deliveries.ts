// Each delivery is handled once by one instance, wherever it lands: an Events API event by its event_id (Slack's
// retries, x-slack-retry-num / retry_attempt, carry the same one and may reach another instance or connection; one
// whose first delivery reached no instance is handled when the retry comes), and in Socket Mode any envelope by
// its envelope_id (the same envelope on two connections). Bolt has already acknowledged an event; a repeated
// envelope of another kind is left for the connection that claimed it to acknowledge.
import type { App } from '@slack/bolt';
import { DELIVERY_TTL_MS, firstTime, sharedKey } from '../shared.ts';
import type { ListenerContext } from './context.ts';

export function registerDeliveries(app: App, ctx: ListenerContext): void {
  const { log } = ctx;
  app.use(async ({ context, body, next }) => {
    // Set by the Socket Mode receiver's customPropertiesExtractor (start.ts).
    const envelopeId = (context as { envelopeId?: unknown }).envelopeId;
    if (typeof envelopeId === 'string' && !(await firstTime(ctx.shared, [sharedKey.envelope(envelopeId)], DELIVERY_TTL_MS, ctx.onSharedError))) {
      log.debug({ envelopeId }, 'envelope already handled on another connection');
      return;
    }
    const event = body as { type?: string; event_id?: string };
    if (event.type === 'event_callback' && typeof event.event_id === 'string') {
      if (!(await firstTime(ctx.shared, [sharedKey.event(event.event_id)], DELIVERY_TTL_MS, ctx.onSharedError))) {
        log.debug({ retryNum: context.retryNum, reason: context.retryReason }, 'repeated event delivery ignored');
        return;
      }
    }
    await next();
  });
}
