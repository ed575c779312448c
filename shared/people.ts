/**
 * People of a team (the team server): who is signed in, and with which role. A rep works the
 * lists; a team lead also imports, edits dispositions, scripts and rules, and reads everyone's
 * figures; an admin also manages accounts.
 */
export type Role = 'rep' | 'team-lead' | 'admin';
export const ROLES: readonly Role[] = ['rep', 'team-lead', 'admin'];

/** The signed-in person as the console shows them. */
export interface Person {
  id: number;
  name: string;
  role: Role;
}

/** What the console asks first: must it show the sign-in screen, and who is signed in. */
export interface SignInState {
  /** True on the team server; a rep alone (desktop app, solo web host) never signs in. */
  signInRequired: boolean;
  person: Person | null;
}
