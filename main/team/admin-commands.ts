import type { Role } from '../../shared/people.ts';
import type { Clock } from '../clock.ts';
import { createAccount, createFirstAdmin, resetPassword, type Account } from '../people/accounts.ts';
import { UsageError } from '../runtime-options.ts';
import { migratePostgres } from '../store/postgres-migrations.ts';
import { openPostgresStore } from '../store/seam/postgres-store.ts';
import type { Store } from '../store/seam/store.ts';

/** The roles as the command line spells them (`--role lead`). */
const ROLE_FLAGS: Record<string, Role> = { rep: 'rep', lead: 'team-lead', 'team-lead': 'team-lead', admin: 'admin' };

export function roleFromFlag(value: string | undefined): Role {
  const role = ROLE_FLAGS[value ?? ''];
  if (!role) throw new UsageError(`--role is rep, lead or admin${value === undefined ? '' : `, not "${value}"`}.`);
  return role;
}

export type AdminCommand = 'create-admin' | 'add-person' | 'reset-password';
export const ADMIN_COMMANDS: readonly AdminCommand[] = ['create-admin', 'add-person', 'reset-password'];

export interface AdminRequest {
  command: AdminCommand;
  database: string;
  name: string | undefined;
  role?: string | undefined;
  clock: Clock;
  /** Asked only once the other flags are known to be right. */
  password: () => Promise<string>;
}

/**
 * The accounts a team starts with, made on the server's own machine through the core's
 * functions (main/people/accounts.ts): the first admin (there is nobody yet to sign in as), more
 * people, a forgotten password. Returns the sentence to print.
 */
export async function runAdminCommand(request: AdminRequest): Promise<string> {
  const { command, name, clock } = request;
  if (!name) throw new UsageError('--name is required: the account name the person signs in with.');
  const role = command === 'add-person' ? roleFromFlag(request.role) : null;
  const store = await openPostgresStore({ connectionString: request.database, max: 2 });
  try {
    await migratePostgres(store);
    const password = await request.password();
    return describe(command, await run(store, command, clock.now(), { name, role, password }));
  } finally {
    await store.close();
  }
}

function run(store: Store, command: AdminCommand, now: number, { name, role, password }: { name: string; role: Role | null; password: string }): Promise<Account> {
  switch (command) {
    case 'create-admin':
      return createFirstAdmin(store, now, { name, password });
    case 'add-person':
      return createAccount(store, now, { name, role: role!, password });
    case 'reset-password':
      return resetPassword(store, now, { name, password });
  }
}

function describe(command: AdminCommand, account: Account): string {
  const role = account.role === 'team-lead' ? 'team lead' : account.role;
  switch (command) {
    case 'create-admin':
      return `${account.name} is the team's admin: sign in with that name and password.`;
    case 'add-person':
      return `${account.name} can sign in now, as a ${role}.`;
    case 'reset-password':
      return `${account.name}'s password is changed, and they are signed out everywhere.`;
  }
}
