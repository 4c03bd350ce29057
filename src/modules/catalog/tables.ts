import type { ColumnType, Generated } from 'kysely';
import type { Unit } from '../../shared/quantity.ts';

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;
/** date: read as a YYYY-MM-DD string (see db/database.ts). */
type DateColumn = ColumnType<string, string, string>;
/** bigint rupiah: read as bigint, written as number or bigint. */
type Rupiah = ColumnType<bigint, bigint | number, bigint | number>;

export type StockMode = 'counted' | 'daily';

export interface ProductsTable {
  tenant_id: string;
  id: string;
  seller_id: string;
  program_id: string;
  market_id: string | null;
  category_slug: string;
  commodity_slug: string | null;
  title: string;
  description: Generated<string>;
  photo_ids: Generated<string[]>;
  active: Generated<boolean>;
  listed: Generated<boolean>;
  min_price: ColumnType<bigint, bigint | number | undefined, bigint | number>;
  price_unit: ColumnType<Unit, Unit | undefined, Unit>;
  /** The product is in stock on day d when this is null or before d; 'infinity' = counted stock is gone. */
  sold_out_until: ColumnType<string | null, string | null | undefined, string | null>;
  name_key: string;
  search_text: string;
  search_vector: ColumnType<string, never, never>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface VariantsTable {
  tenant_id: string;
  id: string;
  product_id: string;
  position: number;
  name: Generated<string>;
  unit: Unit;
  step_milli: number;
  minimum_milli: number;
  price: Rupiah;
  stock_mode: StockMode;
  stock_milli: Generated<number>;
  sold_out_on: ColumnType<string | null, string | null | undefined, string | null>;
  weight_grams: number | null;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface PriceHistoryTable {
  tenant_id: string;
  id: Generated<bigint>;
  product_id: string;
  variant_id: string;
  unit: Unit;
  price: Rupiah;
  changed_by: string | null;
  changed_at: CreatedAt;
}

export interface ReferencePricesTable {
  tenant_id: string;
  market_id: string;
  commodity_slug: string;
  price_date: DateColumn;
  unit: Unit;
  price: Rupiah;
  published_by: string | null;
  published_at: UpdatedAt;
}

export interface SearchWordsTable {
  tenant_id: string;
  word: string;
}

export interface CatalogTables {
  products: ProductsTable;
  variants: VariantsTable;
  price_history: PriceHistoryTable;
  reference_prices: ReferencePricesTable;
  search_words: SearchWordsTable;
}
