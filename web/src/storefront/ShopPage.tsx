import { Link, useParams } from 'react-router';
import { useT } from '../i18n';
import { ErrorState, Loading } from '../ui';
import { useShop } from './catalog';
import { ProductList } from './ProductList';

/** /toko/:sellerId: one seller (a UMKM shop or a trader's stall) and its products. */
export default function ShopPage() {
  const t = useT();
  const { sellerId = '' } = useParams();
  const shop = useShop(sellerId);
  if (shop.isPending) return <Loading />;
  if (shop.error) return <ErrorState error={shop.error} onRetry={() => void shop.refetch()} />;
  const seller = shop.data.seller;
  return (
    <div className="page">
      <p className="eyebrow">{seller.kind === 'trader' ? t('shop.trader') : t('shop.umkm')}</p>
      <h1>{seller.name}</h1>
      {(seller.stall || seller.market) && (
        <p>
          {seller.stall}
          {seller.stall && seller.market && ' · '}
          {seller.market && <Link to={`/pasar/${seller.market.id}`}>{seller.market.name}</Link>}
        </p>
      )}
      <ProductList filters={{ sellerId }} />
    </div>
  );
}
