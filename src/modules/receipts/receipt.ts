import type { Unit } from '../../shared/quantity.ts';

// Everything printed on an order's receipt, as plain data the caller loads from the database.
// Money is whole rupiah as bigint (like the BIGINT columns); quantities are milli-units.

export type ReceiptLanguage = 'id' | 'en';

export const DEFAULT_TIME_ZONE = 'Asia/Jakarta';

export interface Receipt {
  /** Labels and dates in Bahasa Indonesia unless 'en'. */
  language?: ReceiptLanguage;
  /** IANA zone for the printed dates, normally the regency's; Asia/Jakarta when absent. */
  timeZone?: string;
  issuer: ReceiptIssuer;
  order: ReceiptOrder;
  /** Lines grouped by the seller who fulfils them, in the order to print. */
  sellers: ReceiptSeller[];
  payment: ReceiptPayment;
}

export interface ReceiptIssuer {
  /** "Kabupaten Purbalingga" */
  tenantName: string;
  /** "Jujag-Jujug" */
  programName: string;
  /** The program's WhatsApp number, E.164: "+6281227611117". */
  phone?: string | null;
  addressLine?: string | null;
}

export interface ReceiptOrder {
  /** "JJG-26-000123" */
  number: string;
  createdAt: Date;
  /** Already in the receipt's language: "Dibayar", "Diantar". */
  statusLabel: string;
  buyerName: string;
  /** E.164: "+6281227611117". */
  buyerPhone: string;
  deliveryAddress: string;
  notes: string;
}

export interface ReceiptSeller {
  /** The seller's business name. */
  name: string;
  /** Where to find them in the market: "Los B-12". */
  stall?: string | null;
  lines: ReceiptLine[];
}

export interface ReceiptLine {
  productTitle: string;
  /** '' when the product has a single variant. */
  variantName: string;
  unit: Unit;
  /** Rupiah per whole unit (per kg, per ikat). */
  unitPrice: bigint;
  /** As ordered, in thousandths of the unit: 500 = 0,5 kg. */
  quantityMilli: number;
  lineTotal: bigint;
  /** The seller's reweighed quantity and its price; printed instead of the ordered ones when set. */
  final?: { quantityMilli: number; lineTotal: bigint } | null;
  /** What was ordered, when the shopper bought this substitute instead (productTitle). */
  substituteFor?: string | null;
  /** A titip line: the buyer's cap. */
  titipCap?: bigint | null;
}

export interface ReceiptPayment {
  /** What the buyer was charged for goods at checkout (the ordered line totals). */
  goodsTotal: bigint;
  deliveryFee: bigint;
  /** Jasa belanja of a market trip; 0 when none. */
  shoppingFee: bigint;
  /** Kode unik added to a bank transfer so it can be matched; 0 when none. */
  uniqueCode: bigint;
  /** goods + delivery + unique code: what the buyer pays, or paid. */
  total: bigint;
  /** Given back to the buyer (reweighed lines, rejected sellers); 0 when none. */
  refunded: bigint;
  /** Owed back and not paid yet (CS pays refunds by transfer); 0 when none. */
  refundDue: bigint;
  /** Already in the receipt's language: "Transfer bank", "QRIS", "Midtrans", "Bayar di tempat". */
  methodLabel: string;
  /** Null while unpaid: the receipt is then an order slip, not a proof of payment. */
  paidAt: Date | null;
  /** Bank transfer note, QRIS or Midtrans transaction id; '' when none. */
  reference: string;
}
