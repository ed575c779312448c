import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function violations(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}/${path}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the lint rules keep each folder to its runtime', () => {
  it('shared/ imports no Electron, no Node, no React', async () => {
    expect(await violations('shared/x.ts', "import 'electron';\nimport 'node:fs';\nimport 'react';\nexport {};\n")).toHaveLength(3);
  });

  it('the core imports no Electron; only the shell does', async () => {
    expect(await violations('main/queue/x.ts', "import { app } from 'electron';\nexport { app };\n")).toHaveLength(1);
    expect(await violations('main/shell/x.ts', "import { app } from 'electron';\nexport { app };\n")).toHaveLength(0);
  });

  it('the core imports none of its edges: not the shell, the web host or the CLI', async () => {
    const code = "import '../shell/harden.ts';\nimport '../web/http-host.ts';\nimport '../cli/index.ts';\nexport {};\n";
    expect(await violations('main/queue/x.ts', code)).toHaveLength(3);
    expect(await violations('main/web/x.ts', "import '../queue/next-lead.ts';\nexport {};\n")).toHaveLength(0);
  });

  it('the renderer imports no Node, no Electron and nothing from main/', async () => {
    const code = "import 'node:path';\nimport 'electron';\nimport '../../main/core.ts';\nexport {};\n";
    expect(await violations('renderer/src/x.ts', code)).toHaveLength(3);
  });

  it('main never imports the renderer', async () => {
    expect(await violations('main/web/x.ts', "import '../../renderer/src/app.tsx';\nexport {};\n")).toHaveLength(1);
  });
});
