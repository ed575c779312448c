import { useEffect, useState } from 'react';
import type { TeamMembership } from '../../../../shared/api/team-server.ts';
import { checkTeamAddress } from '../../../../shared/team-address.ts';
import { messageOf } from '../../store/error-message.ts';
import { signInNotKept } from '../../store/team-membership-slice.ts';
import { useApi, useApp } from '../../store/store-context.tsx';
import type { ApiClient } from '../../api/client.ts';
import { hasOwnMain } from '../../api/connect.ts';
import { StoreUploadPart } from './store-upload.tsx';

/** This console's team server, as its own main process keeps it (team-membership-slice.ts); null while asking. */
export function useTeamMembership(): TeamMembership | null {
  const membership = useApp((s) => s.teamMembership);
  const load = useApp((s) => s.loadTeamMembership);
  useEffect(() => {
    if (hasOwnMain()) void load();
  }, [load]);
  return membership;
}

/**
 * Back to this computer's own store: the team session is ended first (best effort: an
 * unreachable server must not keep a rep from working alone), then the page starts afresh, so
 * nothing of the team's list stays in this tab.
 */
async function workAlone(call: ApiClient['call']): Promise<void> {
  await call('people.signOut', {}).catch(() => undefined);
  await call('teamServer.leave', {});
  window.location.reload();
}

export function WorkAloneButton() {
  const call = useApi();
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <>
      <button type="button" className="secondary" onClick={() => void workAlone(call).catch((e: unknown) => setProblem(messageOf(e)))}>
        Work alone
      </button>
      <Problem sentence={problem} />
    </>
  );
}

/**
 * Under the sign-in screen, or under the sentence saying the team server cannot be reached: the
 * server this console joined, and the way back to its own store. Nothing when working alone.
 */
export function JoinedServerLine() {
  const joined = useTeamMembership()?.address ?? null;
  if (!joined) return null;
  return (
    <p className="sign-in-help" data-testid="team-joined">
      Team server: {joined}. <WorkAloneButton />
    </p>
  );
}

/**
 * Settings → Team: the team server this console works through, or working alone on this
 * computer's store. Joining saves the address (never a password) and starts the page afresh: the
 * team server's sign-in screen comes first, then its list. Enter in the address joins.
 */
export function TeamSection() {
  const call = useApi();
  const membership = useTeamMembership();
  const person = useApp((s) => s.signInState?.person ?? null);
  const signOut = useApp((s) => s.signOut);
  const notKept = useApp(signInNotKept);
  const [address, setAddress] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const join = async () => {
    const check = checkTeamAddress(address);
    if (!check.ok) return setProblem(check.message);
    try {
      await call('teamServer.join', { address: check.address });
      window.location.reload();
    } catch (e) {
      setProblem(messageOf(e));
    }
  };

  // The team server's own page: nothing to join from here.
  if (!membership) return null;
  return (
    <fieldset className="team-membership" aria-label="Team">
      <legend>Team</legend>
      {membership.address ? (
        <>
          <p data-testid="team-joined">
            Joined to <strong>{membership.address}</strong>: leads, calls and scripts are the team’s.
          </p>
          {person && (
            <p>
              Signed in as <strong>{person.name}</strong>{' '}
              <button type="button" className="secondary" onClick={() => void signOut().then((out) => out && window.location.reload())}>
                Sign out
              </button>
            </p>
          )}
          {notKept && <p data-testid="sign-in-not-kept">{notKept}</p>}
          <WorkAloneButton />
          {/* The page has its own main (hasOwnMain), which keeps a store of this computer's to send. */}
          {person && <StoreUploadPart signedIn={person.name} />}
        </>
      ) : (
        <>
          <p data-testid="team-alone">Working alone: leads and calls stay in this computer’s store.</p>
          <label>
            Team server address{' '}
            <input
              type="url"
              placeholder="https://team.example.com"
              spellCheck={false}
              maxLength={2048}
              value={address}
              aria-invalid={problem !== null}
              onChange={(e) => {
                setAddress(e.target.value);
                setProblem(null);
              }}
              onKeyDown={(e) => {
                // Settings is a form of its own: Enter here joins the team, not saves the settings.
                if (e.key !== 'Enter') return;
                e.preventDefault();
                void join();
              }}
            />
          </label>
          <button type="button" onClick={() => void join()}>
            Join the team
          </button>
          <Problem sentence={problem} />
        </>
      )}
    </fieldset>
  );
}

function Problem({ sentence }: { sentence: string | null }) {
  return sentence ? (
    <p className="form-error" role="alert">
      {sentence}
    </p>
  ) : null;
}
