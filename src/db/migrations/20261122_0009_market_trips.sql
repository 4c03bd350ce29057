-- Market trips as they really run: the shopper buys what the catalogue lacks ("titip belanja"),
-- proposes substitutes, pays traders in cash from a float the program gives (dana talangan),
-- and markets keep their own days and cut-off times. Programs may hand deliveries to a partner.

ALTER TABLE programs
  -- Buyers may add free-text lines with an estimate and a cap to a market trip.
  ADD COLUMN titip_enabled boolean NOT NULL DEFAULT false,
  ADD COLUMN titip_max_cap bigint NOT NULL DEFAULT 200000 CHECK (titip_max_cap BETWEEN 1000 AND 5000000),
  -- null = the program's own couriers; else the name of a delivery partner adapter ('simulated').
  ADD COLUMN delivery_partner text CHECK (delivery_partner ~ '^[a-z][a-z0-9-]{1,30}$');

ALTER TABLE markets
  -- ISO weekdays the market trades (1 = Monday … 7 = Sunday), e.g. '135' for Mon, Wed, Fri.
  ADD COLUMN market_days text NOT NULL DEFAULT '1234567' CHECK (market_days ~ '^[1-7]{1,7}$'),
  -- Local time after which an order is delivered on the next market day ("order before 09:00").
  ADD COLUMN order_cutoff text CHECK (order_cutoff ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$');

-- The calendar day (regency time) the order is delivered on; couriers get it that day.
ALTER TABLE orders ADD COLUMN deliver_on date;

-- A titip line ('request') is the buyer's own words with an estimate; its line_total is the
-- cap the buyer allows, and the shopper records what it actually cost. It has no seller.
ALTER TABLE order_lines
  ALTER COLUMN variant_id DROP NOT NULL,
  ALTER COLUMN seller_id DROP NOT NULL,
  ADD COLUMN kind text NOT NULL DEFAULT 'catalog' CHECK (kind IN ('catalog', 'request')),
  ADD COLUMN estimate bigint CHECK (estimate >= 0),
  -- A substitute the shopper proposes (the buyer decides), and the one bought once accepted.
  ADD COLUMN proposed_name text,
  ADD COLUMN substitute_name text,
  ADD CHECK ((kind = 'catalog') = (variant_id IS NOT NULL AND seller_id IS NOT NULL)),
  ADD CHECK ((kind = 'request') = (estimate IS NOT NULL));

ALTER TABLE line_events DROP CONSTRAINT line_events_kind_check;
ALTER TABLE line_events ADD CONSTRAINT line_events_kind_check
  CHECK (kind IN ('weighed', 'unavailable', 'asked', 'substitute', 'accepted', 'removed', 'defaulted'));

-- Cash the shopper paid at a stall from the float: to a trader of the platform (seller_id) or,
-- for titip lines, to anyone at the market. Each is also a ledger transaction.
CREATE TABLE stall_payments (
  tenant_id   text NOT NULL,
  id          text NOT NULL,
  job_id      text NOT NULL,
  courier_id  text NOT NULL,
  seller_id   text,
  amount      bigint NOT NULL CHECK (amount BETWEEN 1 AND 10000000),
  media_id    text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, job_id) REFERENCES delivery_jobs(tenant_id, id),
  FOREIGN KEY (tenant_id, courier_id) REFERENCES couriers(tenant_id, id),
  FOREIGN KEY (tenant_id, seller_id) REFERENCES sellers(tenant_id, id)
);
CREATE INDEX stall_payments_job ON stall_payments (tenant_id, job_id);
