import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { Layout } from './Layout';
import { NotFound } from './ui';

// One dynamic import per area = one chunk per area. The storefront is lazy
// too, so staff consoles never weigh on the public home page and vice versa.
const Storefront = lazy(() => import('./storefront/Storefront'));
const SearchPage = lazy(() => import('./storefront/SearchPage'));
const ProductPage = lazy(() => import('./storefront/ProductPage'));
const MarketPage = lazy(() => import('./storefront/MarketPage'));
const ShopPage = lazy(() => import('./storefront/ShopPage'));
const SellerConsole = lazy(() => import('./seller/SellerConsole'));
const CourierConsole = lazy(() => import('./courier/CourierConsole'));
const CsConsole = lazy(() => import('./cs/CsConsole'));
const AdminConsole = lazy(() => import('./admin/AdminConsole'));
const ProcurementConsole = lazy(() => import('./procurement/ProcurementConsole'));
const DevInbox = lazy(() => import('./dev/DevInbox'));
const WhatsAppSimulator = lazy(() => import('./dev/WhatsAppSimulator'));

// The sign-in pages share one chunk (one module, several exports).
const auth = () => import('./auth/AuthPages');
const BuyerSignIn = lazy(() => auth().then((m) => ({ default: m.BuyerSignIn })));
const StaffSignIn = lazy(() => auth().then((m) => ({ default: m.StaffSignIn })));
const AcceptInvite = lazy(() => auth().then((m) => ({ default: m.AcceptInvite })));

// The buyer's cart, checkout, order and history pages: one chunk too.
const orders = () => import('./orders/OrderPages');
const CartPage = lazy(() => orders().then((m) => ({ default: m.CartPage })));
const CheckoutPage = lazy(() => orders().then((m) => ({ default: m.CheckoutPage })));
const OrderPage = lazy(() => orders().then((m) => ({ default: m.OrderPage })));
const OrdersPage = lazy(() => orders().then((m) => ({ default: m.OrdersPage })));

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<Storefront />} />
        <Route path="cari" element={<SearchPage />} />
        <Route path="produk/:productId" element={<ProductPage />} />
        <Route path="pasar/:marketId" element={<MarketPage />} />
        <Route path="toko/:sellerId" element={<ShopPage />} />
        <Route path="keranjang" element={<CartPage />} />
        <Route path="pesan" element={<CheckoutPage />} />
        <Route path="pesanan" element={<OrdersPage />} />
        <Route path="pesanan/:orderId" element={<OrderPage />} />
        <Route path="masuk" element={<BuyerSignIn />} />
        <Route path="masuk/staf" element={<StaffSignIn />} />
        <Route path="undangan/:token" element={<AcceptInvite />} />
        <Route path="dev/kotak-masuk" element={<DevInbox />} />
        <Route path="dev/whatsapp" element={<WhatsAppSimulator />} />
        <Route path="admin/*" element={<AdminConsole />} />
        <Route path="penjual/*" element={<SellerConsole />} />
        <Route path="kurir/*" element={<CourierConsole />} />
        <Route path="cs/*" element={<CsConsole />} />
        <Route path="pengadaan/*" element={<ProcurementConsole />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
