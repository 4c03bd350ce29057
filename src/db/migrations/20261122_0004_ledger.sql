-- Ledger: a double-entry journal of every money movement, in integer rupiah.
-- A posting's amount is positive for a debit and negative for a credit, so the postings of
-- each transaction sum to zero. The service checks that before writing; a deferred constraint
-- trigger checks it again at commit, so no code path (or hand-written SQL) can unbalance it.
-- Rows are append-only: a correction is a new, reversing transaction.

CREATE TABLE ledger_accounts (
  tenant_id   text NOT NULL REFERENCES tenants(id),
  id          text NOT NULL,
  -- What the account is for, readable by staff: 'payable:seller:sel_…', 'clearing:gateway:midtrans'.
  code        text NOT NULL CHECK (length(code) BETWEEN 3 AND 200),
  kind        text NOT NULL CHECK (kind IN ('asset', 'liability', 'revenue', 'expense')),
  name        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, code)
);

CREATE TABLE ledger_transactions (
  tenant_id        text NOT NULL REFERENCES tenants(id),
  id               text NOT NULL,
  kind             text NOT NULL CHECK (kind ~ '^[a-z][a-z_]*$'),
  -- What caused it, e.g. ('payment', 'pay_…') or ('order', 'ord_…').
  reference_type   text,
  reference_id     text,
  -- A retried webhook or job posts once: the second attempt finds the first by this key.
  idempotency_key  text,
  memo             text NOT NULL DEFAULT '',
  occurred_at      timestamptz NOT NULL,
  created_by       text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, idempotency_key),
  CHECK ((reference_type IS NULL) = (reference_id IS NULL))
);
CREATE INDEX ledger_transactions_reference ON ledger_transactions (tenant_id, reference_type, reference_id);

CREATE TABLE ledger_postings (
  tenant_id       text NOT NULL,
  transaction_id  text NOT NULL,
  line            smallint NOT NULL CHECK (line >= 1),
  account_id      text NOT NULL,
  amount          bigint NOT NULL CHECK (amount <> 0),
  PRIMARY KEY (tenant_id, transaction_id, line),
  FOREIGN KEY (tenant_id, transaction_id) REFERENCES ledger_transactions (tenant_id, id),
  FOREIGN KEY (tenant_id, account_id) REFERENCES ledger_accounts (tenant_id, id)
);
-- Account balances and statements.
CREATE INDEX ledger_postings_account ON ledger_postings (tenant_id, account_id);

-- At commit, every transaction written in it has at least two postings summing to zero.
-- It fires for the transaction row too, so a transaction with no postings at all is refused.
CREATE FUNCTION ledger_check_balance() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tx_id   text;
  lines   bigint;
  total   numeric;
BEGIN
  IF TG_TABLE_NAME = 'ledger_transactions' THEN
    tx_id := NEW.id;
  ELSE
    tx_id := NEW.transaction_id;
  END IF;
  SELECT count(*), coalesce(sum(amount), 0) INTO lines, total
    FROM ledger_postings WHERE tenant_id = NEW.tenant_id AND transaction_id = tx_id;
  IF lines < 2 OR total <> 0 THEN
    RAISE EXCEPTION 'ledger transaction % is unbalanced: % postings summing to %', tx_id, lines, total
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER ledger_transactions_balance AFTER INSERT ON ledger_transactions
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_balance();
CREATE CONSTRAINT TRIGGER ledger_postings_balance AFTER INSERT ON ledger_postings
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_balance();

CREATE FUNCTION ledger_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: post a reversing transaction instead', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER ledger_accounts_no_update BEFORE UPDATE OR DELETE ON ledger_accounts
  FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();
CREATE TRIGGER ledger_transactions_no_update BEFORE UPDATE OR DELETE ON ledger_transactions
  FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();
CREATE TRIGGER ledger_postings_no_update BEFORE UPDATE OR DELETE ON ledger_postings
  FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();
CREATE TRIGGER ledger_accounts_no_truncate BEFORE TRUNCATE ON ledger_accounts
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_is_append_only();
CREATE TRIGGER ledger_transactions_no_truncate BEFORE TRUNCATE ON ledger_transactions
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_is_append_only();
CREATE TRIGGER ledger_postings_no_truncate BEFORE TRUNCATE ON ledger_postings
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_is_append_only();
