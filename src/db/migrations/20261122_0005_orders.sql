-- Orders: a buyer's cart, checkout into an order whose counted stock is reserved until it is
-- paid or expires, one fulfilment per seller, and every status change as an event.
-- Money is whole rupiah (bigint); quantities are thousandths of the unit (250 = 0.25 kg).

-- How long an unpaid order holds its stock before it expires.
ALTER TABLE programs ADD COLUMN payment_timeout_minutes integer NOT NULL DEFAULT 60
  CHECK (payment_timeout_minutes BETWEEN 5 AND 10080);

CREATE TABLE carts (
  tenant_id         text NOT NULL REFERENCES tenants(id),
  id                text NOT NULL,
  -- A signed-in buyer's cart, or (later) a guest's, found by the hash of a cookie token.
  user_id           text REFERENCES users(id),
  guest_token_hash  text,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, user_id),
  UNIQUE (tenant_id, guest_token_hash),
  CHECK (user_id IS NOT NULL OR guest_token_hash IS NOT NULL)
);

CREATE TABLE cart_lines (
  tenant_id       text NOT NULL,
  cart_id         text NOT NULL,
  variant_id      text NOT NULL,
  quantity_milli  integer NOT NULL CHECK (quantity_milli BETWEEN 1 AND 1000000000),
  PRIMARY KEY (tenant_id, cart_id, variant_id),
  FOREIGN KEY (tenant_id, cart_id) REFERENCES carts(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, variant_id) REFERENCES variants(tenant_id, id)
);

-- Order numbers are read over the phone: a per-tenant counter per year, taken inside the
-- checkout transaction, so a failed checkout does not use up a number.
CREATE TABLE order_counters (
  tenant_id    text NOT NULL REFERENCES tenants(id),
  year         smallint NOT NULL,
  last_number  integer NOT NULL,
  PRIMARY KEY (tenant_id, year)
);

CREATE TABLE orders (
  tenant_id       text NOT NULL REFERENCES tenants(id),
  id              text NOT NULL,
  -- E.g. JJG-26-000123: program prefix, 2-digit year, per-tenant sequence.
  number          text NOT NULL,
  buyer_user_id   text NOT NULL REFERENCES users(id),
  program_id      text NOT NULL,
  status          text NOT NULL CHECK (status IN (
                    'awaiting_payment', 'paid', 'cancelled', 'expired', 'accepted', 'rejected',
                    'refunded', 'ready', 'delivered', 'completed')),
  goods_total     bigint NOT NULL CHECK (goods_total >= 0),
  delivery_fee    bigint NOT NULL DEFAULT 0 CHECK (delivery_fee >= 0),
  total           bigint NOT NULL CHECK (total = goods_total + delivery_fee),
  address         text NOT NULL,
  area_code       text NOT NULL CHECK (area_code ~ '^[0-9]{2}\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?$'),
  lat             numeric(9, 6) CHECK (lat BETWEEN -90 AND 90),
  lng             numeric(9, 6) CHECK (lng BETWEEN -180 AND 180),
  notes           text NOT NULL DEFAULT '',
  reserved_until  timestamptz NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, number),
  FOREIGN KEY (tenant_id, program_id) REFERENCES programs(tenant_id, id)
);
CREATE INDEX orders_buyer ON orders (tenant_id, buyer_user_id, created_at DESC);
-- The expiry job scans only unpaid orders.
CREATE INDEX orders_unpaid ON orders (tenant_id, reserved_until) WHERE status = 'awaiting_payment';

CREATE TABLE order_lines (
  tenant_id             text NOT NULL,
  order_id              text NOT NULL,
  position              smallint NOT NULL,
  variant_id            text NOT NULL,
  seller_id             text NOT NULL,
  -- Snapshots: the order reads the same after the seller renames or reprices.
  product_title         text NOT NULL,
  variant_name          text NOT NULL DEFAULT '',
  unit                  text NOT NULL,
  unit_price            bigint NOT NULL CHECK (unit_price >= 1),
  quantity_milli        integer NOT NULL CHECK (quantity_milli >= 1),
  line_total            bigint NOT NULL CHECK (line_total >= 0),
  -- Set when weighed goods are reweighed at the market; both amounts are kept.
  final_quantity_milli  integer CHECK (final_quantity_milli >= 0),
  final_line_total      bigint CHECK (final_line_total >= 0),
  PRIMARY KEY (tenant_id, order_id, position),
  FOREIGN KEY (tenant_id, order_id) REFERENCES orders(tenant_id, id),
  FOREIGN KEY (tenant_id, variant_id) REFERENCES variants(tenant_id, id),
  FOREIGN KEY (tenant_id, seller_id) REFERENCES sellers(tenant_id, id)
);

CREATE TABLE fulfilments (
  tenant_id   text NOT NULL,
  id          text NOT NULL,
  order_id    text NOT NULL,
  seller_id   text NOT NULL,
  method      text NOT NULL CHECK (method IN ('delivery', 'pickup', 'seller_shipping')),
  status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected', 'ready', 'delivered')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, order_id, seller_id),
  FOREIGN KEY (tenant_id, order_id) REFERENCES orders(tenant_id, id),
  FOREIGN KEY (tenant_id, seller_id) REFERENCES sellers(tenant_id, id)
);

CREATE TABLE order_events (
  tenant_id    text NOT NULL,
  id           text NOT NULL,
  order_id     text NOT NULL,
  from_status  text,
  to_status    text NOT NULL,
  -- A user id, or 'system' for jobs such as expiry.
  actor        text NOT NULL,
  reason       text NOT NULL DEFAULT '',
  created_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, order_id) REFERENCES orders(tenant_id, id)
);
CREATE INDEX order_events_order ON order_events (tenant_id, order_id, created_at);
