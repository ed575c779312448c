import type { Role } from '../../../../shared/people.ts';
import { useApp } from '../../store/store-context.tsx';

export const ROLE_NAMES: Record<Role, string> = { rep: 'Rep', 'team-lead': 'Team lead', admin: 'Admin' };

/** On the team server: who is signed in at this console, and the way out. Nothing for a rep alone. */
export function SignedInPerson() {
  const person = useApp((s) => s.signInState?.person ?? null);
  const signOut = useApp((s) => s.signOut);
  if (!person) return null;
  return (
    <span className="signed-in" data-testid="signed-in">
      <span className="signed-in-name">{person.name}</span>
      <span className="signed-in-role">{ROLE_NAMES[person.role]}</span>
      {/* A fresh page after signing out: nothing the last person saw stays in this tab's memory. */}
      <button type="button" className="secondary" onClick={() => void signOut().then((out) => out && window.location.reload())}>
        Sign out
      </button>
    </span>
  );
}
