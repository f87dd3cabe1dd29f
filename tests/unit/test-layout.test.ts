// The test layout stays what vitest.config.ts and the README say: tests/unit/ mirrors src/ (bench/ for the
// evaluation's own checkers), and nothing under it starts a child process, so `npm run test:unit` needs no build.
// A test that spawns `dealbot` belongs under tests/e2e/. Every test file is in one of the four project folders: one
// anywhere else would match no project and never run.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const unit = join(root, 'tests/unit');
const self = fileURLToPath(import.meta.url);
const files = (readdirSync(unit, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => join(unit, f))
  .filter((f) => f !== self);

describe('the test layout', () => {
  it('puts every test file in a project folder: tests/unit, tests/e2e, tests/durability or tests/evaluation', () => {
    const all = (readdirSync(join(root, 'tests'), { recursive: true }) as string[]).filter((f) => f.endsWith('.test.ts'));
    const outside = all.filter((f) => !/^(unit|e2e|durability|evaluation)\//.test(f.split('\\').join('/')));
    expect(outside).toEqual([]);
  });

  it('puts every unit test in a folder that exists under src/ (or bench/)', () => {
    const astray = files
      .map((f) => relative(unit, dirname(f)))
      .filter((d) => d !== '' && !existsSync(join(root, 'src', d)) && !(d === 'bench' || d.startsWith('bench/')));
    expect(astray).toEqual([]);
  });

  it('starts no child process and no dealbot command', () => {
    const spawning = files
      .filter((f) => /node:child_process|bin\/dealbot\.js|bin\/run\.js|helpers\/spawn\.ts/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(spawning).toEqual([]);
  });
});
