import { useQueries } from '@tanstack/react-query';
import { Navigate, NavLink, Route, Routes } from 'react-router';
import { useT } from '../i18n';
import { RequireSignIn } from '../seller/RequireSignIn';
import { useSession, useTenant } from '../session';
import { NotFound } from '../ui';
import { conversationsQuery } from './chat/api';
import { ChatPage } from './chat/ChatPage';
import { OrderPage } from './OrderPage';
import { OrdersPage } from './OrdersPage';
import { PaymentsPage } from './PaymentsPage';
import { RefundsPage } from './RefundsPage';

/** "Percakapan" with the unread messages of every program's chats (the same queries as the chat list). */
function ChatNavLink() {
  const t = useT();
  const programs = useTenant().data?.programs ?? [];
  const unread = useQueries({
    queries: programs.map((program) => conversationsQuery(program.id, 'all')),
    combine: (results) => results.reduce((sum, result) => sum + (result.data?.conversations.reduce((n, c) => n + c.unread, 0) ?? 0), 0),
  });
  return (
    <NavLink to="/cs/percakapan">
      {t('chat.nav')}
      {unread > 0 && (
        <span className="count" title={t('chat.navUnread', { count: unread })}>
          {unread}
        </span>
      )}
    </NavLink>
  );
}

/** Treasurers check money here too, but the WhatsApp chats are CS agents' and program admins'. */
const chatRoles = new Set(['cs_agent', 'program_admin', 'platform_admin']);

/**
 * Customer service desk: the WhatsApp chats, transfers to check, refunds to pay, and every order
 * with the steps CS takes for traders without the app.
 */
export default function CsConsole() {
  const t = useT();
  const chats = useSession().data?.roles.some((role) => chatRoles.has(role)) ?? false;
  return (
    <RequireSignIn roles={['cs_agent', 'program_admin', 'treasurer']}>
      <div className="page">
        <p className="eyebrow">{t('cs.title')}</p>
        <nav className="subnav" aria-label={t('cs.title')}>
          {chats && <ChatNavLink />}
          <NavLink to="/cs/pembayaran">{t('cs.nav.payments')}</NavLink>
          <NavLink to="/cs/pengembalian">{t('cs.nav.refunds')}</NavLink>
          <NavLink to="/cs/pesanan">{t('cs.nav.orders')}</NavLink>
        </nav>
        <Routes>
          <Route index element={<Navigate to="pembayaran" replace />} />
          <Route path="pembayaran" element={<PaymentsPage />} />
          <Route path="pengembalian" element={<RefundsPage />} />
          <Route path="pesanan" element={<OrdersPage />} />
          <Route path="pesanan/:orderId" element={<OrderPage />} />
          <Route path="percakapan/:conversationId?" element={<ChatPage />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </div>
    </RequireSignIn>
  );
}
