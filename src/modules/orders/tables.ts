import type { ColumnType, Generated } from 'kysely';
import type { Unit } from '../../shared/quantity.ts';

type CreatedAt = ColumnType<Date, Date | undefined, never>;
/** bigint rupiah: read as bigint, written as number or bigint. */
type Rupiah = ColumnType<bigint, bigint | number, bigint | number>;
/** numeric(9,6): read as a string, written as a number or null. */
type Coordinate = ColumnType<string | null, number | null | undefined, number | null>;

export const ORDER_STATUSES = [
  'awaiting_payment',
  'confirmed',
  'accepted',
  'ready',
  'delivered',
  'completed',
  'cancelled',
  'expired',
  'rejected',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const FULFILMENT_METHODS = ['delivery', 'pickup', 'seller_shipping'] as const;
export type FulfilmentMethod = (typeof FULFILMENT_METHODS)[number];

export const FULFILMENT_STATUSES = ['pending', 'accepted', 'rejected', 'ready', 'delivered'] as const;
export type FulfilmentStatus = (typeof FULFILMENT_STATUSES)[number];

export interface CartsTable {
  tenant_id: string;
  id: string;
  user_id: string | null;
  guest_token_hash: string | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface CartLinesTable {
  tenant_id: string;
  cart_id: string;
  variant_id: string;
  quantity_milli: number;
}

export interface OrderCountersTable {
  tenant_id: string;
  year: number;
  last_number: number;
}

export interface OrdersTable {
  tenant_id: string;
  id: string;
  number: string;
  buyer_user_id: string;
  program_id: string;
  status: OrderStatus;
  goods_total: Rupiah;
  delivery_fee: Rupiah;
  /** Jasa belanja of a market trip, fixed at checkout; 0 otherwise. */
  shopping_fee: ColumnType<bigint, bigint | number | undefined, bigint | number>;
  total: Rupiah;
  address: string;
  area_code: string;
  lat: Coordinate;
  lng: Coordinate;
  notes: Generated<string>;
  reserved_until: Date;
  delivery_distance_m: number | null;
  /** 'YYYY-MM-DD' (regency time) the order is delivered on, from its market's days and cut-off. */
  deliver_on: ColumnType<string | null, string | null | undefined, string | null>;
  delivered_at: ColumnType<Date | null, never, Date>;
  completed_at: ColumnType<Date | null, never, Date>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface OrderLinesTable {
  tenant_id: string;
  order_id: string;
  position: number;
  /** 'request' = a titip line: the buyer's words, no variant or seller, line_total is the cap. */
  kind: Generated<LineKind>;
  variant_id: string | null;
  seller_id: string | null;
  product_title: string;
  variant_name: Generated<string>;
  unit: Unit;
  unit_price: Rupiah;
  quantity_milli: number;
  line_total: Rupiah;
  final_quantity_milli: number | null;
  final_line_total: ColumnType<bigint | null, bigint | number | null | undefined, bigint | number | null>;
  reweigh_status: ReweighStatus | null;
  proposed_quantity_milli: number | null;
  proposed_line_total: ColumnType<bigint | null, bigint | number | null | undefined, bigint | number | null>;
  decide_by: Date | null;
  /** The titip line's estimated price (null for catalogue lines). */
  estimate: ColumnType<bigint | null, bigint | number | null | undefined, never>;
  /** A substitute the shopper proposes, and the one bought once the buyer accepts it. */
  proposed_name: string | null;
  substitute_name: string | null;
}

export type LineKind = 'catalog' | 'request';
export type ReweighStatus = 'adjusted' | 'asked' | 'accepted' | 'removed' | 'unavailable';

export interface LineEventsTable {
  tenant_id: string;
  id: string;
  order_id: string;
  position: number;
  kind: 'weighed' | 'unavailable' | 'asked' | 'substitute' | 'accepted' | 'removed' | 'defaulted';
  quantity_milli: number | null;
  line_total: ColumnType<bigint | null, bigint | number | null, never>;
  actor: string;
  reason: Generated<string>;
  created_at: CreatedAt;
}

export interface FulfilmentsTable {
  tenant_id: string;
  id: string;
  order_id: string;
  seller_id: string;
  method: FulfilmentMethod;
  status: Generated<FulfilmentStatus>;
  /** Why the seller rejected it. */
  reason: Generated<string>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface OrderEventsTable {
  tenant_id: string;
  id: string;
  order_id: string;
  /** Set when the event is a step of one seller's fulfilment. */
  fulfilment_id: string | null;
  /** An order status, or a fulfilment status when fulfilment_id is set. */
  from_status: string | null;
  to_status: string;
  actor: string;
  reason: Generated<string>;
  created_at: CreatedAt;
}

export interface OrderRatingsTable {
  tenant_id: string;
  order_id: string;
  stars: number;
  comment: Generated<string>;
  created_at: CreatedAt;
}

export interface OrdersTables {
  carts: CartsTable;
  cart_lines: CartLinesTable;
  order_counters: OrderCountersTable;
  orders: OrdersTable;
  order_lines: OrderLinesTable;
  fulfilments: FulfilmentsTable;
  order_events: OrderEventsTable;
  order_ratings: OrderRatingsTable;
  line_events: LineEventsTable;
}
