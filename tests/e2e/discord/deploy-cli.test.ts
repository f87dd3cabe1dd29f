// `npm run discord:deploy` as a user runs it: the real CLI in a child process, registering against the fake Discord.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registrationPayload } from '../../../src/adapters/discord/register.ts';
import { FakeDiscord } from '../../fakes/discord.ts';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../../bin/dealbot.js', import.meta.url));
let fake: FakeDiscord;

beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterAll(async () => {
  await fake?.close();
});

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, DEALBOT_DB: ':memory:' };
  return { ...base, ...extra };
}

describe('dealbot discord-deploy', () => {
  it('registers the commands for the configured guild', async () => {
    const { stderr } = await run(process.execPath, [BIN, 'discord-deploy'], {
      env: env({ DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_GUILD_ID: fake.guildId, DISCORD_API_URL: fake.apiUrl }),
    });
    expect(stderr).toMatch(/Registered 4 commands guild/);
    expect(fake.violations).toEqual([]);
    const [reg] = fake.registrations;
    expect(reg?.path).toContain(`/guilds/${fake.guildId}/commands`);
    expect(reg?.body).toEqual(JSON.parse(JSON.stringify(registrationPayload())));
  }, 60_000);

  it('fails clearly, with no token in the output, when Discord refuses the token', async () => {
    const err = await run(process.execPath, [BIN, 'discord-deploy'], {
      env: env({ DISCORD_TOKEN: 'wrong-token-abcdef', DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl }),
    }).catch((e: { code: number; stderr: string }) => e);
    expect('code' in err && err.code).toBe(1);
    expect(err.stderr).toMatch(/Discord refused the registration/);
    expect(err.stderr).not.toContain('wrong-token-abcdef');
  }, 60_000);

  it('--dry-run prints the payload without a token', async () => {
    const { stdout } = await run(process.execPath, [BIN, 'discord-deploy', '--dry-run'], { env: env({}) });
    expect(JSON.parse(stdout)).toEqual(JSON.parse(JSON.stringify(registrationPayload())));
  }, 60_000);
});
