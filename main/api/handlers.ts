import type { Handlers } from '../../shared/api.ts';
import type { ImportReport } from '../../shared/leads.ts';
import { logDisposition } from '../calls/log-disposition.ts';
import type { Core } from '../core.ts';
import { demoLeadsCsv } from '../demo/demo-list.ts';
import { importLeadsCsv } from '../leads/import-csv.ts';
import { getLeadCard, recentCalls } from '../leads/lead-rows.ts';
import { queueSnapshot } from '../queue/next-lead.ts';

/** How many leads "Load demo list" makes. */
export const DEMO_LIST_SIZE = 300;

/** The contract's methods, bound to the core. Each is a line or two: the work is in the domain. */
export function createHandlers(core: Core): Handlers {
  const { db, clock, events } = core;

  const importCsv = async (fileName: string, csv: string): Promise<ImportReport> => {
    const report = await importLeadsCsv(db, clock, csv, {
      fileName,
      defaultCountry: core.prefs.read().defaultCountry,
      onProgress: (progress) => events.emit('import.progress', { fileName, ...progress }),
    });
    events.emit('store.changed', { reason: 'import' });
    return report;
  };

  return {
    'leads.import': ({ fileName, csv }) => importCsv(fileName, csv),
    'leads.loadDemo': () => importCsv('Demo list', demoLeadsCsv({ count: DEMO_LIST_SIZE, now: clock.now() })),
    'leads.get': ({ leadId }) => getLeadCard(db, leadId),
    'queue.next': () => queueSnapshot(db, clock.now()),
    'calls.disposition': (input) => {
      const call = logDisposition(db, clock, core.dispositions, input);
      events.emit('store.changed', { reason: 'disposition' });
      return { call, queue: queueSnapshot(db, clock.now()) };
    },
    'calls.recent': ({ limit }) => recentCalls(db, limit),
    'dispositions.list': () => [...core.dispositions],
    'prefs.get': () => core.prefs.read(),
    'prefs.set': (patch) => core.prefs.update(patch),
  };
}
