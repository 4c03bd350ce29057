-- The sales report reads small rollups, not a year of orders: the transaction that completes an
-- order adds it to its program's day, to each of its sellers' month and to its buyer's month
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

CREATE TABLE sales_customer_months (
  tenant_id      text NOT NULL,
  program_id     text NOT NULL,
  month          date NOT NULL CHECK (extract(day FROM month) = 1),
  buyer_user_id  text NOT NULL REFERENCES users(id),
  orders         integer NOT NULL CHECK (orders >= 0),
  PRIMARY KEY (tenant_id, program_id, month, buyer_user_id),
  FOREIGN KEY (tenant_id, program_id) REFERENCES programs(tenant_id, id)
);
