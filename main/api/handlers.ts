import type { Handlers } from '../../shared/api.ts';
import { ApiError } from '../../shared/api-error.ts';
import { isTimeZone } from '../../shared/zoned-time.ts';
import type { ImportReport } from '../../shared/imports.ts';
import { activeDispositions, importDispositions, listDispositions, retireDisposition, saveDisposition } from '../calls/disposition-store.ts';
import { closeDials, recordDial, runningDial } from '../calls/dials.ts';
import { exportHandoffs, listHandoffs } from '../calls/handoffs.ts';
import { logDisposition } from '../calls/log-disposition.ts';
import { saveNoteDraft } from '../calls/note-drafts.ts';
import { undoDisposition } from '../calls/undo-disposition.ts';
import { backUpCore, restoreCore, type Core } from '../core.ts';
import { demoLeadsCsv } from '../demo/demo-list.ts';
import { listCallLists, saveCallList } from '../leads/call-lists.ts';
import { getMapping, listMappings, saveMapping } from '../leads/column-mappings.ts';
import { exportLeadsThrough, leadExport, type ExportSink } from '../leads/export-leads.ts';
import { importActivities } from '../leads/import-activities.ts';
import { listImports, rejectedRowsCsv } from '../leads/import-history.ts';
import { importLeads, previewImport, type ImportOptions } from '../leads/import-leads.ts';
import { getLeadCard, recentCalls } from '../leads/lead-rows.ts';
import { undoImport } from '../leads/undo-import.ts';
import { activateScript, activeScript, importScript, listScripts, scriptDocument, validateScript } from '../scripts/script-store.ts';
import { claimLead, holdLead, releaseClaims, renewClaim } from '../queue/claims.ts';
import { refreshQueueColumns } from '../queue/queue-columns.ts';
import { dialableNumbers } from '../queue/eligibility.ts';
import { loadLeadFacts } from '../queue/lead-facts.ts';
import { queueContext } from '../queue/queue-scope.ts';
import { leadCallingWindows, upcomingCallbacks } from '../queue/lead-callbacks.ts';
import { endSession, getSession, openSessionId, pauseSession, resumeSession, startSession } from '../sessions/sessions.ts';
import { reportPdf, type PdfPrinter } from '../sessions/report-pdf.ts';
import { exportSummary } from '../sessions/summary-export.ts';
import { callingReps, summarize, type SummaryScope } from '../sessions/summary.ts';
import { exportTeamSummary } from '../sessions/team-export.ts';
import { mergeSummaryFiles, teamFromFiles } from '../sessions/team-summary.ts';
import { queuePreview, queueSnapshot, whyNot } from '../queue/queue-view.ts';
import { listBackups } from '../store/backups.ts';
import { transaction } from '../store/database.ts';
import { listReasons, saveReasons } from '../calls/disposition-reasons.ts';
import { accountOf } from '../leads/accounts.ts';
import { editLead, leadEdits } from '../leads/edit-lead.ts';
import { searchLeads } from '../leads/lead-search.ts';
import { chooseWorkingList, workingListName, workingLists } from '../leads/working-list.ts';
import { MINUTE_MS } from '../../shared/time-units.ts';

/** A session, or a date range (a rep's, or everyone's). */
function summaryScope(input: { sessionId?: number | undefined; from?: string | undefined; to?: string | undefined; rep?: string | undefined; listName?: string | undefined; timeZone: string }): SummaryScope {
  if (!isTimeZone(input.timeZone)) throw new ApiError('invalid-input', `"${input.timeZone}" is not a time zone (write one like America/New_York).`);
  if (input.sessionId !== undefined) return { sessionId: input.sessionId, timeZone: input.timeZone };
  if (!input.from || !input.to) throw new ApiError('invalid-input', 'Give a session, or a range: from and to.');
  return { from: Date.parse(input.from), to: Date.parse(input.to), rep: input.rep ?? null, listName: input.listName ?? null, timeZone: input.timeZone };
}

/** How many leads "Load demo list" makes. */
export const DEMO_LIST_SIZE = 300;

const bytesOf = (base64: string) => Buffer.from(base64, 'base64');

/** What a shell adds to the core: the desktop app prints to PDF. */
export interface ShellEdges {
  printPdf?: PdfPrinter;
  /** Where a lead export streams: a file the team lead chose (desktop), a download (web host). */
  saveExport?: ExportSink;
}

/** The contract's methods, bound to the core. Each is a line or two: the work is in the domain. */
export function createHandlers(core: Core, edges: ShellEdges = {}): Handlers {
  const { db, clock, events } = core;
  const codes = () => activeDispositions(db).map((d) => d.code);
  const cap = () => core.prefs.read().queueRules.lifetimeAttemptCap;
  // A call that names no list works the console's chosen one (the preference), if it still exists.
  const context = (scope: { consoleId?: string | undefined; listName?: string | undefined }) =>
    queueContext(db, core.prefs, clock.now(), { ...scope, listName: scope.listName ?? workingListName(db, core.prefs) });
  // Picking claims the lead for the console: a write, so it is a transaction of its own.
  const snapshot = (scope: { consoleId?: string | undefined; listName?: string | undefined }) => transaction(db, () => queueSnapshot(db, context(scope)));

  const runImport = async (bytes: Uint8Array, options: Omit<ImportOptions, 'onProgress' | 'defaultCountry'> & { defaultCountry?: string | undefined }): Promise<ImportReport> => {
    const report = await importLeads(db, clock, bytes, {
      ...options,
      defaultCountry: options.defaultCountry ?? core.prefs.read().defaultCountry,
      lifetimeAttemptCap: cap(),
      onProgress: (progress) => events.emit('import.progress', { fileName: options.fileName, ...progress }),
    });
    if (!report.dryRun) events.emit('store.changed', { reason: 'import' });
    return report;
  };

  return {
    'leads.previewImport': ({ fileName, data, mapping, encoding }) => previewImport(bytesOf(data), fileName, mapping, encoding),
    'leads.import': ({ fileName, data, mapping, encoding, mappingName, listName, defaultCountry, dryRun }) =>
      runImport(bytesOf(data), {
        fileName,
        ...(encoding ? { encoding } : {}),
        mapping: { ...(mappingName ? getMapping(db, mappingName) : {}), ...mapping },
        ...(listName ? { listName } : {}),
        defaultCountry,
        dryRun,
      }),
    'leads.importActivities': async ({ fileName, data }) => {
      const report = await importActivities(db, bytesOf(data), fileName, core.prefs.read().defaultCountry, cap());
      events.emit('store.changed', { reason: 'import' });
      return report;
    },
    'leads.loadDemo': () => runImport(Buffer.from(demoLeadsCsv({ count: DEMO_LIST_SIZE, now: clock.now() })), { fileName: 'Demo list', listName: 'Demo list' }),
    'leads.export': ({ format, listName }) => exportLeadsThrough(leadExport(db, format, listName), edges.saveExport),
    'leads.get': ({ leadId }) => getLeadCard(db, leadId),
    'imports.list': () => listImports(db),
    'imports.undo': ({ batchId }) => {
      const report = undoImport(db, clock, batchId, cap());
      events.emit('store.changed', { reason: 'import' });
      return report;
    },
    'imports.rejectedRows': ({ batchId }) => rejectedRowsCsv(db, batchId),
    'lists.list': () => listCallLists(db),
    'lists.save': (list) => saveCallList(db, clock, list),
    'mappings.list': () => listMappings(db),
    'mappings.save': ({ name, mapping }) => saveMapping(db, clock, name, mapping),
    'queue.next': (scope) => snapshot(scope),
    'queue.preview': ({ listName, limit }) => queuePreview(db, context({ listName }), limit),
    'queue.whyNot': ({ leadId, listName }) => whyNot(db, leadId, context({ listName })),
    'queue.skip': ({ leadId, ...scope }) =>
      transaction(db, () => {
        const ctx = context(scope);
        holdLead(db, leadId, ctx.now + ctx.rules.skipMinutes * MINUTE_MS, ctx.now);
        closeDials(db, leadId, ctx.now);
        return queueSnapshot(db, context(scope));
      }),
    'queue.snooze': ({ leadId, until, ...scope }) =>
      transaction(db, () => {
        holdLead(db, leadId, Date.parse(until), clock.now());
        closeDials(db, leadId, clock.now());
        return queueSnapshot(db, context(scope));
      }),
    'queue.release': ({ consoleId }) => {
      releaseClaims(db, consoleId);
      return { released: true };
    },
    'calls.disposition': ({ consoleId, listName, ...input }) => {
      // The call and the next lead's claim commit together: one write to disk, not two.
      const result = transaction(db, () => {
        const sessionId = consoleId ? openSessionId(db, consoleId) : null;
        const call = logDisposition(db, clock, activeDispositions(db), { ...input, sessionId }, {
          rules: context({ listName }).rules,
          callableCap: cap(),
          script: activeScript(db),
          rep: core.prefs.read().repName || null,
        });
        return { call, queue: queueSnapshot(db, context({ consoleId, listName })) };
      });
      events.emit('store.changed', { reason: 'disposition' });
      return result;
    },
    'sessions.start': ({ consoleId, listName }) => startSession(db, consoleId, core.prefs.read().repName || null, listName ?? workingListName(db, core.prefs) ?? null, clock.now()),
    'sessions.pause': ({ consoleId }) => pauseSession(db, consoleId, clock.now()),
    'sessions.resume': ({ consoleId }) => resumeSession(db, consoleId, clock.now()),
    'sessions.end': ({ consoleId }) => endSession(db, consoleId, clock.now()),
    'sessions.summary': (input) => summarize(db, summaryScope(input), clock.now()),
    'sessions.export': async ({ format, ...input }) => {
      const scope = summaryScope(input);
      if (format !== 'pdf') return exportSummary(db, scope, format, clock.now());
      return [await reportPdf(() => exportSummary(db, scope, 'html', clock.now())[0]!, edges.printPdf)];
    },
    'team.merge': ({ files }) => mergeSummaryFiles(files),
    'team.export': ({ files, format }) => {
      const team = teamFromFiles(files);
      return format === 'pdf' ? reportPdf(() => exportTeamSummary(team, 'html'), edges.printPdf) : exportTeamSummary(team, format);
    },
    'app.capabilities': () => ({ pdf: edges.printPdf !== undefined }),
    'sessions.reps': () => callingReps(db),
    'sessions.current': ({ consoleId }) => {
      const id = openSessionId(db, consoleId);
      return id === null ? null : getSession(db, id, clock.now());
    },
    'calls.dial': ({ leadId, number, consoleId, listName }) => recordDial(db, leadId, number, clock.now(), context({ listName }).rules, consoleId ?? null),
    'calls.saveDraft': ({ leadId, notes }) => {
      saveNoteDraft(db, leadId, notes, clock.now());
      return { saved: true };
    },
    'calls.undo': ({ callId, consoleId }) => {
      const { leadId } = undoDisposition(db, clock, callId, cap());
      events.emit('store.changed', { reason: 'disposition' });
      // The lead comes back to the console that undid it, with its call running again if it was dialled.
      return transaction(db, () => {
        const ctx = context({ consoleId });
        if (consoleId) claimLead(db, leadId, consoleId, ctx.now);
        const view = queueSnapshot(db, { ...ctx, consoleId: null });
        const openDial = consoleId ? runningDial(db, leadId, consoleId, ctx.now) : null;
        const facts = loadLeadFacts(db, leadId, ctx.now);
        const number = openDial?.number ?? (facts ? (dialableNumbers(facts, ctx.rules, ctx.now)[0] ?? '') : '');
        return { ...view, next: { card: getLeadCard(db, leadId), tier: 'callback', reasons: ['Disposition undone: back to you'], number, openDial } };
      });
    },
    'handoffs.list': ({ limit }) => listHandoffs(db, limit),
    'handoffs.export': ({ format }) => exportHandoffs(db, format),
    'scripts.active': () => activeScript(db),
    'scripts.list': () => listScripts(db),
    'scripts.validate': ({ fileName, text }) => ({ valid: true, name: validateScript(text, fileName, codes()).name }),
    'scripts.import': ({ fileName, text, activate }) => importScript(db, text, fileName, codes(), clock.now(), activate),
    'scripts.activate': ({ id, version }) => {
      activateScript(db, id, version);
      return listScripts(db);
    },
    'scripts.export': ({ id, version }) => scriptDocument(db, id, version),
    'dispositions.save': (disposition) => saveDisposition(db, disposition),
    'dispositions.retire': ({ code }) => retireDisposition(db, code, clock.now()),
    'dispositions.import': ({ fileName, text }) => importDispositions(db, text, fileName, clock.now()),
    'calls.recent': ({ limit }) => recentCalls(db, limit),
    'dispositions.list': () => listDispositions(db),
    'prefs.get': () => core.prefs.read(),
    'prefs.set': (patch) => {
      const before = cap();
      const prefs = core.prefs.update(patch);
      // The cap lives in each lead's `callable`: leads at or past either cap get it again.
      const after = prefs.queueRules.lifetimeAttemptCap;
      if (after !== before) {
        transaction(db, () => {
          const ids = db.prepare('SELECT id FROM leads WHERE attempts >= ?').all(Math.min(before, after)) as { id: number }[];
          for (const { id } of ids) refreshQueueColumns(db, id, after);
        });
      }
      return prefs;
    },
    'queue.callingWindows': ({ leadId, listName }) => leadCallingWindows(db, context({ listName }).rules, leadId, clock.now()),
    'callbacks.upcoming': () => upcomingCallbacks(db, clock.now()),
    'queue.heartbeat': ({ consoleId, leadId, listName }) => {
      // The list is checked before the lease is renewed: a refused beat writes nothing.
      const { rules } = context({ listName });
      return { held: renewClaim(db, leadId, consoleId, clock.now()), leaseSeconds: rules.claimLeaseSeconds };
    },
    // Context the rep needs (issue 11).
    'leads.search': ({ query, limit }) => searchLeads(db, query, { limit, defaultCountry: core.prefs.read().defaultCountry }),
    'leads.edit': (input) => {
      const card = editLead(db, input, { clock, rep: core.prefs.read().repName || null, defaultCountry: core.prefs.read().defaultCountry, lifetimeAttemptCap: cap() });
      events.emit('store.changed', { reason: 'edit' });
      return card;
    },
    'leads.edits': ({ leadId }) => leadEdits(db, leadId),
    'leads.account': ({ leadId }) => accountOf(db, leadId),
    'lists.working': () => workingLists(db, core.prefs, clock.now()),
    'lists.work': ({ listName }) => chooseWorkingList(db, core.prefs, listName, clock.now()),
    'reasons.list': () => listReasons(db),
    'reasons.save': ({ code, reasons }) => saveReasons(db, code, reasons),
    'store.backups': () => listBackups(core.dataDir),
    'store.backup': () => backUpCore(core, 'manual'),
    'store.restore': async ({ fileName }) => {
      const report = await restoreCore(core, fileName);
      events.emit('store.changed', { reason: 'restore' });
      return report;
    },
  };
}
