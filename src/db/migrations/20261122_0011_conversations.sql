-- WhatsApp as a first-class channel: each program's number, one conversation per customer
-- and number, every message in and out with its delivery status, and what the CS desk needs
-- around it (assignment, unread counts, who is typing, quick replies).

-- The Cloud API's id of the program's WhatsApp number; webhooks are routed by it. The access
-- token and app secret stay in the environment.
ALTER TABLE programs ADD COLUMN whatsapp_phone_number_id text CHECK (whatsapp_phone_number_id ~ '^[0-9]{5,30}$');
CREATE UNIQUE INDEX programs_whatsapp_number ON programs (whatsapp_phone_number_id) WHERE whatsapp_phone_number_id IS NOT NULL;

CREATE TABLE conversations (
  tenant_id        text NOT NULL REFERENCES tenants(id),
  id               text NOT NULL,
  program_id       text NOT NULL,
  phone            text NOT NULL CHECK (phone ~ '^\+[0-9]{8,15}$'),
  customer_name    text NOT NULL DEFAULT '',
  assigned_to      text REFERENCES users(id),
  unread           integer NOT NULL DEFAULT 0 CHECK (unread >= 0),
  last_message_at  timestamptz NOT NULL DEFAULT now(),
  -- The customer's last message: free-form replies are allowed for 24 hours after it, then only templates.
  last_inbound_at  timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, program_id, phone),
  FOREIGN KEY (tenant_id, program_id) REFERENCES programs(tenant_id, id)
);
CREATE INDEX conversations_recent ON conversations (tenant_id, last_message_at DESC);

ALTER TABLE messages
  ADD COLUMN conversation_id text,
  ADD COLUMN kind text NOT NULL DEFAULT 'text'
    CHECK (kind IN ('text', 'image', 'location', 'reply', 'buttons', 'template', 'note', 'other')),
  -- The rest of a message: an image's media id, a location, buttons, a template's name and params.
  ADD COLUMN data jsonb,
  -- Outgoing messages: queued in the outbox, then what WhatsApp reported.
  ADD COLUMN status text CHECK (status IN ('queued', 'sent', 'delivered', 'read', 'failed')),
  ADD COLUMN error text,
  -- The agent who wrote it (null: the customer, or the system).
  ADD COLUMN author_user_id text;
CREATE INDEX messages_conversation ON messages (tenant_id, conversation_id, created_at);

-- Agents see who else is typing in a conversation: a row a few seconds old means "typing now".
CREATE TABLE conversation_typing (
  tenant_id        text NOT NULL,
  conversation_id  text NOT NULL,
  user_id          text NOT NULL,
  at               timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, conversation_id, user_id),
  FOREIGN KEY (tenant_id, conversation_id) REFERENCES conversations(tenant_id, id)
);

CREATE TABLE quick_replies (
  tenant_id   text NOT NULL,
  id          text NOT NULL,
  program_id  text NOT NULL,
  title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 40),
  body        text NOT NULL CHECK (length(body) BETWEEN 1 AND 4096),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, program_id, title),
  FOREIGN KEY (tenant_id, program_id) REFERENCES programs(tenant_id, id)
);

-- A row being sent is leased, not held in a transaction: a slow WhatsApp call must not keep a
-- database connection busy, and a crashed sender's lease runs out so another node retries.
ALTER TABLE outbox DROP CONSTRAINT outbox_status_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_status_check CHECK (status IN ('pending', 'sending', 'done', 'failed'));
ALTER TABLE outbox ADD COLUMN lease_until timestamptz;
CREATE INDEX outbox_leased ON outbox (lease_until) WHERE status = 'sending';
