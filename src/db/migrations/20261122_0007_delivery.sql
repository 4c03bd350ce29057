-- Delivery: each program's tariff, its couriers (ojek association members), and delivery jobs
-- offered to them fairly. Money is whole rupiah; coordinates are WGS84 degrees.

ALTER TABLE programs
  -- {"kind":"bands","baseFee":8000,"baseKm":3,"perKm":2000,"maxFee":15000,"roadFactor":1.3,"maxKm":20}
  -- or {"kind":"zones","zones":[{"area":"33.03.05","fee":8000}],"otherFee":15000}; checked by the app.
  ADD COLUMN delivery_tariff jsonb NOT NULL
    DEFAULT '{"kind":"bands","baseFee":8000,"baseKm":3,"perKm":2000,"maxFee":15000,"roadFactor":1.3,"maxKm":20}',
  -- How long a courier has to take an offered job before it goes to the next one.
  ADD COLUMN courier_offer_seconds integer NOT NULL DEFAULT 60 CHECK (courier_offer_seconds BETWEEN 15 AND 900),
  -- Jobs a courier may hold at once (a shopper can carry two small orders from one market).
  ADD COLUMN courier_max_jobs integer NOT NULL DEFAULT 2 CHECK (courier_max_jobs BETWEEN 1 AND 10);

-- Straight-line distance from where the goods start to the buyer's pin, times the road factor.
ALTER TABLE orders ADD COLUMN delivery_distance_m integer CHECK (delivery_distance_m >= 0);

CREATE TABLE couriers (
  tenant_id      text NOT NULL REFERENCES tenants(id),
  id             text NOT NULL,
  program_id     text NOT NULL,
  user_id        text NOT NULL REFERENCES users(id),
  name           text NOT NULL,
  -- Paguyuban / ojek association the courier belongs to ("Ojol Perwira").
  association    text NOT NULL DEFAULT '',
  vehicle_plate  text NOT NULL CHECK (vehicle_plate ~ '^[A-Z]{1,2} [0-9]{1,4}( [A-Z]{1,3})?$'),
  -- Staff who saw the courier's KTP and SIM; a courier gets jobs only once checked.
  id_checked_by  text,
  id_checked_at  timestamptz,
  active         boolean NOT NULL DEFAULT true,
  available      boolean NOT NULL DEFAULT false,
  lat            numeric(9, 6) CHECK (lat BETWEEN -90 AND 90),
  lng            numeric(9, 6) CHECK (lng BETWEEN -180 AND 180),
  located_at     timestamptz,
  -- When the courier last got a job: among couriers equally near, the longest-waiting goes first.
  last_job_at    timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, program_id, user_id),
  FOREIGN KEY (tenant_id, program_id) REFERENCES programs(tenant_id, id),
  CHECK ((id_checked_by IS NULL) = (id_checked_at IS NULL))
);
CREATE INDEX couriers_available ON couriers (tenant_id, program_id) WHERE available AND active;
CREATE INDEX couriers_user ON couriers (tenant_id, user_id);

CREATE TABLE delivery_jobs (
  tenant_id       text NOT NULL,
  id              text NOT NULL,
  order_id        text NOT NULL,
  program_id      text NOT NULL,
  -- A market trip: the courier shops at the stalls, then delivers. Else: pick up and deliver.
  kind            text NOT NULL CHECK (kind IN ('market_trip', 'delivery')),
  market_id       text,
  pickup_lat      numeric(9, 6),
  pickup_lng      numeric(9, 6),
  dropoff_lat     numeric(9, 6),
  dropoff_lng     numeric(9, 6),
  status          text NOT NULL CHECK (status IN (
                    'waiting', 'offered', 'accepted', 'shopping', 'picked_up', 'delivering',
                    'delivered', 'failed', 'returned', 'cancelled')),
  courier_id      text,
  -- Handed to an external delivery partner instead of the program's couriers.
  partner         text,
  partner_ref     text,
  -- What the courier earns: the order's delivery fee.
  fee             bigint NOT NULL CHECK (fee >= 0),
  -- The buyer tells the courier this code at the door; three wrong tries lock it for CS.
  proof_code      text NOT NULL CHECK (proof_code ~ '^[0-9]{4}$'),
  code_attempts   smallint NOT NULL DEFAULT 0,
  proof_media_id  text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  delivered_at    timestamptz,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, order_id),
  FOREIGN KEY (tenant_id, order_id) REFERENCES orders(tenant_id, id),
  FOREIGN KEY (tenant_id, courier_id) REFERENCES couriers(tenant_id, id)
);
-- The dispatcher scans jobs waiting for a courier; couriers' loads count their running jobs.
CREATE INDEX delivery_jobs_unassigned ON delivery_jobs (tenant_id, created_at) WHERE status IN ('waiting', 'offered');
CREATE INDEX delivery_jobs_running ON delivery_jobs (tenant_id, courier_id)
  WHERE status IN ('accepted', 'shopping', 'picked_up', 'delivering');

-- Every offer made: one courier at a time, with a deadline.
CREATE TABLE job_offers (
  tenant_id    text NOT NULL,
  job_id       text NOT NULL,
  courier_id   text NOT NULL,
  status       text NOT NULL CHECK (status IN ('open', 'accepted', 'declined', 'expired', 'withdrawn')),
  offered_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  answered_at  timestamptz,
  PRIMARY KEY (tenant_id, job_id, courier_id),
  FOREIGN KEY (tenant_id, job_id) REFERENCES delivery_jobs(tenant_id, id),
  FOREIGN KEY (tenant_id, courier_id) REFERENCES couriers(tenant_id, id)
);
CREATE INDEX job_offers_open ON job_offers (tenant_id, expires_at) WHERE status = 'open';
CREATE UNIQUE INDEX job_offers_one_open ON job_offers (tenant_id, job_id) WHERE status = 'open';

CREATE TABLE job_events (
  tenant_id    text NOT NULL,
  id           text NOT NULL,
  job_id       text NOT NULL,
  from_status  text,
  to_status    text NOT NULL,
  actor        text NOT NULL,
  reason       text NOT NULL DEFAULT '',
  lat          numeric(9, 6),
  lng          numeric(9, 6),
  created_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, job_id) REFERENCES delivery_jobs(tenant_id, id)
);
CREATE INDEX job_events_job ON job_events (tenant_id, job_id, created_at);

-- A phone on a flaky connection sends a step again when it did not see the answer: a request
-- carrying an Idempotency-Key is answered from here the second time instead of run twice.
CREATE TABLE idempotent_requests (
  tenant_id    text NOT NULL REFERENCES tenants(id),
  user_id      text NOT NULL,
  key          text NOT NULL CHECK (length(key) BETWEEN 8 AND 100),
  route        text NOT NULL,
  status_code  smallint NOT NULL,
  body         text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, user_id, key)
);
