import type { ColumnType } from 'kysely';

/** bigint rupiah: read as bigint, written as number or bigint. */
type Rupiah = ColumnType<bigint, bigint | number, bigint | number>;

// Rollups of completed orders for the sales report (migration 0013); dates are 'YYYY-MM-DD'.

export interface SalesDaysTable {
  tenant_id: string;
  program_id: string;
  day: string;
  orders: number;
  goods: Rupiah;
  fees: Rupiah;
}

export interface SalesSellerMonthsTable {
  tenant_id: string;
  program_id: string;
  month: string;
  seller_id: string;
  orders: number;
  goods: Rupiah;
}

/** bit(1200) as text of '0' and '1': one bit per month from January 2000 (see sales.ts). */
type MonthBits = ColumnType<string, string, string>;

export interface SalesCustomersTable {
  tenant_id: string;
  program_id: string;
  buyer_user_id: string;
  months: MonthBits;
  added: MonthBits;
}

export interface SalesMonthsTable {
  tenant_id: string;
  program_id: string;
  month: string;
  customers: number;
}

export interface ReportsTables {
  sales_days: SalesDaysTable;
  sales_seller_months: SalesSellerMonthsTable;
  sales_customers: SalesCustomersTable;
  sales_months: SalesMonthsTable;
}
