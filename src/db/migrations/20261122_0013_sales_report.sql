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

-- Customers are counted once per period however often they ordered: bit n of `months` is set
-- when they completed an order in the n-th month from January 2000, so the customers of any
-- months are one pass over a program's customers. `added` holds the bits the last change set, so
-- the statement that sets them can count who is new to each month (sales_months).
CREATE TABLE sales_customers (
  tenant_id      text NOT NULL,
  program_id     text NOT NULL,
  buyer_user_id  text NOT NULL REFERENCES users(id),
  months         bit(1200) NOT NULL,
  added          bit(1200) NOT NULL,
  PRIMARY KEY (tenant_id, program_id, buyer_user_id),
  FOREIGN KEY (tenant_id, program_id) REFERENCES programs(tenant_id, id)
);

CREATE TABLE sales_months (
  tenant_id   text NOT NULL,
  program_id  text NOT NULL,
  month       date NOT NULL CHECK (extract(day FROM month) = 1),
  customers   integer NOT NULL CHECK (customers >= 0),
  PRIMARY KEY (tenant_id, program_id, month),
  FOREIGN KEY (tenant_id, program_id) REFERENCES programs(tenant_id, id)
);
