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

export interface SalesCustomerMonthsTable {
  tenant_id: string;
  program_id: string;
  month: string;
  buyer_user_id: string;
  orders: number;
}

export interface ReportsTables {
  sales_days: SalesDaysTable;
  sales_seller_months: SalesSellerMonthsTable;
  sales_customer_months: SalesCustomerMonthsTable;
}
