// Structured logs (pino, JSON lines on stderr so `dealbot ask --json` keeps stdout clean). Secrets are redacted
// by key and by shape, so a token never reaches a log even inside an error message.
import { pino, type Logger } from 'pino';

const TOKEN_SHAPES: RegExp[] = [
  /xox[abposr]-[A-Za-z0-9-]{6,}/g, // Slack bot/user tokens
  /xapp-\d-[A-Za-z0-9-]{6,}/g, // Slack app-level tokens
  /[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40}/g, // Discord bot tokens
  /(Bot|Bearer)\s+[A-Za-z0-9._-]{20,}/g,
  /postgres(?:ql)?:\/\/[^\s/:@]*:[^\s/@]*@/gi, // a database URL's user and password (the host stays readable)
];

export function redactSecrets(text: string): string {
  let out = text;
  for (const re of TOKEN_SHAPES) out = out.replace(re, '[redacted]');
  return out;
}

const SECRET_KEYS = ['token', 'DISCORD_TOKEN', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'signingSecret', 'authorization', 'DATABASE_URL', 'connectionString', 'password'];

export function createLogger(level = process.env.LOG_LEVEL ?? 'info', destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino(
    {
      level,
      base: { app: 'dealbot' },
      redact: {
        paths: [...SECRET_KEYS, ...SECRET_KEYS.map((k) => `*.${k}`), 'headers.authorization', '*.headers.authorization'],
        censor: '[redacted]',
      },
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        // Scrub token shapes from messages and string arguments too, not only from known keys.
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? redactSecrets(a) : a)) as Parameters<typeof method>,
          );
        },
      },
      serializers: {
        err: (e: Error) => ({ type: e.name, message: redactSecrets(e.message), stack: e.stack ? redactSecrets(e.stack) : undefined }),
      },
    },
    destination as pino.DestinationStream,
  );
}

export type { Logger };
