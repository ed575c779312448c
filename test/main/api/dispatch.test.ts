import { describe, expect, it, vi } from 'vitest';
import { createDispatcher } from '../../../main/api/dispatch.ts';
import { createHandlers } from '../../../main/api/handlers.ts';
import type { Handlers } from '../../../shared/api.ts';
import { ApiError } from '../../../shared/api-error.ts';
import { DEFAULT_QUEUE_RULES } from '../../../shared/queue-rules.ts';
import { count, demoFixture, testCore } from '../../helpers/test-core.ts';

function dispatcherOver(overrides: Partial<Handlers> = {}) {
  const core = testCore();
  const logged: unknown[] = [];
  const dispatch = createDispatcher({ ...createHandlers(core), ...overrides }, (error) => logged.push(error));
  return { core, dispatch, logged };
}

describe('the dispatcher', () => {
  it('answers a valid call with the service’s value', async () => {
    const { dispatch } = dispatcherOver();
    const result = await dispatch('leads.import', { fileName: 'demo-leads.csv', data: Buffer.from(demoFixture()).toString('base64') });
    expect(result).toMatchObject({ ok: true, value: { created: 300 } });
  });

  it('refuses a method the contract does not declare', async () => {
    const { dispatch } = dispatcherOver();
    expect(await dispatch('leads.dropAll', {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(await dispatch('constructor', {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(await dispatch(42, {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    // Found by the API fuzz: an object whose toString is not a function broke the refusal itself.
    expect(await dispatch({ toString: false }, {})).toMatchObject({ ok: false, error: { code: 'unknown-method', message: 'Nextcall has no method named (object, not a name).' } });
  });

  it('refuses invalid input with the field at fault, before any service runs', async () => {
    const service = vi.fn();
    const { dispatch, core } = dispatcherOver({ 'calls.disposition': service });
    const result = await dispatch('calls.disposition', { leadId: 'seven', code: 'busy' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', issues: [{ path: 'leadId' }] } });
    expect(await dispatch('calls.disposition', { leadId: 1, code: 'busy', extra: true })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(service).not.toHaveBeenCalled();
    expect(count(core, 'calls')).toBe(0);
  });

  it('passes a domain error through with its code, and hides an unexpected one behind a plain message', async () => {
    const { dispatch, logged } = dispatcherOver({
      'leads.get': () => {
        throw new ApiError('not-found', 'No lead with id 5.');
      },
      'queue.next': () => {
        throw new Error('SQLITE_CORRUPT at /home/rep/secret/path');
      },
    });
    expect(await dispatch('leads.get', { leadId: 5 })).toEqual({ ok: false, error: { code: 'not-found', message: 'No lead with id 5.' } });
    const internal = await dispatch('queue.next', {});
    expect(internal).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(internal)).not.toContain('secret');
    expect(logged).toHaveLength(1);
  });

  it('runs calls one at a time, so nothing slips into an import’s open transaction', async () => {
    const order: string[] = [];
    let release!: () => void;
    const { dispatch } = dispatcherOver({
      'leads.loadDemo': async () => {
        order.push('import starts');
        await new Promise<void>((resolve) => (release = resolve));
        order.push('import ends');
        return { batchId: 1, dryRun: false, encoding: 'utf-8', delimiter: ',', rowsRead: 0, created: 0, updated: 0, merged: 0, rejected: [], flagged: [] };
      },
      'queue.next': () => {
        order.push('queue read');
        return { now: '', next: null, due: 0, dueCapped: 1000, total: 0 };
      },
    });
    const importing = dispatch('leads.loadDemo', {});
    const reading = dispatch('queue.next', {});
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await Promise.all([importing, reading]);
    expect(order).toEqual(['import starts', 'import ends', 'queue read']);
  });
});

describe('raising the attempt cap', () => {
  it('gives back to the queue the leads the old cap held', async () => {
    const core = testCore();
    const dispatch = createDispatcher(createHandlers(core));
    await dispatch('leads.import', { fileName: 'a.csv', data: Buffer.from('Record ID,Name,Phone\n1,Ada,+12125550100\n').toString('base64') });
    core.db.exec('UPDATE leads SET attempts = 6, callable = 0, retry_at = 0');
    expect(await dispatch('queue.next', {})).toMatchObject({ ok: true, value: { next: null } });
    const raised = { ...DEFAULT_QUEUE_RULES, lifetimeAttemptCap: 8 };
    expect(await dispatch('prefs.set', { queueRules: raised })).toMatchObject({ ok: true });
    expect(await dispatch('queue.next', {})).toMatchObject({ ok: true, value: { next: { card: { lead: { crmId: '1' } } } } });
  });
});
