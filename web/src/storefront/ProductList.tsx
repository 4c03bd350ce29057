import { Link } from 'react-router';
import { formatRupiah, useLang, useT } from '../i18n';
import { ErrorState, Loading } from '../ui';
import { formatDay, type ProductCard, type ProductFilters, priceText, type ReferencePrice, unitLabel, useProducts } from './catalog';
import './catalog.css';

/** "Harga acuan Dinas Rp 39.000/kg (22 Nov)": the reference beside the trader's price. */
export function ReferenceLine({ reference }: { reference: ReferencePrice }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <p className="reference-price">
      {t('shop.referencePrice')}{' '}
      <span className="money">
        {formatRupiah(reference.price)}/{unitLabel(t, reference.unit)}
      </span>{' '}
      <span className="muted">({formatDay(reference.date, lang)})</span>
    </p>
  );
}

function ProductTile({ product }: { product: ProductCard }) {
  const t = useT();
  return (
    <li className="product-tile">
      <Link to={`/produk/${product.id}`} className="product-link">
        {product.photo ? (
          <img src={product.photo.thumbUrl} alt="" loading="lazy" className="product-thumb" />
        ) : (
          <span className="product-thumb product-thumb-empty" aria-hidden="true" />
        )}
        <span className="product-title">{product.title}</span>
      </Link>
      <p className="product-price money">{priceText(t, product.price, product.unit)}</p>
      {product.referencePrice && <ReferenceLine reference={product.referencePrice} />}
      {!product.inStock && <span className="badge badge-off">{t('shop.soldOut')}</span>}
      <p className="product-seller">
        <Link to={`/toko/${product.seller.id}`}>{product.seller.name}</Link>
        {product.seller.stall && <span className="muted"> · {product.seller.stall}</span>}
      </p>
    </li>
  );
}

/** A grid of product tiles with "load more": the storefront's one list, whatever the filters. */
export function ProductList({ filters, empty }: { filters: ProductFilters; empty?: string }) {
  const t = useT();
  const products = useProducts(filters);
  if (products.isPending) return <Loading />;
  if (products.error) return <ErrorState error={products.error} onRetry={() => void products.refetch()} />;
  const items = products.data.pages.flatMap((page) => page.products);
  if (items.length === 0) return <p className="muted">{empty ?? t('shop.noProducts')}</p>;
  const corrected = products.data.pages[0]?.correctedQuery;
  return (
    <>
      {corrected && <p className="notice">{t('shop.correctedTo', { q: corrected })}</p>}
      <ul className="product-grid">
        {items.map((product) => (
          <ProductTile key={product.id} product={product} />
        ))}
      </ul>
      {products.hasNextPage && (
        <p>
          <button
            type="button"
            className="button button-secondary"
            disabled={products.isFetchingNextPage}
            onClick={() => void products.fetchNextPage()}
          >
            {products.isFetchingNextPage ? t('common.loading') : t('shop.more')}
          </button>
        </p>
      )}
    </>
  );
}
