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

export interface SalesCustomersTable {
  tenant_id: string;
  program_id: string;
  buyer_user_id: string;
  last_month: string;
  previous_month: string | null;
}

export interface SalesCustomerMonthsTable {
  tenant_id: string;
  program_id: string;
  month: string;
  previous_month: string | null;
  customers: number;
}

export interface ReportsTables {
  sales_days: SalesDaysTable;
  sales_seller_months: SalesSellerMonthsTable;
  sales_customers: SalesCustomersTable;
  sales_customer_months: SalesCustomerMonthsTable;
}
