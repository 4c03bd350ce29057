import { linePrice, type Unit } from '../../shared/quantity.ts';
import type { Receipt, ReceiptLine } from './receipt.ts';

function line(
  productTitle: string,
  variantName: string,
  unit: Unit,
  unitPrice: bigint,
  quantityMilli: number,
  finalMilli?: number,
): ReceiptLine {
  return {
    productTitle,
    variantName,
    unit,
    unitPrice,
    quantityMilli,
    lineTotal: linePrice(unitPrice, quantityMilli),
    final: finalMilli === undefined ? null : { quantityMilli: finalMilli, lineTotal: linePrice(unitPrice, finalMilli) },
  };
}

/**
 * A paid delivery from three sellers, two lines reweighed lighter:
 * goods 259.000 + delivery 12.000 + unique code 173 = 271.173; refund 10.560.
 */
export function sampleReceipt(): Receipt {
  return {
    issuer: {
      tenantName: 'Kabupaten Purbalingga',
      programName: 'Jujag-Jujug',
      phone: '+6281227611117',
      addressLine: 'Dinas Koperasi, UKM dan Perdagangan, Jl. Letjend S. Parman No. 2, Purbalingga',
    },
    order: {
      number: 'JJG-26-000123',
      createdAt: new Date('2026-03-12T07:05:00Z'),
      statusLabel: 'Diantar',
      buyerName: 'Siti Rahmawati',
      buyerPhone: '+6285712345678',
      deliveryAddress: 'Jl. Jenderal Sudirman No. 45 RT 03 RW 05, Kelurahan Purbalingga Lor, Kecamatan Purbalingga',
      notes: 'Pagar hijau, titip di warung sebelah kalau tidak ada orang 🙏',
    },
    sellers: [
      {
        name: 'Sayur Segar Bu Sri',
        stall: 'Los B-12',
        lines: [
          line('Cabai rawit merah', '', 'kg', 60_000n, 250),
          line('Bawang merah', 'Brebes super', 'kg', 38_000n, 500, 480),
          line('Kangkung', '', 'ikat', 3_000n, 3000),
        ],
      },
      {
        name: 'Daging Sapi Pak Kusnadi',
        stall: 'Los A-03',
        lines: [line('Daging sapi', 'Has dalam', 'kg', 140_000n, 1250, 1180)],
      },
      {
        name: 'Tempe & Telur Mbak Yuni',
        lines: [line('Telur ayam ras', '', 'kg', 29_000n, 1000), line('Tempe', 'Bungkus daun', 'papan', 6_000n, 2000)],
      },
    ],
    payment: {
      goodsTotal: 259_000n,
      deliveryFee: 12_000n,
      shoppingFee: 0n,
      uniqueCode: 173n,
      total: 271_173n,
      refunded: 10_560n,
      refundDue: 0n,
      methodLabel: 'Transfer bank',
      paidAt: new Date('2026-03-12T07:21:00Z'),
      reference: 'BRI 0123-01-000456-30-1',
    },
  };
}

/** One seller with `count` lines of Rp 1.000 each, nothing reweighed, no refund. */
export function receiptWithLines(count: number): Receipt {
  const receipt = sampleReceipt();
  const lines = Array.from({ length: count }, (_, index) => line(`Barang nomor ${index + 1}`, '', 'pcs', 1_000n, 1000));
  receipt.sellers = [{ name: 'Toko Kelontong Barokah', stall: 'Ruko 7', lines }];
  const goodsTotal = BigInt(count) * 1_000n;
  receipt.payment = { ...receipt.payment, goodsTotal, total: goodsTotal + 12_173n, refunded: 0n };
  return receipt;
}
