import type { Handlers } from '../../shared/api.ts';
import { READ_METHODS, type ReadMethod } from '../../shared/method-kinds.ts';
import type { Core } from '../core.ts';
import { handlerContext, type ShellEdges } from './handler-context.ts';
import { backupsHandlers } from './handlers/backups.ts';
import { callsHandlers } from './handlers/calls.ts';
import { dispositionsHandlers } from './handlers/dispositions.ts';
import { greetingsHandlers } from './handlers/greetings.ts';
import { importsHandlers } from './handlers/imports.ts';
import { leadsHandlers } from './handlers/leads.ts';
import { listsHandlers } from './handlers/lists.ts';
import { peopleHandlers } from './handlers/people.ts';
import { phoneHandlers } from './handlers/phone.ts';
import { prefsHandlers } from './handlers/prefs.ts';
import { queueHandlers } from './handlers/queue.ts';
import { scriptsHandlers } from './handlers/scripts.ts';
import { sessionsHandlers } from './handlers/sessions.ts';
import { teamHandlers } from './handlers/team.ts';
import { teamServerHandlers } from './handlers/team-server.ts';
import { announceFloorChanges, floorHandlers } from './handlers/floor.ts';

export type { ShellEdges } from './handler-context.ts';

/**
 * The contract's methods, bound to the core: one line per domain, each module in handlers/
 * returning its namespace's part (`HandlersOf<'leads'>`). Each handler is a line or two; the
 * work is in the domain's folder. A missing method fails the typecheck here; a name two parts
 * both define fails test/main/api/handlers.test.ts.
 */
export function createHandlers(core: Core, edges: ShellEdges = {}): Handlers {
  const context = handlerContext(core, edges);
  return announceFloorChanges(core.events, {
    ...leadsHandlers(context),
    ...importsHandlers(context),
    ...listsHandlers(context),
    ...queueHandlers(context),
    ...callsHandlers(context),
    ...dispositionsHandlers(context),
    ...scriptsHandlers(context),
    ...sessionsHandlers(context),
    ...teamHandlers(context),
    ...prefsHandlers(context),
    ...backupsHandlers(context),
    ...phoneHandlers(context),
    ...floorHandlers(context),
    ...peopleHandlers(context),
    ...greetingsHandlers(context),
    ...teamServerHandlers(context),
  } satisfies Handlers);
}

/** The handlers of the methods that only read the store (shared/method-kinds.ts). */
export type Readers = Pick<Handlers, ReadMethod>;

/**
 * The read handlers again, the same code over the core's read-only connection (core.readOnly()):
 * they read the store as last committed, not an import's open transaction on the core's own
 * connection. The dispatcher answers reads with them while an import holds the line.
 */
export function createReaders(core: Core, edges: ShellEdges = {}): Readers {
  const handlers = createHandlers({ ...core, ...core.readOnly() }, edges);
  return Object.fromEntries(READ_METHODS.map((method) => [method, handlers[method]])) as Readers;
}
