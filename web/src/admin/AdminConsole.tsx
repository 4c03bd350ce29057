import type { ReactNode } from 'react';
import { NavLink, Route, Routes } from 'react-router';
import { useT } from '../i18n';
import { RequireSignIn } from '../seller/RequireSignIn';
import { NotFound } from '../ui';
import { CertificatesPage } from './CertificatesPage';
import { MarketsPage } from './MarketsPage';
import { PaymentSettingsPage } from './PaymentSettingsPage';
import { ReferencePricesPage } from './ReferencePricesPage';
import { SellerReviewPage } from './SellerReviewPage';
import { SellersPage } from './SellersPage';
import { TraderRegistrationPage } from './TraderRegistrationPage';

// Platform operators pass too (RequireSignIn lets platform_admin into every console).
const adminOnly = (page: ReactNode) => <RequireSignIn roles={['program_admin']}>{page}</RequireSignIn>;

/** Program admin console: markets, seller curation, certificates, payment settings; tariffs and reports follow. */
export default function AdminConsole() {
  const t = useT();
  return (
    <div className="page">
      <p className="eyebrow">{t('admin.title')}</p>
      <nav className="subnav" aria-label={t('admin.title')}>
        <NavLink to="/admin" end>
          {t('admin.markets')}
        </NavLink>
        <NavLink to="/admin/penjual">{t('curation.nav')}</NavLink>
        <NavLink to="/admin/sertifikat">{t('curation.certificatesNav')}</NavLink>
        <NavLink to="/admin/harga-acuan">{t('catalog.referenceNav')}</NavLink>
        <NavLink to="/admin/pembayaran">{t('paymentSettings.nav')}</NavLink>
      </nav>
      <Routes>
        <Route index element={<MarketsPage />} />
        <Route path="penjual" element={adminOnly(<SellersPage />)} />
        {/* Customer service registers traders too. */}
        <Route
          path="penjual/baru"
          element={
            <RequireSignIn roles={['program_admin', 'cs_agent']}>
              <TraderRegistrationPage />
            </RequireSignIn>
          }
        />
        <Route path="penjual/:sellerId" element={adminOnly(<SellerReviewPage />)} />
        <Route path="sertifikat" element={adminOnly(<CertificatesPage />)} />
        <Route path="harga-acuan" element={adminOnly(<ReferencePricesPage />)} />
        <Route path="pembayaran" element={adminOnly(<PaymentSettingsPage />)} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </div>
  );
}
