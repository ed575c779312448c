import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { methodNames } from '../../shared/api.ts';

const folder = fileURLToPath(new URL('../../shared/api/', import.meta.url));

describe('the contract, one table per namespace', () => {
  it('declares each method in one namespace table only (a spread would silently keep the last)', async () => {
    const owner = new Map<string, string>();
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.ts'))) {
      const module = (await import(`${folder}${file}`)) as Record<string, unknown>;
      for (const [name, table] of Object.entries(module)) {
        if (!name.endsWith('Api') || typeof table !== 'object' || table === null) continue;
        for (const method of Object.keys(table)) {
          expect(owner.get(method), `${method} is declared in both ${owner.get(method)} and ${file}`).toBeUndefined();
          owner.set(method, file);
        }
      }
    }
    expect([...owner.keys()].every((method) => methodNames.includes(method as never))).toBe(true);
  });
});
