import { formatPhone, formatRupiah } from '../../shared/format.ts';
import { formatQuantity, type Unit } from '../../shared/quantity.ts';
import { DEFAULT_TIME_ZONE, type Receipt, type ReceiptLanguage, type ReceiptLine, type ReceiptSeller } from './receipt.ts';

// What a receipt says, in either language; the A4 and 58 mm layouts only decide where it goes.

const id = {
  paidTitle: 'Bukti Pembayaran',
  unpaidTitle: 'Struk Pesanan',
  orderedAt: 'Tanggal pesan',
  status: 'Status',
  paymentMethod: 'Metode bayar',
  paidAt: 'Dibayar',
  notPaid: 'Belum dibayar',
  reference: 'Referensi',
  buyer: 'Pembeli',
  order: 'Pesanan',
  address: 'Alamat kirim',
  notes: 'Catatan',
  product: 'Produk',
  quantity: 'Jumlah',
  unitPrice: 'Harga satuan',
  lineTotal: 'Total',
  reweighed: (ordered: string) => `Ditimbang ulang, dipesan ${ordered}`,
  substitute: (ordered: string) => `Pengganti ${ordered}, disetujui pembeli`,
  titip: 'Titip belanja',
  titipCap: (cap: string) => `Titipan, batas ${cap}`,
  goodsTotal: 'Subtotal barang',
  deliveryFee: 'Ongkos kirim',
  shoppingFee: 'Jasa belanja',
  uniqueCode: 'Kode unik',
  totalPaid: 'Total dibayar',
  totalDue: 'Total tagihan',
  refunded: 'Dikembalikan',
  refundDue: 'Akan dikembalikan',
  net: 'Total setelah pengembalian',
  thanks: 'Terima kasih telah berbelanja di pasar lokal.',
  page: (page: number, count: number) => `Halaman ${page} dari ${count}`,
};

export type Labels = typeof id;

const en: Labels = {
  paidTitle: 'Payment Receipt',
  unpaidTitle: 'Order Summary',
  orderedAt: 'Ordered',
  status: 'Status',
  paymentMethod: 'Payment method',
  paidAt: 'Paid',
  notPaid: 'Not paid yet',
  reference: 'Reference',
  buyer: 'Buyer',
  order: 'Order',
  address: 'Delivery address',
  notes: 'Notes',
  product: 'Product',
  quantity: 'Quantity',
  unitPrice: 'Unit price',
  lineTotal: 'Total',
  reweighed: (ordered: string) => `Reweighed, ordered ${ordered}`,
  substitute: (ordered: string) => `Instead of ${ordered}, approved by the buyer`,
  titip: 'Shopping requests',
  titipCap: (cap: string) => `Request, up to ${cap}`,
  goodsTotal: 'Goods',
  deliveryFee: 'Delivery',
  shoppingFee: 'Shopping',
  uniqueCode: 'Unique code',
  totalPaid: 'Total paid',
  totalDue: 'Amount due',
  refunded: 'Refunded',
  refundDue: 'To be refunded',
  net: 'Total after refund',
  thanks: 'Thank you for shopping at your local market.',
  page: (page: number, count: number) => `Page ${page} of ${count}`,
};

export function labelsFor(language: ReceiptLanguage = 'id'): Labels {
  return language === 'en' ? en : id;
}

/** "12 Mar 2026, 14.05 WIB" (en: "12 Mar 2026, 14:05 GMT+7") in the receipt's time zone. */
export function formatDateTime(date: Date, language: ReceiptLanguage = 'id', timeZone = DEFAULT_TIME_ZONE): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'id-ID', {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(date);
}

export function receiptTitle(r: Receipt, t: Labels): string {
  return r.payment.paidAt ? t.paidTitle : t.unpaidTitle;
}

/** "0,5 kg", "2 ikat": the decimal comma in both languages, matching the rupiah format. */
export function quantityText(milli: number, unit: Unit): string {
  return `${formatQuantity(milli)} ${unit}`;
}

export function unitPriceText(line: ReceiptLine): string {
  return `${formatRupiah(line.unitPrice)}/${line.unit}`;
}

export function lineTitle(line: ReceiptLine): string {
  return line.variantName ? `${line.productTitle} – ${line.variantName}` : line.productTitle;
}

/** What the buyer is charged for: the shopper's final figures when set, and why they differ. */
export function chargedLine(line: ReceiptLine, t: Labels): { quantity: string; total: string; note: string | null } {
  const charged = line.final ?? line;
  const ordered = quantityText(line.quantityMilli, line.unit);
  const note = line.titipCap
    ? t.titipCap(formatRupiah(line.titipCap))
    : line.substituteFor
      ? t.substitute(`${line.substituteFor} ${ordered}`)
      : line.final
        ? t.reweighed(ordered)
        : null;
  return { quantity: quantityText(charged.quantityMilli, line.unit), total: formatRupiah(charged.lineTotal), note };
}

export function sellerHeading(seller: ReceiptSeller): string {
  return seller.stall ? `${seller.name} · ${seller.stall}` : seller.name;
}

export function whatsappText(r: Receipt): string | null {
  return r.issuer.phone ? `WhatsApp ${formatPhone(r.issuer.phone)}` : null;
}

/** Date, status and payment as label/value pairs, the same on both sizes. */
export function orderFacts(r: Receipt, t: Labels): [string, string][] {
  const { paidAt, methodLabel, reference } = r.payment;
  const facts: [string, string][] = [
    [t.orderedAt, formatDateTime(r.order.createdAt, r.language, r.timeZone)],
    [t.status, r.order.statusLabel],
    [t.paymentMethod, methodLabel],
    [t.paidAt, paidAt ? formatDateTime(paidAt, r.language, r.timeZone) : t.notPaid],
  ];
  if (reference) facts.push([t.reference, reference]);
  return facts;
}

export interface TotalRow {
  label: string;
  value: string;
  strong: boolean;
}

/** The money block: a shopping fee, unique code and refunds of 0 are left out. */
export function totalRows(r: Receipt, t: Labels): TotalRow[] {
  const { goodsTotal, deliveryFee, shoppingFee, uniqueCode, total, refunded, refundDue, paidAt } = r.payment;
  const row = (label: string, amount: bigint, strong = false): TotalRow => ({ label, value: formatRupiah(amount), strong });
  const rows = [row(t.goodsTotal, goodsTotal), row(t.deliveryFee, deliveryFee)];
  if (shoppingFee !== 0n) rows.push(row(t.shoppingFee, shoppingFee));
  if (uniqueCode !== 0n) rows.push(row(t.uniqueCode, uniqueCode));
  rows.push(row(paidAt ? t.totalPaid : t.totalDue, total, true));
  if (refunded !== 0n) rows.push(row(t.refunded, -refunded));
  if (refundDue !== 0n) rows.push(row(t.refundDue, -refundDue));
  if (refunded + refundDue !== 0n) rows.push(row(t.net, total - refunded - refundDue, true));
  return rows;
}
