// Factories for the payments tests (not a test file itself).
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/database.ts';
import type { Ctx, TenantRef } from '../../http/context.ts';
import type { TestApp } from '../../test/app.ts';
import { uniquePhone } from '../../test/factories.ts';
import { grantRole } from '../identity/users.ts';
import type { FulfilmentMethod } from '../orders/tables.ts';
import { ADDRESS, buyerBrowser, makeShop, makeVariant } from '../orders/test-fixtures.ts';
import { makeBuyer, makeProgram, makeStaffBrowser, signedIn } from '../sellers/test-fixtures.ts';

const qrisVectors = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../test/vectors/qris.json'), 'utf8'));
/** The static merchant QRIS of the first vector (Warung Sayur Bu Sugeng). */
export const STATIC_QRIS: string = qrisVectors.valid_static[0].payload;

/** A program that takes every method, with a bank account, the vectors' static QRIS and a 2.5 % fee. */
export async function makePayingProgram(db: Db, tenantId: string, feeBasisPoints = 250): Promise<string> {
  const programId = await makeProgram(db, tenantId);
  await db
    .updateTable('programs')
    .set({
      payment_methods: '{transfer,qris,cod}',
      bank_name: 'Bank Jateng',
      bank_account_number: '2003000111',
      bank_account_holder: 'Program Jujag-Jujug',
      qris_payload: STATIC_QRIS,
      fee_basis_points: feeBasisPoints,
    })
    .where('id', '=', programId)
    .execute();
  return programId;
}

/** A seller whose owner can sign in, with one product of counted stock. */
export async function makeSellingShop(t: TestApp, tenant: TenantRef, programId: string, price = 40_000, marketId?: string) {
  const { sellerId } = await makeShop(t.database.db, tenant.id, programId, marketId);
  const { user, browser } = await makeBuyer(t, tenant, 'Bu Sri');
  await grantRole(t.database.db, tenant.id, user.id, 'seller');
  await t.database.db.updateTable('sellers').set({ user_id: user.id }).where('id', '=', sellerId).execute();
  const { variantId } = await makeVariant(t.database.db, tenant.id, {
    sellerId,
    programId,
    price,
    unit: 'kg',
    stepMilli: 250,
    minimumMilli: 250,
    stockMode: 'counted',
    stockMilli: 100_000,
  });
  return { sellerId, variantId, seller: browser };
}

/** A buyer (new, or `returning`) who has checked out one line from each shop (0.5 kg each), waiting to pay. */
export async function orderFrom(
  t: TestApp,
  tenant: TenantRef,
  shops: { sellerId: string; variantId: string }[],
  method: FulfilmentMethod = 'pickup',
  extra: Record<string, unknown> = {},
  returning?: Awaited<ReturnType<typeof buyerBrowser>>,
) {
  const buyer = returning ?? (await buyerBrowser(t, tenant));
  for (const shop of shops) await buyer.putLine(shop.variantId, 500);
  const fulfilment = Object.fromEntries(shops.map((s) => [s.sellerId, method]));
  const response = await buyer.browser.post('/api/checkout', { ...ADDRESS, fulfilment, ...extra });
  if (response.statusCode !== 201) throw new Error(`checkout failed: ${response.body}`);
  return { ...buyer, order: response.json().order as { id: string; number: string; total: number } };
}

/** A CS agent's browser. */
export async function staffOf(t: TestApp, tenant: TenantRef) {
  return { cs: (await makeStaffBrowser(t, tenant, 'cs_agent')).browser };
}

/** A system context for jobs and ledger reads. */
export function systemCtx(t: TestApp, tenant: TenantRef): Ctx {
  return { db: t.database.db, tenant, actor: null, lang: 'id' };
}

/** A courier of the program, ID checked, on duty at `point` (default: near the buyers). */
export async function makeCourier(t: TestApp, tenant: TenantRef, programId: string, point = { lat: ADDRESS.lat, lng: ADDRESS.lng }) {
  const admin = (await makeStaffBrowser(t, tenant, 'program_admin')).browser;
  const phone = uniquePhone();
  const created = await admin.post('/api/admin/couriers', {
    programId,
    name: `Kurir ${phone.slice(-4)}`,
    phone,
    association: 'Ojol Perwira',
    vehiclePlate: 'r 1234 ab',
    idChecked: true,
  });
  if (created.statusCode !== 201) throw new Error(`courier: ${created.body}`);
  const courier = created.json().courier as { id: string; userId: string; name: string };
  const browser = await signedIn(t, tenant, courier.userId);
  const duty = await browser.patch('/api/courier/me', { available: true, ...point });
  if (duty.statusCode !== 200) throw new Error(`on duty: ${duty.body}`);
  return { ...courier, browser };
}

/** Makes the order's delivery job this courier's: accepts the offer, or has CS assign it. */
export async function takeJob(t: TestApp, tenant: TenantRef, courier: Awaited<ReturnType<typeof makeCourier>>, orderId: string) {
  const job = await t.database.db.selectFrom('delivery_jobs').selectAll().where('order_id', '=', orderId).executeTakeFirstOrThrow();
  const offered = await t.database.db
    .selectFrom('job_offers')
    .select('courier_id')
    .where('job_id', '=', job.id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (offered?.courier_id === courier.id) await courier.browser.post(`/api/courier/jobs/${job.id}/accept`, {});
  else if (job.courier_id !== courier.id) {
    const cs = (await makeStaffBrowser(t, tenant, 'cs_agent')).browser;
    await cs.post(`/api/cs/jobs/${job.id}/assign`, { courierId: courier.id });
  }
  return job;
}

/**
 * Takes an order's delivery job through to the door as this courier: accepts it (or has CS
 * assign it), picks up, delivers with the buyer's code. Returns the last response.
 */
export async function deliverAsCourier(t: TestApp, tenant: TenantRef, courier: Awaited<ReturnType<typeof makeCourier>>, orderId: string) {
  const job = await takeJob(t, tenant, courier, orderId);
  await courier.browser.post(`/api/courier/jobs/${job.id}/advance`, { to: 'picked_up' });
  await courier.browser.post(`/api/courier/jobs/${job.id}/advance`, { to: 'delivering' });
  return courier.browser.post(`/api/courier/jobs/${job.id}/deliver`, { code: job.proof_code });
}
