import type { Ctx } from '../../http/context.ts';
import { ensureAccount } from '../ledger/service.ts';
import type { AccountKind } from '../ledger/tables.ts';
import type { PaymentMethod } from './tables.ts';

// The ledger accounts order money moves through. Buyer money is held (a liability) from
// payment until the buyer has the goods; only then does it become the sellers', the
// courier's and the program's.

interface AccountSpec {
  code: string;
  kind: AccountKind;
  name: string;
}

/** Money paid for orders not yet received by the buyer. */
export const HELD_ORDERS: AccountSpec = { code: 'held:orders', kind: 'liability', name: 'Dana pesanan ditahan' };
/** The program's share of sellers' goods. */
export const PROGRAM_FEE: AccountSpec = { code: 'income:program-fee', kind: 'revenue', name: 'Biaya layanan program' };
/** The unique transfer codes (kode unik) buyers add to transfers. */
export const UNIQUE_CODES: AccountSpec = { code: 'income:unique-code', kind: 'revenue', name: 'Kode unik transfer' };

export function sellerPayable(sellerId: string, name: string): AccountSpec {
  return { code: `payable:seller:${sellerId}`, kind: 'liability', name: `Hak penjual ${name}` };
}

/** Delivery fees a courier earned, owed until a payout. */
export function courierPayable(userId: string, name: string): AccountSpec {
  return { code: `payable:courier:${userId}`, kind: 'liability', name: `Hak kurir ${name}` };
}

/** Delivery fees of orders no program courier delivered (handed to a partner, or before couriers existed). */
export function deliveryPayable(programId: string): AccountSpec {
  return { code: `payable:delivery:${programId}`, kind: 'liability', name: 'Ongkos kirim untuk kurir' };
}

/** Cash a courier took at the door and has not handed in yet. */
export function courierCash(userId: string, name: string): AccountSpec {
  return { code: `cash:courier:${userId}`, kind: 'asset', name: `Uang tunai di kurir ${name}` };
}

/**
 * The cash float (dana talangan) a courier holds to pay traders at the stalls. Negative: the
 * courier paid from their own pocket and the program owes them.
 */
export function courierFloat(courierId: string, name: string): AccountSpec {
  return { code: `float:courier:${courierId}`, kind: 'asset', name: `Dana talangan di kurir ${name}` };
}

/** Titip lines paid at the stall from a float, until the buyer's money for them is settled. */
export function titipPurchases(programId: string): AccountSpec {
  return { code: `clearing:titip:${programId}`, kind: 'asset', name: 'Belanja titipan dibayar dari dana talangan' };
}

/** The program's bank account: transfers land here and payouts and refunds leave from it. */
export function programBank(programId: string): AccountSpec {
  return { code: `bank:program:${programId}`, kind: 'asset', name: 'Rekening program' };
}

/** Where a non-cash payment's money is until it reaches the program's bank. */
export function receivingAccount(method: Exclude<PaymentMethod, 'cod'>, programId: string): AccountSpec {
  switch (method) {
    case 'transfer':
      return programBank(programId);
    case 'qris':
      return { code: `clearing:qris:${programId}`, kind: 'asset', name: 'Settlement QRIS' };
    case 'gateway':
      return { code: 'clearing:gateway:midtrans', kind: 'asset', name: 'Settlement Midtrans' };
  }
}

/** Makes sure the accounts exist and returns their codes, in the order given. */
export async function accounts(ctx: Ctx, ...specs: AccountSpec[]): Promise<string[]> {
  for (const spec of specs) await ensureAccount(ctx, spec);
  return specs.map((spec) => spec.code);
}
