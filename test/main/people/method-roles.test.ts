import { describe, expect, it } from 'vitest';
import { checkAccess } from '../../../main/people/method-roles.ts';
import { METHOD_ROLES } from '../../../shared/method-roles.ts';
import type { ApiError } from '../../../shared/api-error.ts';
import { methodNames } from '../../../shared/api.ts';
import type { Person } from '../../../shared/people.ts';

const rep: Person = { id: 1, name: 'jordan', role: 'rep' };
const lead: Person = { id: 2, name: 'sam', role: 'team-lead' };
const admin: Person = { id: 3, name: 'alex', role: 'admin' };

function refusal(method: (typeof methodNames)[number], person: Person | null): ApiError | null {
  try {
    checkAccess(method, person);
    return null;
  } catch (error) {
    return error as ApiError;
  }
}

describe('who may call which method', () => {
  it('names a role (or anyone) for every method of the contract', () => {
    expect(Object.keys(METHOD_ROLES).sort()).toEqual([...methodNames].sort());
  });

  it('keeps importing, editing dispositions, scripts, lists and rules, and everyone’s figures from a rep', () => {
    for (const method of ['leads.import', 'dispositions.save', 'dispositions.retire', 'scripts.import', 'scripts.activate', 'prefs.set', 'lists.save', 'sessions.team', 'sessions.teamExport', 'team.merge', 'leads.export'] as const) {
      expect(METHOD_ROLES[method], method).toBe('team-lead');
    }
  });

  const leadOnly = methodNames.filter((method) => METHOD_ROLES[method] === 'team-lead' || METHOD_ROLES[method] === 'admin');
  for (const method of leadOnly) {
    it(`refuses ${method} to a rep, saying who may`, () => {
      const error = refusal(method, rep);
      expect(error?.code).toBe('forbidden');
      expect(error?.message).toMatch(/^Only (a team lead or above|an admin) may do this/);
      expect(error?.message).toContain('you are signed in as a rep');
    });
  }

  it('lets a team lead do what a rep does and what a team lead does, and only an admin back up and restore', () => {
    for (const method of methodNames) {
      const access = METHOD_ROLES[method];
      expect(refusal(method, lead) === null, method).toBe(access !== 'admin');
      expect(refusal(method, admin), method).toBeNull();
      if (access === 'rep' || access === 'anyone') expect(refusal(method, rep), method).toBeNull();
    }
  });

  it('asks a caller who is not signed in to sign in, for everything but signing in', () => {
    for (const method of methodNames) {
      const error = refusal(method, null);
      if (METHOD_ROLES[method] === 'anyone') expect(error, method).toBeNull();
      else expect(error?.code, method).toBe('unauthorized');
    }
    // teamServer.* are a console's own main process's; the team server refuses them (team-methods.ts) after this check.
    expect(methodNames.filter((method) => METHOD_ROLES[method] === 'anyone').sort()).toEqual(['people.me', 'people.signIn', 'people.signOut', 'teamServer.join', 'teamServer.leave', 'teamServer.status', 'teamServer.uploadStore']);
  });
});
