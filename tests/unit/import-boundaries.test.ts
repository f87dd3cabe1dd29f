// The structure check `npm run lint` runs: imports point one way (adapters/cli -> core -> search/store/deals), an
// adapter never imports another or the core's handlers, and there are no import cycles. Each rule is shown failing
// on a deliberate wrong-way import, and passing on the right way.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const config = join(root, 'eslint.config.js');
const eslint = new ESLint({ cwd: root, overrideConfigFile: config });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return r!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('import direction', () => {
  it('refuses the store importing the core', async () => {
    const p = await problems('src/store/wrong-way.ts', "import { createCore } from '../core/core.ts';\nexport const x = createCore;\n");
    expect(p).toEqual([expect.stringMatching(/^no-restricted-imports: .*core sits above/)]);
  });

  it('refuses search importing the core’s reply types', async () => {
    const p = await problems('src/search/wrong-way.ts', "import type { Reply } from '../core/replies.ts';\nexport type X = Reply;\n");
    expect(p).toEqual([expect.stringMatching(/^no-restricted-imports:/)]);
  });

  it('refuses the core importing an adapter, a platform SDK or the wiring', async () => {
    const p = await problems(
      'src/core/wrong-way.ts',
      "import { renderText } from '../adapters/console/render.ts';\nimport { Client } from 'discord.js';\nimport { openApp } from '../app.ts';\nexport const x = [renderText, Client, openApp];\n",
    );
    expect(p).toHaveLength(3);
    expect(p.every((m) => m.startsWith('no-restricted-imports:'))).toBe(true);
  });

  it('refuses an adapter importing another adapter, the entry point or a handler', async () => {
    const p = await problems(
      'src/adapters/discord/wrong-way.ts',
      "import { mrkdwn } from '../slack/escape.ts';\nimport { startBot } from '../../main.ts';\nimport { handleDeals } from '../../core/handlers/deals.ts';\nexport const x = [mrkdwn, startBot, handleDeals];\n",
    );
    expect(p).toHaveLength(3);
    expect(p.every((m) => m.startsWith('no-restricted-imports:'))).toBe(true);
  });

  it('accepts imports that point down', async () => {
    expect(
      await problems(
        'src/adapters/slack/right-way.ts',
        "import type { Core } from '../../core/core.ts';\nimport { encodeTarget } from '../../core/targets.ts';\nimport { formatValue } from '../../deals/format.ts';\nexport const x: [Core | undefined, unknown, unknown] = [undefined, encodeTarget, formatValue];\n",
      ),
    ).toEqual([]);
    expect(await problems('src/search/right-way.ts', "import { Store } from '../store/store.ts';\nexport const x = Store;\n")).toEqual([]);
  });
});

describe('import cycles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dealbot-cycle-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses two modules that import each other', async () => {
    mkdirSync(join(dir, 'src/core'), { recursive: true });
    writeFileSync(join(dir, 'src/core/a.ts'), "import { b } from './b.ts';\nexport const a = (): unknown => b;\n");
    writeFileSync(join(dir, 'src/core/b.ts'), "import { a } from './a.ts';\nexport const b = (): unknown => a;\n");
    writeFileSync(join(dir, 'src/core/c.ts'), "import { a } from './a.ts';\nexport const c = (): unknown => a;\n");
    const cyclic = new ESLint({ cwd: dir, overrideConfigFile: config });
    const results = await cyclic.lintFiles(['src/core/*.ts']);
    const byFile = Object.fromEntries(results.map((r) => [r.filePath.slice(dir.length + 1), r.messages.map((m) => m.ruleId)]));
    expect(byFile).toEqual({ 'src/core/a.ts': ['import-x/no-cycle'], 'src/core/b.ts': ['import-x/no-cycle'], 'src/core/c.ts': [] });
  });
});
