import { ConsoleShell } from '../console';

/** Seller console (market traders and UMKM). */
export default function SellerConsole() {
  return <ConsoleShell title="seller.title" roles={['seller']} />;
}
