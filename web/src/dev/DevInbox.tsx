import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { api, type InboxMessage, isApiError } from '../api';
import { formatDateTime, formatPhone, useLang, useT } from '../i18n';
import { useTenant } from '../session';
import { ErrorState, Loading } from '../ui';

/**
 * Demo mode only: what the simulated messaging channel "sent", so a demo
 * user can read their sign-in code without a real phone.
 */
export default function DevInbox() {
  const t = useT();
  const { lang } = useLang();
  const timeZone = useTenant().data?.tenant.timeZone;
  const inbox = useQuery({
    queryKey: ['dev', 'inbox'],
    queryFn: () => api.get<{ messages: InboxMessage[] }>('/api/dev/inbox'),
    // Poll, but stop once the server says this is not a demo install.
    refetchInterval: (query) => (isApiError(query.state.error, 404) ? false : 2000),
  });

  let body: ReactNode;
  if (inbox.isPending) body = <Loading />;
  else if (isApiError(inbox.error, 404)) body = <p className="notice">{t('inbox.notDemo')}</p>;
  else if (inbox.error && !inbox.data) body = <ErrorState error={inbox.error} onRetry={() => void inbox.refetch()} />;
  else {
    // Newest first, whatever order the server used.
    const messages = [...(inbox.data?.messages ?? [])].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
    body =
      messages.length === 0 ? (
        <p className="muted">{t('inbox.empty')}</p>
      ) : (
        <ol className="cards inbox" aria-live="polite">
          {messages.map((message) => (
            <li key={message.id} className="card">
              <p className="inbox-meta">
                <span className="phone">{t('inbox.to', { phone: formatPhone(message.phone) })}</span>
                <time dateTime={message.createdAt}>{formatDateTime(message.createdAt, lang, timeZone)}</time>
              </p>
              <p className="inbox-body">{message.body}</p>
            </li>
          ))}
        </ol>
      );
  }

  return (
    <section className="page narrow">
      <h1>{t('inbox.title')}</h1>
      <p>{t('inbox.intro')}</p>
      <p>
        <Link to="/dev/whatsapp">{t('simulator.link')}</Link>
      </p>
      {body}
      <p>
        <Link to="/masuk">{t('inbox.back')}</Link>
      </p>
    </section>
  );
}
