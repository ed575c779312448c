import { ApiError } from '../../../shared/api-error.ts';
import type { ImportReport } from '../../../shared/imports.ts';
import { DEMO_LIST_SIZE, demoLeadsCsv } from '../../demo/demo-list.ts';
import { accountOf } from '../../leads/accounts.ts';
import { deleteLead } from '../../leads/delete-lead.ts';
import { getMapping } from '../../leads/column-mappings.ts';
import { editLead, leadEdits } from '../../leads/edit-lead.ts';
import { exportLeadsThrough, leadExport, leadExportOnStore } from '../../leads/export-leads.ts';
import { importActivities } from '../../leads/import-activities.ts';
import { importLeadsInto, previewImport, type ImportOptions } from '../../leads/import-leads.ts';
import { getLeadCard } from '../../leads/lead-cards.ts';
import { searchLeads } from '../../leads/lead-search.ts';
import { currentCaller } from '../../people/caller.ts';
import { checkLeadInReach } from '../../queue/lead-reach.ts';
import { callerAccess } from '../../queue/list-access.ts';
import { eraseDeletedRecordings } from '../../phone/recordings.ts';
import type { HandlerContext, HandlersOf } from '../handler-context.ts';

const bytesOf = (base64: string) => Buffer.from(base64, 'base64');

export function leadsHandlers({ core, edges, cap, rep }: HandlerContext): HandlersOf<'leads'> {
  const { db, store, clock, events, prefs } = core;

  const runImport = async (bytes: Uint8Array, options: Omit<ImportOptions, 'onProgress' | 'defaultCountry'> & { defaultCountry?: string | undefined }): Promise<ImportReport> => {
    // On a team, the progress (and the file's name) is the importing console's news alone; alone, the one console's.
    const session = currentCaller()?.token ?? undefined;
    const report = await importLeadsInto(core, clock, bytes, {
      ...options,
      defaultCountry: options.defaultCountry ?? prefs.read().defaultCountry,
      lifetimeAttemptCap: cap(),
      onProgress: (progress) => events.emit('import.progress', { fileName: options.fileName, totalBytes: bytes.byteLength, ...progress }, session),
    });
    if (!report.dryRun) events.emit('store.changed', { reason: 'import' });
    return report;
  };

  return {
    'leads.previewImport': ({ fileName, data, mapping, encoding }) => previewImport(bytesOf(data), fileName, mapping, encoding),
    'leads.import': async ({ fileName, data, mapping, encoding, mappingName, listName, defaultCountry, dryRun }) =>
      runImport(bytesOf(data), {
        fileName,
        ...(encoding ? { encoding } : {}),
        mapping: { ...(mappingName ? await getMapping(store, mappingName) : {}), ...mapping },
        ...(listName ? { listName } : {}),
        defaultCountry,
        dryRun,
      }),
    'leads.importActivities': async ({ fileName, data }) => {
      const report = await importActivities(store, bytesOf(data), fileName, prefs.read().defaultCountry, cap());
      events.emit('store.changed', { reason: 'import' });
      return report;
    },
    'leads.uploadStore': async ({ data, as, dryRun }) => {
      // Only the team server takes a store (its edge): a console alone has no team to put it in.
      if (!edges.uploadStore) throw new ApiError('invalid-input', 'A store is uploaded into a team, on its team server: this console works alone, on its own store.');
      // How far the team server is, to the uploading console alone (its session's event stream).
      // No session, no stream of the uploader's: nothing is told, rather than told to every stream.
      const session = currentCaller()?.token;
      const onProgress = (leadsDone: number, leadsTotal: number) => session && events.emit('upload.progress', { leadsDone, leadsTotal, dryRun }, session);
      const report = await edges.uploadStore(bytesOf(data), { as, dryRun, onProgress });
      // The consoles' counts and lists take in the new leads at once, as after an import.
      if (!dryRun) events.emit('store.changed', { reason: 'import' });
      return report;
    },
    'leads.loadDemo': () => runImport(Buffer.from(demoLeadsCsv({ count: DEMO_LIST_SIZE, now: clock.now() })), { fileName: 'Demo list', listName: 'Demo list' }),
    // A rep's own store streams any size from a snapshot of its file; the team's is read through the seam.
    'leads.export': async ({ format, listName }) =>
      exportLeadsThrough(store.dialect.kind === 'sqlite' ? leadExport(db, format, listName) : await leadExportOnStore(store, format, listName), edges.saveExport),
    // A rep on a team opens only the leads their lists offer them, as they find them, and the one they dialled (lead-reach.ts).
    'leads.get': async ({ leadId }) => {
      await checkLeadInReach(store, leadId, undefined, clock.now());
      return getLeadCard(store, leadId);
    },
    'leads.search': async ({ query, limit }) => searchLeads(store, query, { limit, defaultCountry: prefs.read().defaultCountry, access: await callerAccess(store, clock.now()) }),
    'leads.edit': async (input) => {
      const card = await editLead(store, input, {
        clock,
        rep: rep()?.name ?? null,
        defaultCountry: prefs.read().defaultCountry,
        lifetimeAttemptCap: cap(),
        access: await callerAccess(store, clock.now()),
      });
      events.emit('store.changed', { reason: 'edit' });
      return card;
    },
    'leads.edits': async ({ leadId }) => leadEdits(store, leadId, await callerAccess(store, clock.now())),
    'leads.account': async ({ leadId }) => {
      await checkLeadInReach(store, leadId, undefined, clock.now());
      return accountOf(store, leadId, await callerAccess(store, clock.now()));
    },
    'leads.delete': async ({ leadId }) => {
      const deleted = await deleteLead(store, leadId);
      // A rep's recordings are files in their data folder, erased once the delete is committed; the team
      // server has no data folder: its recordings hold their audio in the rows, gone with the delete.
      if (core.dataDir) eraseDeletedRecordings(db, core.dataDir);
      events.emit('store.changed', { reason: 'edit' });
      return deleted;
    },
  };
}
