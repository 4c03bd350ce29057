import { Link } from 'react-router';
import type { Unit } from '../../../src/shared/quantity';
import { formatRupiah, useLang, useT } from '../i18n';
import { priceText, quantityText } from '../storefront/catalog';

// Small pieces the cart, checkout and order pages share.

/** Lines by seller, sellers in the order they first appear: one group per fulfilment. */
export function groupBySeller<Line extends { sellerId: string }>(lines: Line[]): [string, Line[]][] {
  const groups = new Map<string, Line[]>();
  for (const line of lines) groups.set(line.sellerId, [...(groups.get(line.sellerId) ?? []), line]);
  return [...groups];
}

/** The seller's name, linking to their shop. */
export function SellerName({ sellerId, name }: { sellerId: string; name: string }) {
  return <Link to={`/toko/${sellerId}`}>{name}</Link>;
}

/**
 * "Bawang merah Brebes · Super" over "0,5 kg × Rp 38.000/kg", with the line's total. Once the
 * shopper weighed it, the final figures follow the ordered ones struck through; a line the
 * trader did not have (or the buyer removed) says so; a substitute the buyer accepted is named
 * ("Bawang bombay (pengganti Bawang merah)") with its own quantity, not the ordered item's price.
 */
export function LineSummary(props: {
  line: {
    productTitle: string;
    variantName: string;
    unit: Unit;
    unitPrice: number;
    quantityMilli: number;
    lineTotal: number;
    finalQuantityMilli?: number | null;
    finalLineTotal?: number | null;
    reweighStatus?: string | null;
    substituteName?: string | null;
  };
}) {
  const { line } = props;
  const t = useT();
  const { lang } = useLang();
  const gone = line.reweighStatus === 'unavailable' || line.reweighStatus === 'removed';
  const final =
    !gone && line.finalQuantityMilli != null && line.finalLineTotal != null
      ? { quantityMilli: line.finalQuantityMilli, lineTotal: line.finalLineTotal }
      : null;
  const changed = gone || (final !== null && (final.quantityMilli !== line.quantityMilli || final.lineTotal !== line.lineTotal));
  const ordered = quantityText(t, lang, line.quantityMilli, line.unit);
  return (
    <div className="line-summary">
      <p className="line-title">
        {line.substituteName ? (
          t('reweigh.substituteFor', { name: line.substituteName, original: line.productTitle })
        ) : (
          <>
            {line.productTitle}
            {line.variantName && <span className="muted"> · {line.variantName}</span>}
          </>
        )}
      </p>
      <p className="line-amount">
        <span className="muted">
          {/* A substitute is another item: its quantity, not the ordered one's struck through. */}
          {line.substituteName && final ? (
            quantityText(t, lang, final.quantityMilli, line.unit)
          ) : (
            <>
              {changed ? <s>{ordered}</s> : ordered}
              {changed && final && ` ${quantityText(t, lang, final.quantityMilli, line.unit)}`} ×{' '}
              <span className="money">{priceText(t, line.unitPrice, line.unit)}</span>
            </>
          )}
        </span>
        <span>
          {changed && <s className="money muted">{formatRupiah(line.lineTotal)}</s>}{' '}
          {gone ? (
            <strong className="line-gone">{t('reweigh.unavailable')}</strong>
          ) : (
            <strong className="money">{formatRupiah(final?.lineTotal ?? line.lineTotal)}</strong>
          )}
        </span>
      </p>
    </div>
  );
}
