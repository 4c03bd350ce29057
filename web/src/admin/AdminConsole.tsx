import type { ReactNode } from 'react';
import { Navigate, NavLink, Route, Routes } from 'react-router';
import type { Role } from '../api';
import { useT } from '../i18n';
import type { MessageKey } from '../messages';
import { RequireSignIn } from '../seller/RequireSignIn';
import { useSession } from '../session';
import { NotFound } from '../ui';
import { CertificatesPage } from './CertificatesPage';
import { CouriersPage } from './CouriersPage';
import { DeliverySettingsPage } from './DeliverySettingsPage';
import { MarketsPage } from './MarketsPage';
import { PaymentSettingsPage } from './PaymentSettingsPage';
import { PayoutRunPage, PayoutsPage } from './PayoutsPage';
import { ReferencePricesPage } from './ReferencePricesPage';
import { ReportsPage } from './ReportsPage';
import { SellerReviewPage } from './SellerReviewPage';
import { SellersPage } from './SellersPage';
import { TraderRegistrationPage } from './TraderRegistrationPage';
import './admin.css';

const admins: Role[] = ['program_admin'];
// The treasurer pays sellers and may read how the program takes money.
const money: Role[] = ['program_admin', 'treasurer'];
// Customer service looks couriers up to assign jobs by hand, the treasurer hands out and settles
// their cash floats; only program admins register and change them.
const couriers: Role[] = ['program_admin', 'cs_agent', 'treasurer'];

// Platform operators pass too (RequireSignIn lets platform_admin into every console).
const only = (roles: Role[], page: ReactNode) => <RequireSignIn roles={roles}>{page}</RequireSignIn>;
const holds = (held: readonly Role[], roles: Role[]) => held.some((role) => roles.includes(role) || role === 'platform_admin');

const nav: { to: string; label: MessageKey; roles: Role[] }[] = [
  { to: '/admin', label: 'admin.markets', roles: admins },
  { to: '/admin/penjual', label: 'curation.nav', roles: admins },
  { to: '/admin/sertifikat', label: 'curation.certificatesNav', roles: admins },
  { to: '/admin/harga-acuan', label: 'catalog.referenceNav', roles: admins },
  { to: '/admin/pembayaran', label: 'paymentSettings.nav', roles: money },
  { to: '/admin/pencairan', label: 'payouts.nav', roles: money },
  { to: '/admin/pengantaran', label: 'deliverySettings.nav', roles: admins },
  { to: '/admin/kurir', label: 'couriers.nav', roles: couriers },
  { to: '/admin/laporan', label: 'reports.nav', roles: money },
];

/** A treasurer's /admin is the payouts page, customer service's the couriers: the markets are not theirs. */
function AdminHome() {
  const roles = useSession().data?.roles;
  if (roles && !holds(roles, admins) && holds(roles, money)) return <Navigate to="/admin/pencairan" replace />;
  if (roles && !holds(roles, admins) && holds(roles, couriers)) return <Navigate to="/admin/kurir" replace />;
  return <MarketsPage />;
}

/** Treasurers see the settings; saving is the program admin's (the server refuses anyone else). */
function PaymentSettings() {
  const roles = useSession().data?.roles ?? [];
  return <PaymentSettingsPage readOnly={!holds(roles, admins)} />;
}

/** Program admin console: markets, seller curation, certificates, payment settings, seller payouts, delivery, couriers and the sales report. */
export default function AdminConsole() {
  const t = useT();
  const roles = useSession().data?.roles;
  // Until the session is known every entry shows; then only the ones this user may open.
  const links = nav.filter((item) => !roles || holds(roles, item.roles));
  return (
    <div className="page">
      <p className="eyebrow">{t('admin.title')}</p>
      {links.length > 0 && (
        <nav className="subnav admin-nav" aria-label={t('admin.title')}>
          {links.map((item) => (
            <NavLink key={item.to} to={item.to} end={item.to === '/admin'}>
              {t(item.label)}
            </NavLink>
          ))}
        </nav>
      )}
      <Routes>
        <Route index element={<AdminHome />} />
        <Route path="penjual" element={only(admins, <SellersPage />)} />
        {/* Customer service registers traders too. */}
        <Route path="penjual/baru" element={only(['program_admin', 'cs_agent'], <TraderRegistrationPage />)} />
        <Route path="penjual/:sellerId" element={only(admins, <SellerReviewPage />)} />
        <Route path="sertifikat" element={only(admins, <CertificatesPage />)} />
        <Route path="harga-acuan" element={only(admins, <ReferencePricesPage />)} />
        <Route path="pembayaran" element={only(money, <PaymentSettings />)} />
        <Route path="pencairan" element={only(money, <PayoutsPage />)} />
        <Route path="pencairan/:runId" element={only(money, <PayoutRunPage />)} />
        <Route path="pengantaran" element={only(admins, <DeliverySettingsPage />)} />
        <Route path="kurir" element={only(couriers, <CouriersPage />)} />
        <Route path="laporan" element={only(money, <ReportsPage />)} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </div>
  );
}
