import { Navigate, useLocation } from 'react-router';
import type { Role } from './api';
import { useT } from './i18n';
import type { MessageKey } from './messages';
import { useSession } from './session';
import { ErrorState, Loading, NoAccess } from './ui';

/**
 * Placeholder for a staff console that is not built yet: checks the user
 * may be here, then says so. Real pages replace the paragraph.
 */
export function ConsoleShell({ title, roles }: { title: MessageKey; roles: Role[] }) {
  const t = useT();
  const location = useLocation();
  const session = useSession();

  if (session.isPending) return <Loading />;
  if (session.error) return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  const { user, roles: userRoles } = session.data;
  if (!user) return <Navigate to={`/masuk/staf?next=${encodeURIComponent(location.pathname)}`} replace />;
  // The platform operator may look at every console.
  if (!userRoles.some((role) => roles.includes(role) || role === 'platform_admin')) return <NoAccess />;

  return (
    <section className="page narrow">
      <h1>{t(title)}</h1>
      <p>{t('console.coming')}</p>
      <p className="muted">{t('console.signedInAs', { name: user.name })}</p>
    </section>
  );
}
