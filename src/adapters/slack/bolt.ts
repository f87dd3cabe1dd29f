// Bolt on our terms: its logger writing into ours (one log stream, secrets redacted), the HTTP receiver refusing
// requests dated in the future, and the Web API base URL in the form Slack's client expects. Public API only.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LogLevel, type HTTPReceiver, type Logger as BoltLogger } from '@slack/bolt';
import { redactSecrets, type Logger } from '../../log.ts';

/** How far ahead of this host's clock a request may be signed: Slack's own rule for old ones is five minutes. */
export const MAX_FUTURE_SKEW_SECONDS = 5 * 60;

/**
 * Refuses (401) a request whose x-slack-request-timestamp lies more than five minutes in the future. Bolt refuses
 * only old ones, so a captured request signed with a timestamp an hour ahead could be replayed for that hour. The
 * check needs only the header, so it runs before Bolt reads the body; Bolt then verifies the signature as usual.
 */
export function refuseFutureRequests(receiver: HTTPReceiver, log: Logger, now: () => number = Date.now): void {
  const inner = receiver.requestListener;
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    const raw = req.headers['x-slack-request-timestamp'];
    const ts = Number(Array.isArray(raw) ? raw[0] : raw);
    if (raw !== undefined && Number.isFinite(ts) && ts > Math.floor(now() / 1000) + MAX_FUTURE_SKEW_SECONDS) {
      log.warn({ aheadSeconds: Math.round(ts - now() / 1000) }, 'refused a Slack request dated more than five minutes in the future');
      res.writeHead(401).end();
      return;
    }
    return inner(req, res);
  };
}

/** Slack's web client expects the base URL to end with a slash ("…/api/"). */
export function normaliseApiUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return url.endsWith('/') ? url : `${url}/`;
}

/** Bolt's logger interface on top of ours: one log stream, secrets redacted. */
export function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: 'bolt' });
  let level = LogLevel.INFO;
  const fmt = (msgs: unknown[]) =>
    redactSecrets(
      msgs
        .map((m) => (m instanceof Error ? `${m.name}: ${m.message}` : typeof m === 'string' ? m : safeJson(m)))
        .join(' '),
    );
  return {
    debug: (...m: unknown[]) => child.debug(fmt(m)),
    info: (...m: unknown[]) => child.info(fmt(m)),
    warn: (...m: unknown[]) => child.warn(fmt(m)),
    error: (...m: unknown[]) => child.error(fmt(m)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
