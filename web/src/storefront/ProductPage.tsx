import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { formatQuantity } from '../../../src/shared/quantity';
import type { Lang } from '../i18n';
import { formatDateTime, type Translate, useLang, useT } from '../i18n';
import { AddToCart } from '../orders/AddToCart';
import { useTenant } from '../session';
import { ErrorState, Loading } from '../ui';
import { categoryName, priceText, quantityText, usePriceHistory, useProduct, type Variant } from './catalog';
import { ReferenceLine } from './ProductList';
import { WhatsAppOrder } from './WhatsAppOrder';
import './catalog.css';

/** "Sisa 3,5 kg", "Tersedia hari ini" or "Habis". */
function stockText(t: Translate, lang: Lang, variant: Variant): string {
  if (!variant.inStock) return t('shop.soldOut');
  if (variant.stockMode === 'daily' || variant.stockMilli === null) return t('shop.availableToday');
  return t('shop.stockLeft', { quantity: quantityText(t, lang, variant.stockMilli, variant.unit) });
}

function VariantRow({ variant, fallbackName }: { variant: Variant; fallbackName: string }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <li className="card variant-card">
      <div className="card-head">
        <h3>{variant.name || fallbackName}</h3>
        <span className="product-price money">{priceText(t, variant.price, variant.unit)}</span>
      </div>
      <p className="muted">
        {t('shop.orderRule', {
          step: quantityText(t, lang, variant.stepMilli, variant.unit),
          minimum: quantityText(t, lang, variant.minimumMilli, variant.unit),
        })}
      </p>
      <p className={variant.inStock ? '' : 'text-danger'}>{stockText(t, lang, variant)}</p>
      {variant.inStock && <AddToCart variant={variant} name={variant.name || fallbackName} />}
    </li>
  );
}

function PriceHistory({ productId }: { productId: string }) {
  const t = useT();
  const { lang } = useLang();
  const timeZone = useTenant().data?.tenant.timeZone;
  const [open, setOpen] = useState(false);
  const history = usePriceHistory(productId, open);
  return (
    <details onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{t('shop.priceHistory')}</summary>
      {history.isPending && open && <Loading />}
      {history.error && <ErrorState error={history.error} />}
      {history.data && (
        <ul className="plain-list">
          {history.data.changes.map((change) => (
            <li key={`${change.variantId}-${change.changedAt}`}>
              <span className="money">{priceText(t, change.price, change.unit)}</span>
              {change.variantName && ` · ${change.variantName}`}
              <span className="muted"> · {formatDateTime(change.changedAt, lang, timeZone)}</span>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

/** /produk/:productId: photos, variants with their order rules, stock, the reference price. */
export default function ProductPage() {
  const t = useT();
  const { lang } = useLang();
  const { productId = '' } = useParams();
  const tenant = useTenant();
  const query = useProduct(productId);
  if (query.isPending) return <Loading />;
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const product = query.data.product;
  // The program's customer service takes orders on WhatsApp too, for those who prefer to chat:
  // the message names the product and the smallest amount sold, for the buyer to adjust.
  const program = tenant.data?.programs.find((p) => p.id === product.programId);
  const variant = product.variants.find((v) => v.inStock) ?? product.variants[0];
  const chatItem = variant
    ? `${[product.title, variant.name].filter(Boolean).join(' ')} ${formatQuantity(variant.minimumMilli)} ${variant.unit}`
    : product.title;

  return (
    <article className="page product-page">
      <p className="eyebrow">
        <Link to={`/cari?category=${product.category}`}>{categoryName(lang, product.category)}</Link>
      </p>
      <h1>{product.title}</h1>
      {product.photos.length > 0 && (
        <ul className="product-photos">
          {product.photos.map((photo, index) => (
            <li key={photo.id}>
              <img src={photo.url} alt={t('shop.photoN', { title: product.title, n: index + 1 })} />
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to={`/toko/${product.seller.id}`}>{product.seller.name}</Link>
        {product.seller.stall && <span className="muted"> · {product.seller.stall}</span>}
        {product.market && (
          <>
            {' · '}
            <Link to={`/pasar/${product.market.id}`}>{product.market.name}</Link>
          </>
        )}
      </p>
      {product.referencePrice && (
        <div className="notice">
          <ReferenceLine reference={product.referencePrice} />
          <p className="hint">{t('shop.referenceHint', { market: product.referencePrice.marketName })}</p>
        </div>
      )}
      <ul className="cards">
        {product.variants.map((variant) => (
          <VariantRow key={variant.id} variant={variant} fallbackName={product.title} />
        ))}
      </ul>
      {program?.whatsappPhone && (
        <p>
          <WhatsAppOrder program={program} items={[chatItem]} />
        </p>
      )}
      {product.description && <p className="product-description">{product.description}</p>}
      <PriceHistory productId={product.id} />
    </article>
  );
}
