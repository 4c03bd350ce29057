import { NavLink, Route, Routes } from 'react-router';
import { useT } from '../i18n';
import { useSession } from '../session';
import { NotFound } from '../ui';
import { ApplicationPage } from './ApplicationPage';
import { OrdersPage, useSellerOrders } from './OrdersPage';
import ProductsPage from './ProductsPage';
import { RequireSignIn } from './RequireSignIn';
import { StatusPage } from './StatusPage';

/** For approved sellers: where their shop, products and orders are; new orders counted on every page. */
function SellerNav() {
  const t = useT();
  const newCount = useSellerOrders('new').data?.fulfilments.length ?? 0;
  return (
    <nav className="subnav" aria-label={t('seller.title')}>
      <NavLink to="/penjual" end>
        {t('sellerOrders.navShop')}
      </NavLink>
      <NavLink to="/penjual/produk">{t('sellerOrders.navProducts')}</NavLink>
      <NavLink to="/penjual/pesanan">
        {t('sellerOrders.nav')}
        {newCount > 0 && <span className="count">{newCount}</span>}
      </NavLink>
    </nav>
  );
}

/**
 * Seller console: the status of my applications, the application form, products and orders.
 * Anyone signed in may apply (buyers become sellers here); the orders page needs the seller role.
 */
export default function SellerConsole() {
  const roles = useSession().data?.roles ?? [];
  return (
    <RequireSignIn>
      <div className="page">
        {roles.includes('seller') && <SellerNav />}
        <Routes>
          <Route index element={<StatusPage />} />
          <Route path="daftar" element={<ApplicationPage />} />
          <Route path="daftar/:sellerId" element={<ApplicationPage />} />
          <Route path="produk/*" element={<ProductsPage />} />
          <Route
            path="pesanan"
            element={
              <RequireSignIn roles={['seller']}>
                <OrdersPage />
              </RequireSignIn>
            }
          />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </div>
    </RequireSignIn>
  );
}
