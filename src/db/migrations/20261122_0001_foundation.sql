-- Foundation: tenancy, identity, messaging outbox, audit log.
-- Every tenant-scoped table leads its primary key with tenant_id (Citus-ready).

CREATE TABLE tenants (
  id          text PRIMARY KEY,
  slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z][a-z0-9-]{1,39}$'),
  name        text NOT NULL CHECK (length(name) BETWEEN 2 AND 120),
  area_code   text NOT NULL CHECK (area_code ~ '^[0-9]{2}\.[0-9]{2}$'),
  time_zone   text NOT NULL DEFAULT 'Asia/Jakarta',
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- A host (purbalingga.go.id, pasar.jemberkab.go.id) served as one tenant.
CREATE TABLE domains (
  host        text PRIMARY KEY CHECK (host = lower(host)),
  tenant_id   text NOT NULL REFERENCES tenants(id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX domains_tenant ON domains (tenant_id);

CREATE TABLE programs (
  tenant_id       text NOT NULL REFERENCES tenants(id),
  id              text NOT NULL,
  slug            text NOT NULL CHECK (slug ~ '^[a-z][a-z0-9-]{1,39}$'),
  name            text NOT NULL,
  description     text NOT NULL DEFAULT '',
  whatsapp_phone  text CHECK (whatsapp_phone ~ '^\+62[0-9]{7,13}$'),
  active          boolean NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, slug)
);

CREATE TABLE markets (
  tenant_id   text NOT NULL REFERENCES tenants(id),
  id          text NOT NULL,
  name        text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('traditional_market', 'umkm_hub', 'showroom', 'warehouse')),
  address     text NOT NULL DEFAULT '',
  -- Kemendagri code of the village or district the market stands in.
  area_code   text NOT NULL CHECK (area_code ~ '^[0-9]{2}\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?$'),
  lat         numeric(9, 6) CHECK (lat BETWEEN -90 AND 90),
  lng         numeric(9, 6) CHECK (lng BETWEEN -180 AND 180),
  hours       text NOT NULL DEFAULT '',
  active      boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, name)
);

-- People are global (one phone, one person); roles are per tenant.
CREATE TABLE users (
  id                        text PRIMARY KEY,
  phone                     text NOT NULL UNIQUE CHECK (phone ~ '^\+62[0-9]{7,13}$'),
  name                      text NOT NULL DEFAULT '',
  password_hash             text,
  is_platform_admin         boolean NOT NULL DEFAULT false,
  failed_password_attempts  integer NOT NULL DEFAULT 0,
  locked_until              timestamptz,
  created_at                timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE memberships (
  tenant_id   text NOT NULL REFERENCES tenants(id),
  user_id     text NOT NULL REFERENCES users(id),
  role        text NOT NULL CHECK (role IN ('buyer', 'seller', 'courier', 'cs_agent', 'program_admin',
                'procurement_officer', 'commitment_officer', 'treasurer', 'platform_admin')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, user_id, role)
);
CREATE INDEX memberships_user ON memberships (user_id);

-- Only a hash of the session token is stored: a leaked table signs nobody in.
CREATE TABLE sessions (
  id            text PRIMARY KEY,
  tenant_id     text NOT NULL REFERENCES tenants(id),
  user_id       text NOT NULL REFERENCES users(id),
  csrf_token    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE otp_codes (
  tenant_id    text NOT NULL REFERENCES tenants(id),
  id           text NOT NULL,
  phone        text NOT NULL,
  code_hash    text NOT NULL,
  attempts     integer NOT NULL DEFAULT 0,
  requested_ip text NOT NULL DEFAULT '',
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  consumed_at  timestamptz,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX otp_codes_phone ON otp_codes (tenant_id, phone, created_at DESC);

CREATE TABLE invites (
  tenant_id    text NOT NULL REFERENCES tenants(id),
  id           text NOT NULL,
  token_hash   text NOT NULL UNIQUE,
  role         text NOT NULL,
  phone        text,
  created_by   text REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  accepted_at  timestamptz,
  accepted_by  text REFERENCES users(id),
  PRIMARY KEY (tenant_id, id)
);

-- Side effects (messages, gateway calls) are written here in the same transaction
-- as the change that causes them; the worker delivers them with retries.
CREATE TABLE outbox (
  tenant_id    text NOT NULL REFERENCES tenants(id),
  id           text NOT NULL,
  kind         text NOT NULL,
  payload      jsonb NOT NULL,
  status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
  attempts     integer NOT NULL DEFAULT 0,
  run_after    timestamptz NOT NULL DEFAULT now(),
  last_error   text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  done_at      timestamptz,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX outbox_pending ON outbox (run_after) WHERE status = 'pending';

CREATE TABLE messages (
  tenant_id            text NOT NULL REFERENCES tenants(id),
  id                   text NOT NULL,
  channel              text NOT NULL CHECK (channel IN ('simulator', 'whatsapp')),
  direction            text NOT NULL CHECK (direction IN ('in', 'out')),
  phone                text NOT NULL,
  body                 text NOT NULL,
  provider_message_id  text,
  created_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, channel, provider_message_id)
);
CREATE INDEX messages_recent ON messages (tenant_id, created_at DESC);

-- Append-only and hash-chained per tenant: each row's hash covers the previous row's hash.
CREATE TABLE audit_log (
  tenant_id      text NOT NULL REFERENCES tenants(id),
  seq            bigint NOT NULL,
  at             timestamptz NOT NULL,
  actor_user_id  text,
  actor_label    text NOT NULL,
  action         text NOT NULL,
  entity_type    text NOT NULL,
  entity_id      text NOT NULL,
  data           jsonb NOT NULL DEFAULT '{}',
  prev_hash      text NOT NULL,
  hash           text NOT NULL,
  PRIMARY KEY (tenant_id, seq)
);
CREATE INDEX audit_log_entity ON audit_log (tenant_id, entity_type, entity_id);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
