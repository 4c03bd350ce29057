import type { Ctx } from '../../http/context.ts';
import { fieldError } from '../../http/errors.ts';
import { deliveryDay } from './schedule.ts';
import { type DeliveryQuote, deliveryTariff, type Point, quoteDelivery } from './tariff.ts';

/**
 * The market every one of these sellers trades in, with its days and cut-off; null when they
 * are spread over several markets (or UMKM without one): no market trip then.
 */
export async function tripMarket(ctx: Ctx, sellerIds: string[]) {
  const rows = await ctx.db
    .selectFrom('sellers as s')
    .leftJoin('markets as m', (join) => join.onRef('m.tenant_id', '=', 's.tenant_id').onRef('m.id', '=', 's.market_id'))
    .select(['m.id', 'm.market_days', 'm.order_cutoff'])
    .where('s.tenant_id', '=', ctx.tenant.id)
    .where('s.id', 'in', sellerIds.length ? sellerIds : [''])
    .execute();
  const first = rows[0];
  if (!first?.id || first.market_days === null || rows.some((r) => r.id !== first.id)) return null;
  return { id: first.id, marketDays: first.market_days, orderCutoff: first.order_cutoff };
}

/**
 * What a market trip adds when these sellers' goods come from one market: the day the courier
 * brings them (the market's next trading day) and the program's shopping fee. Nulls and 0 otherwise.
 */
export async function tripTerms(
  ctx: Ctx,
  input: { programId: string; sellerIds: string[] },
  now = new Date(),
): Promise<{ deliverOn: string | null; shoppingFee: bigint }> {
  const market = await tripMarket(ctx, input.sellerIds);
  if (!market) return { deliverOn: null, shoppingFee: 0n };
  const program = await ctx.db
    .selectFrom('programs')
    .select('shopping_fee')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', input.programId)
    .executeTakeFirstOrThrow();
  return { deliverOn: deliveryDay(market, ctx.tenant.timeZone, now), shoppingFee: program.shopping_fee };
}

/**
 * The delivery fee for sellers' goods going to the buyer's pin and village under the program's
 * tariff, from the market (or showroom) the first of those sellers trades in.
 */
export async function deliveryQuote(
  ctx: Ctx,
  input: { programId: string; sellerIds: string[]; point: Point | null; areaCode: string },
): Promise<DeliveryQuote> {
  const program = await ctx.db
    .selectFrom('programs')
    .select('delivery_tariff')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', input.programId)
    .executeTakeFirstOrThrow();
  const origin = await ctx.db
    .selectFrom('sellers as s')
    .innerJoin('markets as m', (join) => join.onRef('m.tenant_id', '=', 's.tenant_id').onRef('m.id', '=', 's.market_id'))
    .select(['m.lat', 'm.lng'])
    .where('s.tenant_id', '=', ctx.tenant.id)
    .where('s.id', 'in', input.sellerIds.length ? input.sellerIds : [''])
    .where('m.lat', 'is not', null)
    .orderBy('s.id')
    .executeTakeFirst();
  return quoteDelivery(
    deliveryTariff.parse(program.delivery_tariff),
    { point: input.point, areaCode: input.areaCode },
    origin ? { lat: Number(origin.lat), lng: Number(origin.lng) } : null,
  );
}

/** A quote that must succeed (checkout): a place the program does not deliver to is a 400 on the pin. */
export async function requireDeliveryFee(
  ctx: Ctx,
  input: Parameters<typeof deliveryQuote>[1],
): Promise<{ fee: bigint; distanceM: number | null }> {
  const quote = await deliveryQuote(ctx, input);
  if (!quote.ok) throw fieldError(quote.reason === 'pin_required' ? 'lat' : 'areaCode', quote.reason);
  return quote;
}
