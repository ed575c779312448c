import type { MethodName } from '../../shared/api.ts';
import type { Person, Role } from '../../shared/people.ts';
import { ApiError } from '../../shared/api-error.ts';
import { hasRole, METHOD_ROLES } from '../../shared/method-roles.ts';

const ROLE_WORDS: Record<Role, string> = { rep: 'a rep', 'team-lead': 'a team lead', admin: 'an admin' };

/** Refuses the call unless the person may make it; says who may. */
export function checkAccess(method: MethodName, person: Person | null): void {
  const access = METHOD_ROLES[method];
  if (access === 'anyone') return;
  if (!person) throw new ApiError('unauthorized', 'Sign in first: your session has ended or you have not signed in.');
  if (!hasRole(person, access)) {
    throw new ApiError('forbidden', `Only ${ROLE_WORDS[access]}${access === 'admin' ? '' : ' or above'} may do this (${method}); you are signed in as ${ROLE_WORDS[person.role]}.`);
  }
}
