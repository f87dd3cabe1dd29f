import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, databaseUrlFrom, envSchema, loadConfig } from '../../src/config.ts';
import { createLogger, redactSecrets } from '../../src/log.ts';
import { Writable } from 'node:stream';

describe('configuration', () => {
  it('.env.example documents exactly the variables the schema reads', () => {
    const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    const documented = [...example.matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(Object.keys(envSchema.shape).sort());
  });

  it('works with nothing configured', () => {
    const c = loadConfig({});
    expect(c.DISCORD_TOKEN).toBeUndefined();
    expect(c.SLACK_PORT).toBe(3000);
    expect(c.DISCORD_PUBLIC_ANSWERS).toBe(true);
  });

  it('names the wrong variable, never its value', () => {
    const secret = ['xoxp', '123456789', 'secret'].join('-');
    try {
      loadConfig({ SLACK_BOT_TOKEN: secret, SLACK_PORT: 'eighty' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const msg = (e as Error).message;
      expect(msg).toContain('SLACK_BOT_TOKEN');
      expect(msg).toContain('SLACK_PORT');
      expect(msg).not.toContain(secret);
    }
    expect(() => loadConfig({ DISCORD_TOKEN: 'x' })).toThrow(/DISCORD_APPLICATION_ID/);
  });

  it('DATABASE_URL: unset means SQLite; a postgres:// URL is kept; anything else is refused without echoing it', () => {
    expect(loadConfig({}).DATABASE_URL).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: '  ' }).DATABASE_URL).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: 'postgres://u:pw@db:5432/deals' }).DATABASE_URL).toBe('postgres://u:pw@db:5432/deals');
    expect(loadConfig({ DATABASE_URL: 'PostgreSQL://u@db/deals' }).DATABASE_URL).toBe('PostgreSQL://u@db/deals');
    expect(databaseUrlFrom({ DATABASE_URL: 'postgresql://db/deals' })).toBe('postgresql://db/deals');
    expect(databaseUrlFrom({})).toBeUndefined();
    for (const wrong of ['mysql://u:hunter2-pw@db/deals', '/var/lib/dealbot.db', 'postgres://', 'postgres:///nohost']) {
      try {
        loadConfig({ DATABASE_URL: wrong });
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        expect((e as Error).message).toContain('DATABASE_URL: must be a PostgreSQL URL');
        expect((e as Error).message).not.toContain('hunter2');
        expect((e as Error).message).not.toContain('/var/lib');
        expect((e as Error).message).not.toContain('nohost');
      }
      expect(() => databaseUrlFrom({ DATABASE_URL: wrong })).toThrow(ConfigError);
    }
  });
});

describe('logs', () => {
  it('never print tokens, by key or by shape', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const log = createLogger('info', sink);
    const slack = ['xoxb', '1234567890', 'abcdefghijkl'].join('-') /* fake, assembled so secret scanners stay quiet */;
    const discord = ['MTIzNDU2Nzg5MDEyMzQ1Njc4', 'GaBcDe', 'abcdefghijklmnopqrstuvwxyz12345'].join('.');
    log.info({ token: 'plain-secret', config: { SLACK_BOT_TOKEN: slack } }, `logging in with ${discord}`);
    log.error({ err: new Error(`auth failed for ${slack}`) }, 'failed');
    const out = lines.join('');
    expect(out).not.toContain('plain-secret');
    expect(out).not.toContain(slack);
    expect(out).not.toContain(discord);
    expect(out).toContain('[redacted]');
    expect(redactSecrets('Bot abcdefghijklmnopqrstuvwxyz')).toBe('[redacted]');
    expect(redactSecrets('connect postgres://dealbot:hunter2@db:5432/deals failed')).toBe('connect [redacted]db:5432/deals failed');
    expect(redactSecrets('postgres://db:5432/deals')).toBe('postgres://db:5432/deals');
  });
});
