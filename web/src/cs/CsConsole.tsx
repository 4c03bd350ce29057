import { Navigate, NavLink, Route, Routes } from 'react-router';
import { useT } from '../i18n';
import { RequireSignIn } from '../seller/RequireSignIn';
import { NotFound } from '../ui';
import { OrderPage } from './OrderPage';
import { OrdersPage } from './OrdersPage';
import { PaymentsPage } from './PaymentsPage';
import { RefundsPage } from './RefundsPage';

/**
 * Customer service desk: transfers to check, refunds to pay, and every order with the steps CS
 * takes for traders without the app. Treasurers check money here too. The WhatsApp inbox follows.
 */
export default function CsConsole() {
  const t = useT();
  return (
    <RequireSignIn roles={['cs_agent', 'program_admin', 'treasurer']}>
      <div className="page">
        <p className="eyebrow">{t('cs.title')}</p>
        <nav className="subnav" aria-label={t('cs.title')}>
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
          <Route path="*" element={<NotFound />} />
        </Routes>
      </div>
    </RequireSignIn>
  );
}
