import type { TeamMembership } from '../../shared/api/team-server.ts';
import { checkTeamAddress } from '../../shared/team-address.ts';
import type { PreferenceStore } from '../preferences/preferences.ts';

/**
 * Which team server this console works through, kept in its preferences so it survives a
 * restart: the address only. The password is never kept; the session lives in main's memory
 * (team-relay.ts), and in the desktop app sealed by the keychain too (kept-session.ts). A hand-edited file holding a bad address reads as working alone.
 */
export interface Membership {
  read(): ChosenTeam;
  join(address: string): ChosenTeam;
  leave(): ChosenTeam;
}

/** The address only: how a sign-in is kept is the shell's door to say (joined-dispatch.ts). */
export type ChosenTeam = Pick<TeamMembership, 'address'>;

export function membership(prefs: PreferenceStore): Membership {
  const section = prefs.section('teamServer');
  const read = (): ChosenTeam => {
    const saved = section.read() as { address?: unknown } | undefined;
    const check = typeof saved?.address === 'string' ? checkTeamAddress(saved.address) : null;
    return { address: check?.ok ? check.address : null };
  };
  return {
    read,
    join(address) {
      // The contract's schema already refused a bad address; this is the one that is saved.
      const check = checkTeamAddress(address);
      if (!check.ok) throw new Error(check.message);
      section.write({ address: check.address });
      return read();
    },
    leave() {
      section.write({ address: null });
      return read();
    },
  };
}
