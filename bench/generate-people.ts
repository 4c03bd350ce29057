// Buyers and couriers of one regency: users with Indonesian names and unique +62 8xx phones, a
// membership each, and the couriers' own rows (plate, association, some on duty near a market).
import type { Bulk, CopyRow } from './bulk.ts';
import { FAMILY_NAMES, GIVEN_NAMES, PHONE_PREFIXES, STREETS } from './names.ts';
import { cumulative, type Random } from './random.ts';

const DAY = 86_400_000;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Person number n → a unique mobile number: the prefix cycles, and the 8 digits after it are a
 * bijection of n (multiplying by a number coprime to 10^8), so numbers look scattered yet never repeat.
 */
export function phoneOf(person: number): string {
  const prefix = PHONE_PREFIXES[person % PHONE_PREFIXES.length] as string;
  const serial = Math.floor(person / PHONE_PREFIXES.length);
  return `+62${prefix}${pad((serial * 7_654_321 + 1_234_567) % 100_000_000, 8)}`;
}

function personName(random: Random): string {
  const given = random.pick(GIVEN_NAMES);
  return random.chance(0.35) ? given : `${given} ${random.pick(FAMILY_NAMES)}`;
}

export interface Market {
  id: string;
  lat: number;
  lng: number;
}

export interface Customer {
  id: string;
  /** Index into the tenant's markets: where most of this buyer's goods come from. */
  market: number;
  address: string;
  areaCode: string;
  /** The pin shared at checkout; some buyers never share one. */
  lat: number | null;
  lng: number | null;
}

export interface Customers {
  list: Customer[];
  /** Running totals of how often each buyer orders, for Random.weighted. */
  frequency: Float64Array;
}

/** A point within about `km` kilometres of a place. */
function near(place: { lat: number; lng: number }, km: number, random: Random) {
  const degrees = km / 111;
  return { lat: round6(place.lat + random.between(-degrees, degrees)), lng: round6(place.lng + random.between(-degrees, degrees)) };
}
const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

/**
 * Buyers who joined before the generated year. How often each orders is skewed the way a market's
 * customers are: 2 % heavy buyers (warung owners, caterers: several orders a week), 18 % regulars,
 * and the rest occasional (a handful of orders a year).
 */
export async function generateCustomers(
  bulk: Bulk,
  tenant: { id: string; villages: string[]; markets: Market[] },
  options: { count: number; firstPerson: number; since: Date },
  random: Random,
): Promise<Customers> {
  const list: Customer[] = [];
  const weights = new Float64Array(options.count);
  const users: CopyRow<'users'>[] = [];
  const memberships: CopyRow<'memberships'>[] = [];
  // Pasar Induk, the first market, draws the most buyers; the others fewer and fewer.
  const marketShare = cumulative(tenant.markets.map((_, m) => 1 / (m + 1)));
  for (let i = 0; i < options.count; i++) {
    const person = options.firstPerson + i;
    const id = `usr_pb${pad(person, 14)}`;
    const joined = new Date(options.since.getTime() - random.int(1, 120) * DAY);
    users.push({ id, phone: phoneOf(person), name: personName(random), created_at: joined });
    memberships.push({ tenant_id: tenant.id, user_id: id, role: 'buyer', created_at: joined });
    const market = random.weighted(marketShare);
    const pin = random.chance(0.8) ? near(tenant.markets[market] as Market, 6, random) : null;
    list.push({
      id,
      market,
      address: `${random.pick(STREETS)} No. ${random.int(1, 150)}, RT ${pad(random.int(1, 9), 2)}/RW ${pad(random.int(1, 12), 2)}`,
      areaCode: random.pick(tenant.villages),
      lat: pin?.lat ?? null,
      lng: pin?.lng ?? null,
    });
    const kind = random.next();
    weights[i] = kind < 0.02 ? random.between(40, 120) : kind < 0.2 ? random.between(5, 20) : random.between(0.5, 3);
  }
  await bulk.copy('users', users);
  await bulk.copy('memberships', memberships);
  return { list, frequency: cumulative(weights) };
}

const ASSOCIATIONS = ['Paguyuban Ojek Pasar', 'Ojek Pangkalan Terminal', 'Kurir Desa Mandiri'];

/** Checked couriers of the program; about a third on duty now, each near one of the markets. */
export async function generateCouriers(
  bulk: Bulk,
  tenant: { id: string; programId: string; markets: Market[] },
  options: { count: number; firstPerson: number; since: Date; now: Date },
  random: Random,
): Promise<void> {
  const users: CopyRow<'users'>[] = [];
  const memberships: CopyRow<'memberships'>[] = [];
  const couriers: CopyRow<'couriers'>[] = [];
  for (let i = 0; i < options.count; i++) {
    const person = options.firstPerson + i;
    const userId = `usr_kr${pad(person, 14)}`;
    const name = personName(random);
    const joined = new Date(options.since.getTime() - random.int(1, 60) * DAY);
    users.push({ id: userId, phone: phoneOf(person), name, created_at: joined });
    memberships.push({ tenant_id: tenant.id, user_id: userId, role: 'courier', created_at: joined });
    const onDuty = random.chance(0.35);
    const point = onDuty ? near(random.pick(tenant.markets), 3, random) : null;
    const plateLetters = String.fromCharCode(65 + random.int(0, 25), 65 + random.int(0, 25));
    couriers.push({
      tenant_id: tenant.id,
      id: `cur_g${pad(person, 15)}`,
      program_id: tenant.programId,
      user_id: userId,
      name,
      association: random.pick(ASSOCIATIONS),
      vehicle_plate: `R ${random.int(1000, 9999)} ${plateLetters}`,
      id_checked_by: 'bench',
      id_checked_at: joined,
      active: true,
      available: onDuty,
      lat: point?.lat ?? null,
      lng: point?.lng ?? null,
      located_at: point ? new Date(options.now.getTime() - random.int(1, 300) * 1000) : null,
      last_job_at: random.chance(0.2) ? null : new Date(options.now.getTime() - random.int(10, 3 * 24 * 60) * 60_000),
      created_at: joined,
    });
  }
  await bulk.copy('users', users);
  await bulk.copy('memberships', memberships);
  await bulk.copy('couriers', couriers);
}
