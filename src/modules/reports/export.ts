import ExcelJS from 'exceljs';
import type { Lang } from '../../http/messages.ts';
import type { SalesReport } from './schemas.ts';

// The sales report as a workbook a dinas can file or paste into its own reports: one sheet per
// table, rupiah as numbers (so sums work) shown with thousands separators.

const WORDS = {
  id: {
    summary: 'Ringkasan',
    months: 'Bulanan',
    days: 'Harian',
    sellers: 'Pedagang',
    markets: 'Pasar',
    program: 'Program',
    period: 'Periode',
    timeZone: 'Zona waktu',
    basis: 'Dasar',
    basisText: 'Pesanan selesai, menurut tanggal selesai',
    month: 'Bulan',
    day: 'Tanggal',
    orders: 'Transaksi',
    goods: 'Omzet pedagang (Rp)',
    fees: 'Ongkir & jasa belanja (Rp)',
    customers: 'Pelanggan',
    activeSellers: 'Pedagang aktif',
    averageOrder: 'Rata-rata per transaksi (Rp)',
    seller: 'Pedagang',
    market: 'Pasar',
    noMarket: '(tanpa pasar)',
    generatedAt: 'Dibuat',
  },
  en: {
    summary: 'Summary',
    months: 'Monthly',
    days: 'Daily',
    sellers: 'Sellers',
    markets: 'Markets',
    program: 'Program',
    period: 'Period',
    timeZone: 'Time zone',
    basis: 'Basis',
    basisText: 'Completed orders, by completion date',
    month: 'Month',
    day: 'Date',
    orders: 'Transactions',
    goods: 'Sellers’ turnover (Rp)',
    fees: 'Delivery & shopping fees (Rp)',
    customers: 'Customers',
    activeSellers: 'Active sellers',
    averageOrder: 'Average per transaction (Rp)',
    seller: 'Seller',
    market: 'Market',
    noMarket: '(no market)',
    generatedAt: 'Generated',
  },
} as const;

const RUPIAH_FORMAT = '#,##0';

function addSheet(workbook: ExcelJS.Workbook, name: string, header: string[], rows: (string | number)[][]) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(header).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.columns.forEach((column, index) => {
    column.width = Math.max(12, Math.min(40, (header[index] ?? '').length + 2));
    if (rows.some((row) => typeof row[index] === 'number')) column.numFmt = RUPIAH_FORMAT;
  });
}

export async function salesReportXlsx(report: SalesReport, lang: Lang): Promise<Buffer> {
  const w = WORDS[lang];
  const workbook = new ExcelJS.Workbook();
  const { totals } = report;
  addSheet(
    workbook,
    w.summary,
    [w.summary, ''],
    [
      [w.program, report.programName],
      [w.period, `${report.from} – ${report.to}`],
      [w.basis, w.basisText],
      [w.timeZone, report.timeZone],
      [w.orders, totals.orders],
      [w.goods, totals.goods],
      [w.fees, totals.fees],
      [w.customers, totals.customers],
      [w.activeSellers, totals.sellers],
      [w.averageOrder, totals.averageOrder],
      [w.generatedAt, report.generatedAt],
    ],
  );
  addSheet(
    workbook,
    w.months,
    [w.month, w.orders, w.goods, w.fees, w.customers, w.activeSellers],
    report.months.map((m) => [m.month, m.orders, m.goods, m.fees, m.customers, m.sellers]),
  );
  addSheet(
    workbook,
    w.days,
    [w.day, w.orders, w.goods, w.fees],
    report.days.map((d) => [d.day, d.orders, d.goods, d.fees]),
  );
  addSheet(
    workbook,
    w.sellers,
    [w.seller, w.market, w.orders, w.goods],
    report.sellers.map((s) => [s.name, s.marketName ?? w.noMarket, s.orders, s.goods]),
  );
  addSheet(
    workbook,
    w.markets,
    [w.market, w.activeSellers, w.goods],
    report.markets.map((m) => [m.name ?? w.noMarket, m.sellers, m.goods]),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
