// The real `dealbot import` on a file of many bad records: the problems it prints are capped, and nothing is imported.
// How the problems are counted and worded is tested in-process in tests/unit/deals/import-caps.test.ts.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DEALBOT_BIN } from '../../helpers/spawn.ts';

/** A record with six problems, as in the review's file. */
const BAD = JSON.stringify({ title: '', type: 'merger-ish', status: 'done', announced: '2021-13', parties: [{ name: 'A', role: 'king' }], sources: [] });

describe('a file of many bad records', () => {
  it('dealbot import prints at most 100 problems, then how many more, and imports nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dealbot-import-'));
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, Array.from({ length: 20_000 }, () => BAD).join('\n'));
    const failed = await promisify(execFile)(process.execPath, [DEALBOT_BIN, '--db', join(dir, 'db.sqlite'), 'import', file], {
      env: { PATH: process.env.PATH ?? '' },
      maxBuffer: 64 * 1024 * 1024,
    }).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed?.code).toBe(1);
    const lines = failed!.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/140000 problem\(s\) in 20000 record\(s\); nothing was imported/);
    expect(lines).toHaveLength(1 + 100 + 1);
    expect(lines.at(-1)).toMatch(/… and 139900 more problem\(s\) not listed/);
  });
});
