-- The sales report reads small rollups, not a year of orders: the transaction that completes an
-- order adds it to its program's day, to each of its sellers' month and to its buyer's months
-- (reports/sales.ts). Days and months are the tenant's local ones. `npm run cli -- reports
-- rebuild` recomputes them from the orders.

CREATE TABLE sales_days (
  tenant_id   text NOT NULL REFERENCES tenants(id),
  program_id  text NOT NULL,
  day         date NOT NULL,
  orders      integer NOT NULL CHECK (orders >= 0),
  -- Goods after reweighing, substitutes and rejected parts; titip lines included.
  goods       bigint NOT NULL CHECK (goods >= 0),
  -- Delivery and shopping fees.
  fees        bigint NOT NULL CHECK (fees >= 0),
  PRIMARY KEY (tenant_id, program_id, day),
  FOREIGN KEY (tenant_id, program_id) REFERENCES programs(tenant_id, id)
);

CREATE TABLE sales_seller_months (
  tenant_id   text NOT NULL,
  program_id  text NOT NULL,
  -- The first day of the month.
  month       date NOT NULL CHECK (extract(day FROM month) = 1),
  seller_id   text NOT NULL,
  orders      integer NOT NULL CHECK (orders >= 0),
  goods       bigint NOT NULL CHECK (goods >= 0),
  PRIMARY KEY (tenant_id, program_id, month, seller_id),
  FOREIGN KEY (tenant_id, program_id) REFERENCES programs(tenant_id, id),
  FOREIGN KEY (tenant_id, seller_id) REFERENCES sellers(tenant_id, id)
);

-- Customers are counted once per period however often they bought. Each customer's last month
-- (and the one before it, as the last change found it) is in sales_customers; sales_customer_months
-- counts the customers who bought in a month by the month they had last bought before (null: never).
-- The customers of months a..b are then those of each month whose previous month is before a: a
-- few hundred rows for a year, however many customers.
CREATE TABLE sales_customers (
  tenant_id       text NOT NULL,
  program_id      text NOT NULL,
  buyer_user_id   text NOT NULL REFERENCES users(id),
  last_month      date NOT NULL CHECK (extract(day FROM last_month) = 1),
  previous_month  date CHECK (previous_month < last_month),
  PRIMARY KEY (tenant_id, program_id, buyer_user_id),
  FOREIGN KEY (tenant_id, program_id) REFERENCES programs(tenant_id, id)
);

CREATE TABLE sales_customer_months (
  tenant_id       text NOT NULL,
  program_id      text NOT NULL,
  month           date NOT NULL CHECK (extract(day FROM month) = 1),
  previous_month  date CHECK (previous_month < month),
  customers       integer NOT NULL CHECK (customers >= 0),
  UNIQUE NULLS NOT DISTINCT (tenant_id, program_id, month, previous_month),
  FOREIGN KEY (tenant_id, program_id) REFERENCES programs(tenant_id, id)
);
