import { Link, useLocation, useNavigate } from 'react-router';
import { FormAlert } from '../forms';
import { formatRupiah, useT } from '../i18n';
import { useSession } from '../session';
import { ErrorState, Loading } from '../ui';
import { type CartLine, useCart, useSetCartLine } from './cart';
import { groupBySeller, LineSummary, SellerName } from './common';
import { QuantityStepper } from './QuantityStepper';

function CartRow({ line }: { line: CartLine }) {
  const t = useT();
  const setLine = useSetCartLine();
  const { stepMilli, minimumMilli } = line;
  return (
    <li className={line.available ? 'cart-line' : 'cart-line cart-line-off'}>
      <LineSummary line={line} />
      {!line.available && <p className="text-danger">{t('cart.unavailable')}</p>}
      <div className="cart-line-actions">
        {line.available && (
          <QuantityStepper
            label={t('cart.quantityOf', { item: line.productTitle })}
            valueMilli={line.quantityMilli}
            stepMilli={stepMilli}
            minimumMilli={minimumMilli}
            unit={line.unit}
            disabled={setLine.isPending}
            onChange={(quantityMilli) => setLine.mutate({ variantId: line.variantId, quantityMilli })}
          />
        )}
        <button
          type="button"
          className="button button-small button-secondary"
          disabled={setLine.isPending}
          onClick={() => setLine.mutate({ variantId: line.variantId, quantityMilli: 0 })}
        >
          {t('cart.remove')}
          <span className="visually-hidden"> {line.productTitle}</span>
        </button>
      </div>
      <FormAlert error={setLine.error} fields={[]} />
    </li>
  );
}

/** /keranjang: what is in the cart, by seller; guests too. Ordering needs a sign-in first. */
export function CartPage() {
  const t = useT();
  const navigate = useNavigate();
  // After "Pesan lagi": the order page says which items could not go back in the cart.
  const skipped = (useLocation().state as { skipped?: string[] } | null)?.skipped ?? [];
  const cart = useCart();
  const session = useSession();
  if (cart.isPending) return <Loading />;
  if (cart.error) return <ErrorState error={cart.error} onRetry={() => void cart.refetch()} />;
  const { lines, goodsTotal } = cart.data;
  const blocked = lines.some((line) => !line.available);

  return (
    <section className="page narrow">
      <h1>{t('cart.title')}</h1>
      {skipped.length > 0 && (
        <div className="notice" role="status">
          <p>{t('cart.skipped')}</p>
          <ul className="plain-list">
            {skipped.map((title) => (
              <li key={title}>{title}</li>
            ))}
          </ul>
        </div>
      )}
      {lines.length === 0 ? (
        <>
          <p className="muted">{t('cart.empty')}</p>
          <Link to="/cari" className="button">
            {t('cart.shop')}
          </Link>
        </>
      ) : (
        <>
          {groupBySeller(lines).map(([sellerId, sellerLines]) => (
            <section key={sellerId} className="card seller-group">
              <h2 className="card-title">
                <SellerName sellerId={sellerId} name={sellerLines[0]?.sellerName ?? ''} />
              </h2>
              <ul className="cart-lines">
                {sellerLines.map((line) => (
                  <CartRow key={line.variantId} line={line} />
                ))}
              </ul>
            </section>
          ))}
          <p className="total-row">
            <span>{t('cart.total')}</span>
            <strong className="money">{formatRupiah(goodsTotal)}</strong>
          </p>
          {blocked && <p className="notice notice-error">{t('cart.removeUnavailable')}</p>}
          <button
            type="button"
            className="button button-block"
            disabled={blocked || session.isPending}
            // Guests sign in first and come straight back to checkout; the server keeps their cart.
            onClick={() => void navigate(session.data?.user ? '/pesan' : `/masuk?next=${encodeURIComponent('/pesan')}`)}
          >
            {t('cart.order')}
          </button>
          {!session.data?.user && <p className="hint">{t('cart.orderHint')}</p>}
        </>
      )}
    </section>
  );
}
