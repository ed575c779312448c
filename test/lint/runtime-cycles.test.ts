import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The relative modules a file loads when it runs: `import type` and `export type` vanish in the
 * build, every other import or re-export stays (an `import { type A }` keeps the module too).
 */
function runtimeImports(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  for (const statement of source.statements) {
    let specifier: ts.Expression | undefined;
    if (ts.isImportDeclaration(statement) && !statement.importClause?.isTypeOnly) specifier = statement.moduleSpecifier;
    if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) specifier = statement.moduleSpecifier;
    if (specifier && ts.isStringLiteral(specifier) && specifier.text.startsWith('.')) found.push(normalize(join(dirname(file), specifier.text)));
  }
  return found;
}

/** The first chain of runtime imports that comes back to where it started, or null. */
function findRuntimeCycle(files: Map<string, string>): string[] | null {
  const graph = new Map([...files].map(([file, text]) => [file, runtimeImports(file, text).filter((f) => files.has(f))]));
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (file: string): string[] | null => {
    const at = path.indexOf(file);
    if (at >= 0) return [...path.slice(at), file];
    if (done.has(file)) return null;
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    done.add(file);
    return null;
  };
  for (const file of graph.keys()) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return null;
}

function sourcesUnder(...dirs: string[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const dir of dirs) {
    for (const name of readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })) {
      if (/\.tsx?$/.test(name)) files.set(relative(root, join(root, dir, name)), readFileSync(join(root, dir, name), 'utf8'));
    }
  }
  return files;
}

describe('no module of the console loads itself back through its imports', () => {
  const files = sourcesUnder('renderer/src', 'shared');

  it('reads the store and its slices (the loop is not empty)', () => {
    expect([...files.keys()]).toEqual(expect.arrayContaining(['renderer/src/store/app-store.ts', 'renderer/src/store/call-slice.ts']));
  });

  it('renderer/ and shared/ have no runtime import cycle: a slice imports only the store’s types', () => {
    expect(findRuntimeCycle(files)).toBeNull();
  });

  it('would see a slice that imports a value from app-store.ts again', () => {
    const slice = 'renderer/src/store/call-slice.ts';
    const broken = new Map(files).set(slice, `import { createAppStore } from './app-store.ts';\n${files.get(slice)}`);
    expect(findRuntimeCycle(broken)).toEqual(['renderer/src/store/app-store.ts', slice, 'renderer/src/store/app-store.ts']);
  });

  it('does not count an import of types only', () => {
    const slice = 'renderer/src/store/call-slice.ts';
    const typesOnly = new Map(files).set(slice, `import type { AppStore } from './app-store.ts';\n${files.get(slice)}`);
    expect(findRuntimeCycle(typesOnly)).toBeNull();
  });
});
