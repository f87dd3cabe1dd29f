// `npm run slack:manifest` (the real `dealbot slack-manifest`) writes the manifest file; what the manifest holds is
// tested in-process in tests/unit/adapters/slack/manifest.test.ts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('Slack manifest', () => {
  it('npm run slack:manifest writes it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dealbot-manifest-'));
    const out = join(dir, 'manifest.json');
    execFileSync(process.execPath, ['bin/dealbot.js', 'slack-manifest', '--http', 'https://x.example/slack/events', '--out', out], {
      cwd: fileURLToPath(new URL('../../..', import.meta.url)),
      stdio: 'pipe',
    });
    const m = JSON.parse(readFileSync(out, 'utf8')) as Json;
    expect(m.settings.interactivity.request_url).toBe('https://x.example/slack/events');
  });
});
