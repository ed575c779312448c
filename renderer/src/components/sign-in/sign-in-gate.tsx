import { useEffect, type ReactNode } from 'react';
import { useApp } from '../../store/store-context.tsx';
import { SignInScreen } from './sign-in-screen.tsx';
import { JoinedServerLine } from './team-membership.tsx';

/**
 * The console once the host says who may use it: at once for a rep alone, after signing in on
 * the team server. Nothing below asks main for anything before then.
 */
export function SignInGate({ children }: { children: ReactNode }) {
  const state = useApp((s) => s.signInState);
  const problem = useApp((s) => s.connectProblem);
  const checkSignIn = useApp((s) => s.checkSignIn);
  useEffect(() => void checkSignIn(), [checkSignIn]);

  if (problem) {
    // A joined team server that cannot be reached must not keep the rep from working alone.
    return (
      <>
        <p className="fatal">{problem}</p>
        <JoinedServerLine />
      </>
    );
  }
  if (!state) {
    return (
      <p className="loading" role="status">
        Connecting…
      </p>
    );
  }
  if (state.signInRequired && !state.person) return <SignInScreen />;
  return children;
}
