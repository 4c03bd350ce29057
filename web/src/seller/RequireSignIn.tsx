import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Role } from '../api';
import { useSession } from '../session';
import { ErrorState, Loading, NoAccess } from '../ui';

/**
 * Shows `children` to a signed-in user (holding one of `roles`, when given); sends anyone
 * else to sign in and come back. Staff sign in with a password, everyone else by code.
 */
export function RequireSignIn({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const location = useLocation();
  const session = useSession();
  if (session.isPending) return <Loading />;
  if (session.error) return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  if (!session.data.user) {
    const signIn = roles ? '/masuk/staf' : '/masuk';
    return <Navigate to={`${signIn}?next=${encodeURIComponent(location.pathname)}`} replace />;
  }
  if (roles && !session.data.roles.some((role) => roles.includes(role) || role === 'platform_admin')) return <NoAccess />;
  return children;
}
