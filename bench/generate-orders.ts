// A year of orders for one regency, shaped like the ones checkout and payments write: orders,
// their lines (snapshots of title, unit and price), one fulfilment per seller and the payment.
// Orders are made day by day in time order and loaded a chunk at a time with COPY, the next
// chunk being made while the last one loads, so a million orders never sit in memory at once.
import { type DeliveryTariff, quoteDelivery } from '../src/modules/delivery/tariff.ts';
import { formatOrderNumber } from '../src/modules/orders/numbers.ts';
import type { FulfilmentMethod, FulfilmentStatus, OrderStatus } from '../src/modules/orders/tables.ts';
import type { PaymentMethod, PaymentStatus } from '../src/modules/payments/tables.ts';
import { linePrice } from '../src/shared/quantity.ts';
import type { Bulk, CopyRow } from './bulk.ts';
import type { Customer, Customers, Market } from './generate-people.ts';
import { ORDER_NOTES } from './names.ts';
import { cumulative, type Random } from './random.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Asia/Jakarta (WIB) keeps no daylight saving time: local time is UTC + 7 h all year. */
const WIB = 7 * HOUR;
const DAYS = 365;
/** Orders made before their rows are handed to COPY; two chunks at most are in memory. */
const CHUNK = 20_000;
/** The programs' default tariff (migration 0007): what checkout would have quoted. */
const TARIFF: DeliveryTariff = { kind: 'bands', baseFee: 8000, baseKm: 3, perKm: 2000, maxFee: 15000, roadFactor: 1.3, maxKm: 20 };
/** programs.payment_timeout_minutes' default: an unpaid order holds its stock this long. */
const PAYMENT_TIMEOUT = 60 * MINUTE;
/** programs.auto_confirm_hours' default: a delivered order the buyer did not confirm completes after this. */
const AUTO_CONFIRM = 72 * HOUR;

/**
 * Orders by local hour: traditional markets trade from 04:00 to noon, so the peak is the early
 * morning, with a second, smaller one in the evening when buyers order for the next morning.
 */
const HOUR_WEIGHTS = [0.2, 0.1, 0.1, 0.3, 1, 3, 4.5, 5, 4.5, 3.5, 2.5, 2, 1.8, 1.5, 1.3, 1.3, 1.5, 1.8, 2, 2.4, 2.2, 1.6, 0.8, 0.4];
/** Sunday first (Date.getUTCDay): weekends are busier, Monday to Wednesday quieter. */
const WEEKDAY_WEIGHTS = [1.3, 0.95, 0.95, 0.95, 1, 1.05, 1.25];
/** Idul Fitri: the week before it is the busiest of the year, the days after it the quietest. */
const LEBARAN = ['2025-03-31', '2026-03-20', '2027-03-10', '2028-02-27'].map((day) => Date.parse(`${day}T00:00:00Z`));
/** 1 to 5 lines, and from 1 to 3 sellers. */
const LINE_COUNTS = cumulative([25, 30, 25, 12, 8]);
const SELLER_COUNTS = cumulative([60, 30, 10]);
const WEIGHED_QUANTITIES = [250, 500, 500, 750, 1000, 1000, 1000, 1500, 2000, 3000];
const COUNTED_QUANTITIES = [1, 1, 1, 1, 2, 2, 3, 4, 5];

export interface Goods {
  variantId: string;
  title: string;
  unit: string;
  price: number;
  /** Weighed goods go in 250 g steps, counted goods in whole units. */
  stepMilli: number;
}

export interface SellerGoods {
  id: string;
  market: number;
  /** The seller's variants, best sellers first. */
  goods: Goods[];
}

export interface OrderTenant {
  id: string;
  /** Makes ids unique across tenants. */
  index: number;
  programId: string;
  /** Order number prefix from the program slug (PSR for pasar-daring). */
  prefix: string;
  shoppingFee: number;
  markets: Market[];
  /** Per market, its sellers that have something to sell, most popular first. */
  sellersByMarket: SellerGoods[][];
}

export interface OrderCounts {
  orders: number;
  order_lines: number;
  fulfilments: number;
  payments: number;
  byStatus: Partial<Record<OrderStatus, number>>;
  /** The last number used per year, for order_counters. */
  lastNumbers: Map<number, number>;
}

interface Chunk {
  orders: CopyRow<'orders'>[];
  order_lines: CopyRow<'order_lines'>[];
  fulfilments: CopyRow<'fulfilments'>[];
  payments: CopyRow<'payments'>[];
}
const emptyChunk = (): Chunk => ({ orders: [], order_lines: [], fulfilments: [], payments: [] });

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const localDate = (ms: number) => new Date(ms + WIB).toISOString().slice(0, 10);

/**
 * How many orders each of the last 365 days gets: a growth trend (the platform catches on:
 * the last month has about three times the first one's orders), busier weekends, paydays
 * (25th to 2nd) and the week before Lebaran, and day-to-day noise. Today counts only the hours
 * gone by. Counts are rounded on the running total, so they add up to `count` exactly.
 */
function planDays(count: number, now: number, random: Random) {
  const todayStart = Math.floor((now + WIB) / DAY) * DAY - WIB;
  const elapsedHours = (now - todayStart) / HOUR;
  const fullDay = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);
  const days = Array.from({ length: DAYS }, (_, d) => {
    const start = todayStart - (DAYS - 1 - d) * DAY;
    const local = new Date(start + WIB);
    const isToday = d === DAYS - 1;
    // Today's hours: only those gone by, the current one in part.
    const hours = cumulative(HOUR_WEIGHTS.map((w, h) => (isToday ? w * Math.min(1, Math.max(0, elapsedHours - h)) : w)));
    const dayOfMonth = local.getUTCDate();
    const payday = dayOfMonth >= 25 || dayOfMonth <= 2 ? 1.12 : 1;
    const toLebaran = Math.min(...LEBARAN.map((day) => Math.round((day - (start + WIB)) / DAY)).filter((n) => n > -4));
    const lebaran = toLebaran >= 1 && toLebaran <= 7 ? 1.6 : toLebaran >= -3 && toLebaran <= 0 ? 0.6 : 1;
    const weight =
      (0.5 + d / (DAYS - 1)) *
      (WEEKDAY_WEIGHTS[local.getUTCDay()] as number) *
      payday *
      lebaran *
      random.between(0.85, 1.15) *
      ((hours[23] as number) / fullDay);
    return { start, hours, elapsedHours: isToday ? elapsedHours : 24, weight, orders: 0 };
  });
  const total = days.reduce((sum, day) => sum + day.weight, 0);
  let running = 0;
  let given = 0;
  for (const day of days) {
    running += day.weight;
    const upTo = Math.round((count * running) / total);
    day.orders = upTo - given;
    given = upTo;
  }
  return days;
}

/** The order's times, each a step checkout, payments and the sellers take one after another. */
interface Timeline {
  created: number;
  /** When the buyer picked a way to pay (the payment row). */
  chosen: number;
  /** Paid (transfer, QRIS) or cash on delivery chosen: the order is confirmed. */
  confirmed: number;
  accepted: number;
  ready: number;
  delivered: number;
  completed: number;
  /** The market morning the traders start on it: a market trip's delivery day. */
  trading: number;
}

/** Traders work market hours (04:00–12:00): an order confirmed later is accepted the next morning. */
function nextMarketHours(ms: number, random: Random): number {
  const localHour = ((ms + WIB) % DAY) / HOUR;
  if (localHour >= 4 && localHour < 12) return ms;
  const opening = Math.floor((ms + WIB) / DAY) * DAY - WIB + 4 * HOUR;
  return (localHour < 4 ? opening : opening + DAY) + random.int(0, 60) * MINUTE;
}

function timeline(created: number, method: PaymentMethod, fulfilment: FulfilmentMethod, random: Random): Timeline {
  const chosen = created + random.int(1, 5) * MINUTE;
  // Transfers and QRIS are confirmed when paid, well within the hour the stock is held.
  const confirmed = method === 'cod' ? chosen : chosen + random.int(2, 40) * MINUTE;
  const trading = nextMarketHours(confirmed, random);
  const accepted = trading + random.int(10, 60) * MINUTE;
  const ready = accepted + random.int(20, 90) * MINUTE;
  const delivered = ready + (fulfilment === 'seller_shipping' ? random.int(18, 40) * HOUR : random.int(15, 60) * MINUTE);
  // Most buyers confirm receipt within hours; the job completes the rest after programs.auto_confirm_hours
  // (exactly then, so that no generated order is left for the app's job to complete).
  const completed = delivered + (random.chance(0.75) ? random.int(10, 360) * MINUTE : AUTO_CONFIRM);
  return { created, chosen, confirmed, accepted, ready, delivered, completed, trading };
}

/** Where a fulfilled order stands now: the last step whose time has come. */
function statusAt(t: Timeline, now: number): OrderStatus {
  if (now >= t.completed) return 'completed';
  if (now >= t.delivered) return 'delivered';
  if (now >= t.ready) return 'ready';
  if (now >= t.accepted) return 'accepted';
  if (now >= t.confirmed) return 'confirmed';
  return 'awaiting_payment';
}

const FULFILMENT_STATUS: Record<OrderStatus, FulfilmentStatus> = {
  awaiting_payment: 'pending',
  confirmed: 'pending',
  accepted: 'accepted',
  ready: 'ready',
  delivered: 'delivered',
  completed: 'delivered',
  cancelled: 'pending',
  expired: 'pending',
  rejected: 'rejected',
};

/**
 * `count` orders over the 365 days up to `now` for one tenant, loaded as they are made. The
 * same seed and the same `now` give the same rows. Older orders are almost all completed; a few
 * expired unpaid or were cancelled by the buyer before paying. The last day's are still open
 * (awaiting payment, confirmed, accepted, ready or delivered, by the time of day), and delivered
 * ones the buyer has not confirmed stay so for up to three days.
 */
export async function generateOrders(
  bulk: Bulk,
  tenant: OrderTenant,
  customers: Customers,
  options: { count: number; now: Date },
  random: Random,
): Promise<OrderCounts> {
  const now = options.now.getTime();
  const days = planDays(options.count, now, random);
  const firstDay = days[0]?.start ?? now;
  const counts: OrderCounts = { orders: 0, order_lines: 0, fulfilments: 0, payments: 0, byStatus: {}, lastNumbers: new Map() };
  // Amounts of transfers still open: CS matches a transfer by its amount, so they must differ (payments_open_transfer_amount).
  const openTransferAmounts = new Set<bigint>();
  const marketsWithGoods = tenant.sellersByMarket.flatMap((sellers, m) => (sellers.length ? [m] : []));
  if (marketsWithGoods.length === 0) throw new Error(`tenant ${tenant.id} has no products to order`);
  const id = (kind: string, serial: number) => `${kind}_g${pad(tenant.index, 3)}${pad(serial, 12)}`;

  /** 1 to 3 sellers, mostly from the buyer's own market, popular stalls more often. */
  function pickSellers(customer: Customer): SellerGoods[] {
    const wanted = random.weighted(SELLER_COUNTS) + 1;
    const home = tenant.sellersByMarket[customer.market]?.length ? customer.market : random.pick(marketsWithGoods);
    const picked = new Map<string, SellerGoods>();
    for (let attempt = 0; picked.size < wanted && attempt < wanted * 4; attempt++) {
      const market = picked.size > 0 && random.chance(0.15) ? random.pick(marketsWithGoods) : home;
      const seller = random.skewed(tenant.sellersByMarket[market] as SellerGoods[]);
      picked.set(seller.id, seller);
    }
    return [...picked.values()];
  }

  function makeOrder(chunk: Chunk, created: number): void {
    const serial = counts.orders++;
    const orderId = id('ord', serial);
    const customer = customers.list[random.weighted(customers.frequency)] as Customer;
    const sellers = pickSellers(customer);
    // Delivery needs the buyer's pin (the tariff is by distance); buyers without one collect at the stall.
    const fulfilment: FulfilmentMethod =
      customer.lat === null ? 'pickup' : random.chance(0.7) ? 'delivery' : random.chance(0.85) ? 'pickup' : 'seller_shipping';
    const method: PaymentMethod = fulfilment === 'delivery' && random.chance(0.3) ? 'cod' : random.chance(0.55) ? 'transfer' : 'qris';
    // Cash on delivery is confirmed at checkout; only orders paid online can time out or be called off unpaid.
    const fate = method === 'cod' ? 'fulfilled' : random.chance(0.035) ? 'expired' : random.chance(0.015) ? 'cancelled' : 'fulfilled';
    const t = timeline(created, method, fulfilment, random);
    const reservedUntil = created + PAYMENT_TIMEOUT;
    const cancelledAt = created + random.int(5, 50) * MINUTE;
    let status: OrderStatus = 'awaiting_payment';
    let updated = created;
    if (fate === 'expired' && now >= reservedUntil) {
      status = 'expired';
      updated = reservedUntil;
    } else if (fate === 'cancelled' && now >= cancelledAt) {
      status = 'cancelled';
      updated = cancelledAt;
    } else if (fate === 'fulfilled') {
      status = statusAt(t, now);
      updated = Math.max(...[t.created, t.confirmed, t.accepted, t.ready, t.delivered, t.completed].filter((step) => step <= now));
    }
    counts.byStatus[status] = (counts.byStatus[status] ?? 0) + 1;

    // Lines: at least one per seller, 1–5 in all, each a different variant, popular goods first.
    const lineCount = Math.max(sellers.length, random.weighted(LINE_COUNTS) + 1);
    const perSeller = sellers.map(() => 1);
    for (let extra = lineCount - sellers.length; extra > 0; extra--) {
      const s = random.int(0, sellers.length - 1);
      perSeller[s] = (perSeller[s] ?? 0) + 1;
    }
    // Prices rose a little over the year: older orders carry the lower price they were placed at.
    const priceLevel = 0.93 + (0.07 * (created - firstDay)) / (now - firstDay);
    let goodsTotal = 0n;
    let position = 0;
    sellers.forEach((seller, s) => {
      const chosen = new Set<Goods>();
      for (let attempt = 0; chosen.size < (perSeller[s] as number) && attempt < 8; attempt++) chosen.add(random.skewed(seller.goods));
      for (const goods of chosen) {
        const unitPrice = BigInt(Math.max(100, Math.round((goods.price * priceLevel) / 100) * 100));
        const quantity =
          goods.stepMilli < 1000 ? random.pick(WEIGHED_QUANTITIES) : goods.price >= 100_000 ? 1000 : random.pick(COUNTED_QUANTITIES) * 1000;
        const lineTotal = linePrice(unitPrice, quantity);
        goodsTotal += lineTotal;
        chunk.order_lines.push({
          tenant_id: tenant.id,
          order_id: orderId,
          position: position++,
          kind: 'catalog',
          variant_id: goods.variantId,
          seller_id: seller.id,
          product_title: goods.title,
          variant_name: '',
          unit: goods.unit,
          unit_price: unitPrice,
          quantity_milli: quantity,
          line_total: lineTotal,
        });
      }
    });

    // A market trip when every part is delivered from one market: the shopper's fee and the day it comes.
    const origin = tenant.markets[sellers[0]?.market ?? 0] as Market;
    const point = customer.lat !== null && customer.lng !== null ? { lat: customer.lat, lng: customer.lng } : null;
    const quote = fulfilment === 'delivery' ? quoteDelivery(TARIFF, { point, areaCode: customer.areaCode }, origin) : null;
    const deliveryFee = quote?.ok ? quote.fee : 0n;
    const marketTrip = fulfilment === 'delivery' && sellers.every((seller) => seller.market === sellers[0]?.market);
    const shoppingFee = BigInt(marketTrip ? tenant.shoppingFee : 0);
    const total = goodsTotal + deliveryFee + shoppingFee;

    // Numbered per tenant and local year, in time order, as nextOrderNumber does.
    const year = new Date(created + WIB).getUTCFullYear();
    const sequence = (counts.lastNumbers.get(year) ?? 0) + 1;
    counts.lastNumbers.set(year, sequence);
    chunk.orders.push({
      tenant_id: tenant.id,
      id: orderId,
      number: formatOrderNumber(tenant.prefix, year, sequence),
      buyer_user_id: customer.id,
      program_id: tenant.programId,
      status,
      goods_total: goodsTotal,
      delivery_fee: deliveryFee,
      shopping_fee: shoppingFee,
      total,
      delivery_distance_m: quote?.ok ? quote.distanceM : null,
      deliver_on: marketTrip ? localDate(t.trading) : null,
      address: customer.address,
      area_code: customer.areaCode,
      lat: customer.lat,
      lng: customer.lng,
      notes: random.chance(0.05) ? random.pick(ORDER_NOTES) : '',
      reserved_until: new Date(reservedUntil),
      delivered_at: status === 'delivered' || status === 'completed' ? new Date(t.delivered) : null,
      completed_at: status === 'completed' ? new Date(t.completed) : null,
      created_at: new Date(created),
      updated_at: new Date(updated),
    });

    // One part per seller, moving with the order: every part delivered once the order is.
    const partStatus = FULFILMENT_STATUS[status];
    const partUpdated = partStatus === 'pending' ? created : Math.min(updated, t.delivered);
    for (const seller of sellers) {
      chunk.fulfilments.push({
        tenant_id: tenant.id,
        id: id('ful', counts.fulfilments++),
        order_id: orderId,
        seller_id: seller.id,
        method: fulfilment,
        status: partStatus,
        reason: '',
        created_at: new Date(created),
        updated_at: new Date(partUpdated),
      });
    }

    // The payment: paid for every confirmed order paid online, at the door for cash on delivery.
    // Unpaid orders have an open payment once the buyer picked a method (most do), cancelled when the order ends.
    let paymentStatus: PaymentStatus | null;
    let paidAt: number | null = null;
    let paymentUpdated = t.chosen;
    if (now < t.chosen) paymentStatus = null;
    else if (status === 'expired' || status === 'cancelled') {
      paymentStatus = random.chance(0.6) ? 'cancelled' : null;
      paymentUpdated = updated;
    } else if (status === 'awaiting_payment') paymentStatus = fate === 'fulfilled' || random.chance(0.7) ? 'pending' : null;
    else if (method !== 'cod' || now >= t.delivered) {
      paymentStatus = 'paid';
      paidAt = method === 'cod' ? t.delivered : t.confirmed;
      paymentUpdated = paidAt;
    } else paymentStatus = 'pending';
    if (paymentStatus) {
      // A transfer carries a unique code (1–999) so CS can match it by amount alone.
      let uniqueCode = method === 'transfer' ? random.int(1, 999) : 0;
      if (method === 'transfer' && paymentStatus === 'pending') {
        while (openTransferAmounts.has(total + BigInt(uniqueCode))) uniqueCode = (uniqueCode % 999) + 1;
        openTransferAmounts.add(total + BigInt(uniqueCode));
      }
      chunk.payments.push({
        tenant_id: tenant.id,
        id: id('pay', counts.payments++),
        order_id: orderId,
        method,
        status: paymentStatus,
        amount: total + BigInt(uniqueCode),
        unique_code: uniqueCode,
        // What CS notes when confirming a transfer or QRIS payment from the bank or QRIS app.
        provider_ref: paidAt && method !== 'cod' ? `${method === 'transfer' ? 'mutasi' : 'qris'} ${localDate(paidAt)}` : null,
        paid_at: paidAt === null ? null : new Date(paidAt),
        created_at: new Date(t.chosen),
        updated_at: new Date(paymentUpdated),
      });
    }
  }

  // Loading is a pipeline: a chunk's lines, parts and payments go in once its orders are in (the
  // foreign keys), side by side, while the next chunk's orders load and the one after is made.
  let ordersLoaded: Promise<void> = Promise.resolve();
  const loading: Promise<void>[] = [];
  async function load(chunk: Chunk) {
    const orders = ordersLoaded.then(() => bulk.copy('orders', chunk.orders));
    ordersLoaded = orders;
    const done = orders.then(async () => {
      await Promise.all([
        bulk.copy('order_lines', chunk.order_lines),
        bulk.copy('fulfilments', chunk.fulfilments),
        bulk.copy('payments', chunk.payments),
      ]);
      counts.order_lines += chunk.order_lines.length;
    });
    // Awaited below; a failure meanwhile must not count as unhandled.
    done.catch(() => {});
    loading.push(done);
    // At most two chunks in flight: memory stays flat however many orders there are.
    if (loading.length > 2) await loading.shift();
  }

  let chunk = emptyChunk();
  for (const day of days) {
    // The day's times, sorted: order numbers follow the clock.
    const times = new Float64Array(day.orders);
    for (let i = 0; i < day.orders; i++) {
      const hour = random.weighted(day.hours);
      times[i] = day.start + (hour + random.next() * Math.min(1, day.elapsedHours - hour)) * HOUR;
    }
    times.sort();
    for (const created of times) {
      makeOrder(chunk, Math.floor(created));
      if (chunk.orders.length >= CHUNK) {
        await load(chunk);
        chunk = emptyChunk();
      }
      // Now and then let the COPY streams write to their sockets while this chunk is made.
      if (counts.orders % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }
  await load(chunk);
  await Promise.all(loading);
  return counts;
}
