import { formatRupiah, useLang, useT } from '../i18n';
import { formatDay, type ReferencePrice, unitLabel } from './catalog';
import './catalog.css';

/** The dinas reference prices as a table: staple, price per unit, and the day it was set. */
export function ReferenceBoard({ prices, empty }: { prices: ReferencePrice[]; empty?: string }) {
  const t = useT();
  const { lang } = useLang();
  if (prices.length === 0) return <p className="muted">{empty ?? t('shop.noReferencePrices')}</p>;
  return (
    <div className="table-scroll">
      <table className="price-table">
        <thead>
          <tr>
            <th scope="col">{t('catalog.commodity')}</th>
            <th scope="col">{t('catalog.price')}</th>
            <th scope="col">{t('catalog.date')}</th>
          </tr>
        </thead>
        <tbody>
          {prices.map((p) => (
            <tr key={`${p.marketId}-${p.commodity}-${p.date}`}>
              <td>{p.commodityName}</td>
              <td className="money">
                {formatRupiah(p.price)}/{unitLabel(t, p.unit)}
              </td>
              <td className="nowrap">{formatDay(p.date, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
