-- Uploaded files (photos of products, stalls, certificates) and sellers with their curation lifecycle.

CREATE TABLE media (
  tenant_id    text NOT NULL REFERENCES tenants(id),
  id           text NOT NULL,
  -- Sniffed from the bytes, never taken from the file name.
  mime         text NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp')),
  byte_size    integer NOT NULL CHECK (byte_size > 0),
  width        integer NOT NULL,
  height       integer NOT NULL,
  storage_key  text NOT NULL,
  thumb_key    text NOT NULL,
  uploaded_by  text REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);

-- What a program's curators check before admitting a seller (Tuka-Tuku: quality, stock availability…).
ALTER TABLE programs ADD COLUMN curation_checklist jsonb NOT NULL DEFAULT
  '["quality", "stock_availability", "packaging_label", "certificates"]';

CREATE TABLE sellers (
  tenant_id        text NOT NULL REFERENCES tenants(id),
  id               text NOT NULL,
  program_id       text NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('umkm', 'trader')),
  status           text NOT NULL CHECK (status IN ('submitted', 'changes_requested', 'approved', 'rejected', 'suspended')),
  -- The seller's own account; null for a trader registered by staff who has no account yet.
  user_id          text REFERENCES users(id),
  business_name    text NOT NULL,
  owner_name       text NOT NULL,
  phone            text CHECK (phone ~ '^\+62[0-9]{7,13}$'),
  nik              text CHECK (nik ~ '^[0-9]{16}$'),
  nib              text CHECK (nib ~ '^[0-9]{13}$'),
  npwp             text CHECK (npwp ~ '^[0-9]{16}$'),
  address          text NOT NULL DEFAULT '',
  area_code        text CHECK (area_code ~ '^[0-9]{2}\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?$'),
  category_slug    text,
  photo_ids        text[] NOT NULL DEFAULT '{}',
  payout_method    text NOT NULL DEFAULT 'cash' CHECK (payout_method IN ('bank', 'ewallet', 'cash')),
  payout_provider  text,
  payout_account   text,
  payout_name      text,
  -- Market traders: where the stall is and when it is open.
  market_id        text,
  stall_type       text CHECK (stall_type IN ('kios', 'los', 'lapak')),
  stall_block      text,
  stall_number     text,
  commodities      text NOT NULL DEFAULT '',
  market_days      text NOT NULL DEFAULT '',
  registered_by    text REFERENCES users(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, program_id) REFERENCES programs(tenant_id, id),
  FOREIGN KEY (tenant_id, market_id) REFERENCES markets(tenant_id, id),
  CHECK (kind <> 'trader' OR market_id IS NOT NULL),
  CHECK (kind <> 'umkm' OR nik IS NOT NULL)
);
CREATE INDEX sellers_status ON sellers (tenant_id, status, created_at);
CREATE INDEX sellers_market ON sellers (tenant_id, market_id);
CREATE UNIQUE INDEX sellers_user_program ON sellers (tenant_id, program_id, user_id) WHERE user_id IS NOT NULL;

-- Every lifecycle step, with who, why and the checklist as ticked.
CREATE TABLE seller_events (
  tenant_id      text NOT NULL REFERENCES tenants(id),
  id             text NOT NULL,
  seller_id      text NOT NULL,
  from_status    text,
  to_status      text NOT NULL,
  actor_user_id  text REFERENCES users(id),
  reason         text NOT NULL DEFAULT '',
  checklist      jsonb NOT NULL DEFAULT '{}',
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, seller_id) REFERENCES sellers(tenant_id, id)
);
CREATE INDEX seller_events_seller ON seller_events (tenant_id, seller_id, created_at);

CREATE TABLE seller_certificates (
  tenant_id   text NOT NULL REFERENCES tenants(id),
  id          text NOT NULL,
  seller_id   text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('pirt', 'halal', 'bpom', 'other')),
  number      text NOT NULL,
  expires_on  date,
  photo_id    text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, seller_id) REFERENCES sellers(tenant_id, id)
);
CREATE INDEX seller_certificates_expiry ON seller_certificates (tenant_id, expires_on);
