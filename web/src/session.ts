import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { flushSync } from 'react-dom';
import { useNavigate } from 'react-router';
import { api, type Role, type Session, type SignInResult, type TenantInfo } from './api';

export const tenantKey = ['tenant'] as const;
export const sessionKey = ['session'] as const;

export function useTenant() {
  return useQuery({
    queryKey: tenantKey,
    queryFn: () => api.get<TenantInfo>('/api/tenant'),
    staleTime: 5 * 60_000,
  });
}

export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: () => api.get<Session>('/api/session'), staleTime: 60_000 });
}

const procurementRoles: Role[] = ['procurement_officer', 'commitment_officer', 'treasurer'];

/** The console a user lands on after signing in. */
export function homeForRoles(roles: readonly Role[]): string {
  if (roles.includes('program_admin') || roles.includes('platform_admin')) return '/admin';
  if (roles.includes('seller')) return '/penjual';
  if (roles.includes('courier')) return '/kurir';
  if (roles.includes('cs_agent')) return '/cs';
  // Paying sellers and couriers is the treasurer's daily desk until procurement lands.
  if (roles.includes('treasurer')) return '/admin/pencairan';
  if (roles.some((role) => procurementRoles.includes(role))) return '/pengadaan';
  return '/';
}

/** Only follow same-site paths from ?next=, never "//evil.example" or URLs. */
export function safeNext(next: string | null): string | null {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : null;
}

/** Drop everything user-specific, then re-read who is signed in. */
function refreshAfterAuthChange(queryClient: QueryClient, session: Session) {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'tenant' && q.queryKey[0] !== 'session' });
  queryClient.setQueryData(sessionKey, session);
  void queryClient.invalidateQueries({ queryKey: sessionKey });
  void queryClient.invalidateQueries({ queryKey: tenantKey });
}

/**
 * After a successful sign-in: update the session and go to `next`, or the
 * user's console when `byRole` is set (staff), or the storefront (buyers).
 */
export function useSignedIn() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return (result: SignInResult, options: { next: string | null; byRole: boolean }) => {
    refreshAfterAuthChange(queryClient, result);
    const target = safeNext(options.next) ?? (options.byRole ? homeForRoles(result.roles) : '/');
    void navigate(target, { replace: true });
  };
}

export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => api.post<void>('/api/auth/sign-out'),
    onSuccess: () => {
      // Leave the page first: a console that saw the session turn empty would
      // otherwise redirect to its sign-in page before we get to "/".
      flushSync(() => void navigate('/'));
      refreshAfterAuthChange(queryClient, { user: null, roles: [] });
    },
  });
}
