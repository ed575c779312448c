import { useEffect, type ReactNode } from 'react';
import { useApp } from '../../store/store-context.tsx';
import { SignInScreen } from './sign-in-screen.tsx';

/**
 * The console once the host says who may use it: at once for a rep alone, after signing in on
 * the team server. Nothing below asks main for anything before then.
 */
export function SignInGate({ children }: { children: ReactNode }) {
  const state = useApp((s) => s.signInState);
  const problem = useApp((s) => s.connectProblem);
  const checkSignIn = useApp((s) => s.checkSignIn);
  useEffect(() => void checkSignIn(), [checkSignIn]);

  if (problem) return <p className="fatal">{problem}</p>;
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
