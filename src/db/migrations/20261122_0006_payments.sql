-- Payments, refunds, payouts and ratings, and the order lifecycle after checkout.
-- Money is whole rupiah (bigint). Every movement of it is also a ledger transaction; these
-- tables hold the workflow (who asked, who checked, which proof), the ledger holds the money.

-- How a program takes money and when it pays sellers.
ALTER TABLE programs
  ADD COLUMN payment_methods text[] NOT NULL DEFAULT '{transfer,qris,cod}'
    CHECK (cardinality(payment_methods) >= 1 AND payment_methods <@ '{transfer,qris,gateway,cod}'::text[]),
  ADD COLUMN bank_name text,
  ADD COLUMN bank_account_number text CHECK (bank_account_number ~ '^[0-9]{5,20}$'),
  ADD COLUMN bank_account_holder text,
  -- The program's static merchant QRIS; each payment gets a dynamic copy carrying its amount.
  ADD COLUMN qris_payload text,
  -- The program's share of each seller's goods, in basis points (250 = 2.5 %).
  ADD COLUMN fee_basis_points integer NOT NULL DEFAULT 0 CHECK (fee_basis_points BETWEEN 0 AND 3000),
  -- A delivered order completes (and sellers become payable) after this long without a complaint.
  ADD COLUMN auto_confirm_hours integer NOT NULL DEFAULT 72 CHECK (auto_confirm_hours BETWEEN 1 AND 720);

-- 'paid' becomes 'confirmed' (paid, or cash on delivery chosen: sellers may start), and a
-- refund is a record of its own rather than an order status.
UPDATE orders SET status = 'confirmed' WHERE status = 'paid';
UPDATE orders SET status = 'cancelled' WHERE status = 'refunded';
ALTER TABLE orders DROP CONSTRAINT orders_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN (
  'awaiting_payment', 'confirmed', 'accepted', 'ready', 'delivered', 'completed', 'cancelled', 'expired', 'rejected'));
ALTER TABLE orders
  ADD COLUMN delivered_at timestamptz,
  ADD COLUMN completed_at timestamptz;
-- The auto-confirm job scans only delivered orders.
CREATE INDEX orders_delivered ON orders (tenant_id, delivered_at) WHERE status = 'delivered';
CREATE INDEX orders_status ON orders (tenant_id, status, created_at DESC);

ALTER TABLE fulfilments
  ADD COLUMN reason text NOT NULL DEFAULT '',
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX fulfilments_seller ON fulfilments (tenant_id, seller_id, created_at DESC);

-- One timeline per order: a fulfilment's steps are order events naming the fulfilment.
ALTER TABLE order_events ADD COLUMN fulfilment_id text;

CREATE TABLE payments (
  tenant_id       text NOT NULL,
  id              text NOT NULL,
  order_id        text NOT NULL,
  method          text NOT NULL CHECK (method IN ('transfer', 'qris', 'gateway', 'cod')),
  status          text NOT NULL CHECK (status IN ('pending', 'submitted', 'paid', 'failed', 'cancelled')),
  -- What the buyer pays: the order total plus, for transfers, the unique code.
  amount          bigint NOT NULL CHECK (amount >= 1),
  unique_code     integer NOT NULL DEFAULT 0 CHECK (unique_code BETWEEN 0 AND 999),
  proof_media_id  text,
  -- The gateway's transaction id, or the CS agent's note of the bank mutation.
  provider_ref    text,
  -- Gateway checkout page (Snap redirect_url).
  redirect_url    text,
  paid_at         timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, order_id) REFERENCES orders(tenant_id, id),
  CHECK ((status = 'paid') = (paid_at IS NOT NULL))
);
CREATE INDEX payments_order ON payments (tenant_id, order_id);
CREATE INDEX payments_open ON payments (tenant_id, status, created_at) WHERE status IN ('pending', 'submitted');
-- A transfer is matched to its order by amount: no two open transfers of a tenant share one.
CREATE UNIQUE INDEX payments_open_transfer_amount ON payments (tenant_id, amount)
  WHERE method = 'transfer' AND status IN ('pending', 'submitted');
-- At most one live payment per order.
CREATE UNIQUE INDEX payments_one_live ON payments (tenant_id, order_id) WHERE status IN ('pending', 'submitted', 'paid');

-- Every step of a payment, and every notification received, accepted or not.
CREATE TABLE payment_events (
  tenant_id          text NOT NULL,
  id                 text NOT NULL,
  payment_id         text NOT NULL,
  from_status        text,
  to_status          text,
  -- e.g. 'created', 'proof_uploaded', 'confirmed', 'proof_rejected', 'notification'.
  kind               text NOT NULL,
  -- A gateway notification is applied once: its id is unique per payment.
  provider_event_id  text,
  accepted           boolean NOT NULL,
  reason             text NOT NULL DEFAULT '',
  payload            jsonb,
  actor              text NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, payment_id) REFERENCES payments(tenant_id, id)
);
CREATE INDEX payment_events_payment ON payment_events (tenant_id, payment_id, created_at);
CREATE UNIQUE INDEX payment_events_provider_event ON payment_events (tenant_id, payment_id, provider_event_id)
  WHERE provider_event_id IS NOT NULL AND accepted;

-- Money owed back to a buyer; paid by staff from the account it came in to.
CREATE TABLE refunds (
  tenant_id    text NOT NULL,
  id           text NOT NULL,
  order_id     text NOT NULL,
  payment_id   text NOT NULL,
  amount       bigint NOT NULL CHECK (amount >= 1),
  reason       text NOT NULL,
  status       text NOT NULL CHECK (status IN ('pending', 'paid')),
  created_by   text NOT NULL,
  paid_by      text,
  paid_at      timestamptz,
  reference    text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, order_id) REFERENCES orders(tenant_id, id),
  FOREIGN KEY (tenant_id, payment_id) REFERENCES payments(tenant_id, id),
  CHECK ((status = 'paid') = (paid_at IS NOT NULL))
);
CREATE INDEX refunds_order ON refunds (tenant_id, order_id);
CREATE INDEX refunds_pending ON refunds (tenant_id, created_at) WHERE status = 'pending';

-- A payout run: what the program owes each seller or courier, paid by bank, e-wallet or cash.
CREATE TABLE payout_runs (
  tenant_id    text NOT NULL REFERENCES tenants(id),
  id           text NOT NULL,
  program_id   text NOT NULL,
  status       text NOT NULL CHECK (status IN ('open', 'settled')),
  total        bigint NOT NULL CHECK (total >= 0),
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  settled_at   timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, program_id) REFERENCES programs(tenant_id, id)
);

CREATE TABLE payout_lines (
  tenant_id       text NOT NULL,
  run_id          text NOT NULL,
  payee_type      text NOT NULL CHECK (payee_type IN ('seller', 'courier')),
  payee_id        text NOT NULL,
  payee_name      text NOT NULL,
  method          text NOT NULL CHECK (method IN ('bank', 'ewallet', 'cash')),
  provider        text,
  account         text,
  account_name    text,
  amount          bigint NOT NULL CHECK (amount >= 1),
  status          text NOT NULL CHECK (status IN ('pending', 'settled')),
  reference       text,
  settled_by      text,
  settled_at      timestamptz,
  PRIMARY KEY (tenant_id, run_id, payee_type, payee_id),
  FOREIGN KEY (tenant_id, run_id) REFERENCES payout_runs(tenant_id, id),
  CHECK ((status = 'settled') = (settled_at IS NOT NULL))
);

CREATE TABLE order_ratings (
  tenant_id   text NOT NULL,
  order_id    text NOT NULL,
  stars       smallint NOT NULL CHECK (stars BETWEEN 1 AND 5),
  comment     text NOT NULL DEFAULT '' CHECK (length(comment) <= 1000),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, order_id),
  FOREIGN KEY (tenant_id, order_id) REFERENCES orders(tenant_id, id)
);
