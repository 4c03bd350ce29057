import { Route, Routes } from 'react-router';
import { NotFound } from '../ui';
import { ApplicationPage } from './ApplicationPage';
import ProductsPage from './ProductsPage';
import { RequireSignIn } from './RequireSignIn';
import { StatusPage } from './StatusPage';

/**
 * Seller console: the status of my applications, the application form, and products.
 * Anyone signed in may apply (buyers become sellers here); the products pages check the role.
 */
export default function SellerConsole() {
  return (
    <RequireSignIn>
      <div className="page">
        <Routes>
          <Route index element={<StatusPage />} />
          <Route path="daftar" element={<ApplicationPage />} />
          <Route path="daftar/:sellerId" element={<ApplicationPage />} />
          <Route path="produk/*" element={<ProductsPage />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </div>
    </RequireSignIn>
  );
}
