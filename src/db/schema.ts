import type { HttpTables } from '../http/tables.ts';
import type { AuditTables } from '../modules/audit/tables.ts';
import type { CatalogTables } from '../modules/catalog/tables.ts';
import type { DeliveryTables } from '../modules/delivery/tables.ts';
import type { IdentityTables } from '../modules/identity/tables.ts';
import type { LedgerTables } from '../modules/ledger/tables.ts';
import type { MediaTables } from '../modules/media/tables.ts';
import type { MessagingTables } from '../modules/messaging/tables.ts';
import type { OrdersTables } from '../modules/orders/tables.ts';
import type { PaymentsTables } from '../modules/payments/tables.ts';
import type { ReportsTables } from '../modules/reports/tables.ts';
import type { SellersTables } from '../modules/sellers/tables.ts';
import type { TenancyTables } from '../modules/tenancy/tables.ts';

/** The whole database as Kysely sees it; each module declares its own tables. */
export interface DB
  extends TenancyTables,
    IdentityTables,
    MessagingTables,
    AuditTables,
    MediaTables,
    SellersTables,
    CatalogTables,
    LedgerTables,
    OrdersTables,
    PaymentsTables,
    DeliveryTables,
    ReportsTables,
    HttpTables {}
