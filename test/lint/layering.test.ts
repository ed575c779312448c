import { ESLint } from 'eslint';
import { readdirSync } from 'node:fs';
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

  describe('every main/* folder and file is core unless it is a named edge', () => {
    // The edges, as docs/ARCHITECTURE.md names them. Anything else in main/, including a folder
    // added tomorrow, must come out as core: no Electron, no edge, no renderer, no React.
    const SHELL = new Set(['shell', 'index.ts', 'preload.ts']);
    const NODE_EDGES = new Set(['web', 'cli', 'team', 'launch.ts', 'runtime-options.ts']);
    const entries = readdirSync(`${root}/main`, { withFileTypes: true })
      .filter((e) => e.isDirectory() || e.name.endsWith('.ts'))
      .map((e) => ({ name: e.name, file: e.isDirectory() ? `main/${e.name}/x.ts` : `main/${e.name}` }));

    it('finds the folders it checks (the loop is not empty)', () => {
      expect(entries.map((e) => e.name)).toEqual(expect.arrayContaining(['queue', 'scripts', 'sessions', 'shell', 'web', 'cli', 'core.ts']));
    });

    for (const { name, file } of entries.filter((e) => !SHELL.has(e.name) && !NODE_EDGES.has(e.name))) {
      it(`main/${name} is core: it imports no Electron, no edge, no renderer, no React`, async () => {
        const up = file.split('/').length === 2 ? '.' : '..';
        const code = [
          "import 'electron';",
          "import 'electron-store';",
          `import '${up}/shell/harden.ts';`,
          `import '${up}/web/http-host.ts';`,
          `import '${up}/cli/index.ts';`,
          `import '${up}/../renderer/src/app.tsx';`,
          "import 'react';",
          "import 'fs';",
          'export {};',
        ].join('\n');
        expect(await violations(file, code)).toHaveLength(8);
      });
    }

    for (const name of NODE_EDGES) {
      it(`main/${name} is a Node edge: it may import the core, never Electron`, async () => {
        const file = name.endsWith('.ts') ? `main/${name}` : `main/${name}/x.ts`;
        const up = name.endsWith('.ts') ? '.' : '..';
        expect(await violations(file, `import 'electron';\nimport '${up}/queue/next-lead.ts';\nexport {};\n`)).toHaveLength(1);
      });
    }

    for (const name of SHELL) {
      it(`main/${name} is the Electron shell: it may import Electron and the core`, async () => {
        const file = name.endsWith('.ts') ? `main/${name}` : `main/${name}/x.ts`;
        const up = name.endsWith('.ts') ? '.' : '..';
        expect(await violations(file, `import { app } from 'electron';\nimport '${up}/queue/next-lead.ts';\nexport { app };\n`)).toHaveLength(0);
      });
    }
  });
});

describe('eslint.config.js', () => {
  it('cites only files and folders that exist in the repository', async () => {
    const { readFileSync, existsSync } = await import('node:fs');
    const config = readFileSync(`${root}/eslint.config.js`, 'utf8');
    // Paths it names in comments and messages: docs/ARCHITECTURE.md, main/shell/, test/lint/layering.test.ts…
    // Globs (main/shell/**/*.ts, test/bench/results/**) are patterns, not citations.
    const cited = [...new Set(config.match(/\b(?:docs|main|shared|renderer|test)\/[\w./*{},-]*|\b[A-Z]+\.md\b/g) ?? [])]
      .filter((p) => !/[*{]/.test(p))
      .map((p) => p.replace(/[.,]$/, ''));
    expect(cited.length).toBeGreaterThan(3);
    expect(cited.filter((p) => !existsSync(`${root}/${p}`))).toEqual([]);
  });
});
