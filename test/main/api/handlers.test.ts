import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { handlerContext } from '../../../main/api/handler-context.ts';
import { createHandlers } from '../../../main/api/handlers.ts';
import { methodNames } from '../../../shared/api.ts';
import { testCore } from '../../helpers/test-core.ts';

const folder = fileURLToPath(new URL('../../../main/api/handlers/', import.meta.url));

/** Every `xHandlers(context)` that main/api/handlers/ exports, with the method names it binds. */
async function domainParts(): Promise<{ part: string; methods: string[] }[]> {
  const context = handlerContext(testCore(), {});
  const parts = [];
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.ts')).sort()) {
    const module = (await import(`${folder}${file}`)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      if (typeof value === 'function' && name.endsWith('Handlers')) parts.push({ part: `${file} ${name}`, methods: Object.keys((value as (c: typeof context) => object)(context)) });
    }
  }
  return parts;
}

describe('the handlers, one module per domain', () => {
  it('binds every method of the contract, and nothing else', () => {
    expect(Object.keys(createHandlers(testCore())).sort()).toEqual([...methodNames].sort());
  });

  it('has each method bound by one domain only (a spread would silently keep the last)', async () => {
    const parts = await domainParts();
    expect(parts.length).toBeGreaterThan(5);
    const owner = new Map<string, string>();
    for (const { part, methods } of parts) {
      for (const method of methods) {
        expect(owner.get(method), `${method} is bound by both ${owner.get(method)} and ${part}`).toBeUndefined();
        owner.set(method, part);
      }
    }
  });

  it('keeps each domain to its own namespaces', async () => {
    const parts = await domainParts();
    for (const { part, methods } of parts) {
      for (const namespace of new Set(methods.map((m) => m.split('.')[0]))) {
        const elsewhere = parts.filter((p) => p.part !== part && p.methods.some((m) => m.startsWith(`${namespace}.`)));
        expect(elsewhere.map((p) => p.part), `the ${namespace}.* methods are split between ${part} and others`).toEqual([]);
      }
    }
  });
});
