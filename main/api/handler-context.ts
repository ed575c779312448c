import type { Handlers, MethodName } from '../../shared/api.ts';
import type { Core } from '../core.ts';
import type { ExportSink } from '../leads/export-leads.ts';
import { workingListName } from '../leads/working-list.ts';
import type { QueueContext } from '../queue/next-lead.ts';
import { queueContext } from '../queue/queue-scope.ts';
import { queueSnapshot } from '../queue/queue-view.ts';
import { repOnRecord, type RepOnRecord } from '../people/caller.ts';
import type { SecretBox } from '../phone/secret-box.ts';
import type { UploadReport } from '../../shared/store-upload.ts';
import type { SignInKept } from '../../shared/api/team-server.ts';
import type { PdfPrinter } from '../sessions/report-pdf.ts';
import type { Queryable } from '../store/seam/store.ts';

/** What a shell adds to the core: the desktop app prints to PDF, the team server takes a rep's store. */
export interface ShellEdges {
  printPdf?: PdfPrinter;
  /** Where a lead export streams: a file the team lead chose (desktop), a download (web host). */
  saveExport?: ExportSink;
  /** Where the phone password's digest is sealed: the OS keychain in the desktop app (a key file otherwise). */
  secrets?: SecretBox;
  /** A rep's store, sent as bytes, uploaded into the team (the team server's: main/team/sent-store.ts). */
  /** Whether a sign-in to a team outlives a restart here (the desktop app's keychain, kept-session.ts); else 'memory'. */
  signInKept?: () => SignInKept;
  uploadStore?: (bytes: Uint8Array, options: { as?: string | undefined; dryRun: boolean; onProgress?: (done: number, total: number) => void }) => Promise<UploadReport>;
}

/** A namespace's share of the contract: `HandlersOf<'leads'>` is every `leads.*` handler. */
export type HandlersOf<Namespace extends string> = Pick<Handlers, Extract<MethodName, `${Namespace}.${string}`>>;

type QueueScope = { consoleId?: string | undefined; listName?: string | undefined; reconsider?: boolean | undefined };

/** The core and the shell's edges, with the few bindings several domains' handlers share. */
export interface HandlerContext {
  core: Core;
  edges: ShellEdges;
  /** Who the call is recorded against: the signed-in person on the team server, the preferences' rep name alone. */
  rep(): RepOnRecord | null;
  /** The lifetime attempt cap (a preference), which the queue columns are written against. */
  cap(): number;
  /**
   * The queue as a console sees it now; a call that names no list works the console's chosen one.
   * Read through `q` (a transaction's handle, or the store).
   */
  queueContext(scope: QueueScope, q?: Queryable): Promise<QueueContext>;
  /** The next lead, claimed for the console: a write, so a transaction of its own. */
  snapshot(scope: QueueScope): ReturnType<typeof queueSnapshot>;
}

export function handlerContext(core: Core, edges: ShellEdges): HandlerContext {
  const { store, clock } = core;
  const rep = () => repOnRecord(() => core.prefs.read().repName);
  const context = async (scope: QueueScope, q: Queryable = store) =>
    queueContext(q, core.prefs, clock.now(), { ...scope, listName: scope.listName ?? (await workingListName(q, core.prefs, rep()?.id ?? null)), rep: rep()?.name ?? null });
  return {
    core,
    edges,
    rep,
    cap: () => core.prefs.read().queueRules.lifetimeAttemptCap,
    queueContext: context,
    // Read committed on PostgreSQL: the claim skips leads other consoles are taking (lead-leases.ts).
    snapshot: (scope) => store.transaction(async (tx) => queueSnapshot(tx, { ...(await context(scope, tx)), reconsider: scope.reconsider === true }), { isolation: 'read committed' }),
  };
}
