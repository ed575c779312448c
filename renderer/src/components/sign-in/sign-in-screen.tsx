import { useState } from 'react';
import { useApp } from '../../store/store-context.tsx';
import { JoinedServerLine } from './team-membership.tsx';

/**
 * The team server's front door: name, password, Enter. The name field has the focus on arrival,
 * Tab goes to the password, Enter signs in; a refusal (wrong password, too many attempts) is a
 * sentence under the fields, and the password is cleared for the next try while the name stays.
 */
export function SignInScreen() {
  const signIn = useApp((s) => s.signIn);
  const problem = useApp((s) => s.signInProblem);
  const signingIn = useApp((s) => s.signingIn);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');

  return (
    <main className="sign-in">
      <form
        className="sign-in-card"
        aria-label="Sign in"
        onSubmit={(event) => {
          event.preventDefault();
          void signIn(name, password).then((ok) => {
            if (!ok) setPassword('');
          });
        }}
      >
        <h1>Nextcall</h1>
        <p className="sign-in-lead">Sign in to work your team’s call list.</p>
        <label htmlFor="sign-in-name">Account name</label>
        {/* The first thing a rep does here is type their name. */}
        <input id="sign-in-name" type="text" autoFocus autoComplete="username" spellCheck={false} maxLength={128} value={name} onChange={(event) => setName(event.target.value)} />
        <label htmlFor="sign-in-password">Password</label>
        <input id="sign-in-password" type="password" autoComplete="current-password" maxLength={256} value={password} onChange={(event) => setPassword(event.target.value)} />
        {problem && (
          <p className="form-error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" disabled={signingIn}>
          {signingIn ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="sign-in-help">Forgot your password? Your team’s admin sets a new one.</p>
        {/* A desktop console (or solo web host) joined to a team: which one, and the way back. */}
        <JoinedServerLine />
      </form>
    </main>
  );
}
