import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface TenantsTable {
  id: string;
  slug: string;
  name: string;
  area_code: string;
  time_zone: Generated<string>;
  created_at: CreatedAt;
}

export interface DomainsTable {
  host: string;
  tenant_id: string;
  created_at: CreatedAt;
}

export interface ProgramsTable {
  tenant_id: string;
  id: string;
  slug: string;
  name: string;
  description: Generated<string>;
  whatsapp_phone: string | null;
  /** The Cloud API id of the program's WhatsApp number; webhooks are routed by it. */
  whatsapp_phone_number_id: ColumnType<string | null, string | null | undefined, string | null>;
  active: Generated<boolean>;
  /** Checklist item codes curators tick before approving a seller. */
  curation_checklist: ColumnType<string[], string | undefined, string>;
  /** How long an unpaid order keeps its stock reserved. */
  payment_timeout_minutes: Generated<number>;
  /** Payment methods buyers may choose: 'transfer', 'qris', 'gateway', 'cod'. */
  payment_methods: ColumnType<string[], string | undefined, string>;
  bank_name: string | null;
  bank_account_number: string | null;
  bank_account_holder: string | null;
  /** The program's static merchant QRIS payload. */
  qris_payload: string | null;
  /** The program's share of each seller's goods; 250 = 2.5 %. */
  fee_basis_points: Generated<number>;
  /** A delivered order completes after this many hours unless the buyer confirms earlier. */
  auto_confirm_hours: Generated<number>;
  /** The delivery tariff as JSON; its shape is checked by the delivery module. */
  delivery_tariff: ColumnType<unknown, string | undefined, string>;
  courier_offer_seconds: Generated<number>;
  courier_max_jobs: Generated<number>;
  /** How far (basis points) a reweighed line may differ from the order before the buyer is asked. */
  reweigh_tolerance_bp: Generated<number>;
  /** Buyers may add free-text "titip belanja" lines to a market trip, each capped at titip_max_cap. */
  titip_enabled: Generated<boolean>;
  /** Jasa belanja: added to each market-trip order for the shopper, on top of the delivery fee. */
  shopping_fee: ColumnType<bigint, bigint | number | undefined, bigint | number>;
  titip_max_cap: ColumnType<bigint, bigint | number | undefined, bigint | number>;
  /** null = the program's own couriers; else the delivery partner adapter jobs go to. */
  delivery_partner: ColumnType<string | null, string | null | undefined, string | null>;
  reweigh_decision_minutes: Generated<number>;
  reweigh_default: Generated<'accept' | 'remove'>;
  created_at: CreatedAt;
}

export interface MarketsTable {
  tenant_id: string;
  id: string;
  name: string;
  kind: 'traditional_market' | 'umkm_hub' | 'showroom' | 'warehouse';
  address: Generated<string>;
  area_code: string;
  /** numeric(9,6): read as a string, written as a number or string. */
  lat: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  lng: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  hours: Generated<string>;
  /** ISO weekdays the market trades, e.g. '135'; orders for other days wait for the next one. */
  market_days: Generated<string>;
  /** 'HH:MM' local time after which an order is delivered on the next market day. */
  order_cutoff: ColumnType<string | null, string | null | undefined, string | null>;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface TenancyTables {
  tenants: TenantsTable;
  domains: DomainsTable;
  programs: ProgramsTable;
  markets: MarketsTable;
}
