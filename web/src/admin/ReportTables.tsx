import type { ReactNode } from 'react';
import { formatRupiah, useLang, useT } from '../i18n';
import type { MessageKey } from '../messages';
import { countText, dayLabel, monthLabel, type SalesReport } from './salesReport';

// The sales report's tables. Each scrolls sideways inside its own box on a phone, so the page
// itself never gets wider than the screen; figures are right-aligned to compare down a column.

/** A table in a box that scrolls sideways; a keyboard can reach it to scroll it. */
function TableBox({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be focusable to be scrolled by keyboard
    <section className="report-table-box" aria-label={label} tabIndex={0}>
      <table className="report-table">{children}</table>
    </section>
  );
}

function Head({ columns }: { columns: MessageKey[] }) {
  const t = useT();
  return (
    <thead>
      <tr>
        {columns.map((column, index) => (
          <th key={column} scope="col" className={index === 0 ? undefined : 'num'}>
            {t(column)}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** Bulan, Transaksi, Omzet, Ongkir, Pelanggan, Pedagang; the range's total at the foot. */
export function MonthTable({ report, label }: { report: SalesReport; label: string }) {
  const t = useT();
  const { lang } = useLang();
  const { totals } = report;
  return (
    <TableBox label={label}>
      <Head
        columns={[
          'reports.col.month',
          'reports.col.orders',
          'reports.col.goods',
          'reports.col.fees',
          'reports.col.customers',
          'reports.col.sellers',
        ]}
      />
      <tbody>
        {report.months.map((row) => (
          <tr key={row.month} className={row.orders === 0 ? 'report-zero' : undefined}>
            <th scope="row" className="nowrap">
              {monthLabel(row.month, lang)}
            </th>
            <td className="num">{countText(row.orders, lang)}</td>
            <td className="num">{formatRupiah(row.goods)}</td>
            <td className="num">{formatRupiah(row.fees)}</td>
            <td className="num">{countText(row.customers, lang)}</td>
            <td className="num">{countText(row.sellers, lang)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('reports.total')}</th>
          <td className="num">{countText(totals.orders, lang)}</td>
          <td className="num">{formatRupiah(totals.goods)}</td>
          <td className="num">{formatRupiah(totals.fees)}</td>
          {/* One buyer in two months is one customer of the range: distinct, not the column's sum. */}
          <td className="num">{countText(totals.customers, lang)}</td>
          <td className="num">{countText(totals.sellers, lang)}</td>
        </tr>
      </tfoot>
    </TableBox>
  );
}

/** The days with sales of a one-month report: the chart's figures as text. */
export function DayTable({ report, label }: { report: SalesReport; label: string }) {
  const { lang } = useLang();
  return (
    <TableBox label={label}>
      <Head columns={['reports.col.day', 'reports.col.orders', 'reports.col.goods']} />
      <tbody>
        {report.days.map((row) => (
          <tr key={row.day}>
            <th scope="row" className="nowrap">
              {dayLabel(row.day, lang)}
            </th>
            <td className="num">{countText(row.orders, lang)}</td>
            <td className="num">{formatRupiah(row.goods)}</td>
          </tr>
        ))}
      </tbody>
    </TableBox>
  );
}

/** The ten sellers who sold the most, with their market. */
export function SellerTable({ report, label }: { report: SalesReport; label: string }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <TableBox label={label}>
      <Head columns={['reports.col.seller', 'reports.col.orders', 'reports.col.goods']} />
      <tbody>
        {report.sellers.map((seller) => (
          <tr key={seller.sellerId}>
            <th scope="row">
              {seller.name}
              <br />
              <span className="muted">{seller.marketName ?? t('reports.noMarket')}</span>
            </th>
            <td className="num">{countText(seller.orders, lang)}</td>
            <td className="num">{formatRupiah(seller.goods)}</td>
          </tr>
        ))}
      </tbody>
    </TableBox>
  );
}

/** Goods sold per market; the UMKM without a market together in one row. */
export function MarketTable({ report, label }: { report: SalesReport; label: string }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <TableBox label={label}>
      <Head columns={['reports.col.market', 'reports.col.sellers', 'reports.col.goods']} />
      <tbody>
        {report.markets.map((market) => (
          <tr key={market.marketId ?? 'none'}>
            <th scope="row">{market.name ?? t('reports.noMarket')}</th>
            <td className="num">{countText(market.sellers, lang)}</td>
            <td className="num">{formatRupiah(market.goods)}</td>
          </tr>
        ))}
      </tbody>
    </TableBox>
  );
}
