-- Reweighing at the market: the shopper records what was actually bought per line. Within the
-- program's tolerance it applies at once; beyond it the buyer decides before a deadline, and
-- the program's default applies when they do not.

ALTER TABLE programs
  -- 1000 = 10 %: a line may come out this much above or below what was ordered without asking.
  ADD COLUMN reweigh_tolerance_bp integer NOT NULL DEFAULT 1000 CHECK (reweigh_tolerance_bp BETWEEN 0 AND 5000),
  ADD COLUMN reweigh_decision_minutes integer NOT NULL DEFAULT 15 CHECK (reweigh_decision_minutes BETWEEN 2 AND 240),
  -- What happens to a line the buyer did not answer about: take it as bought, or leave it out.
  ADD COLUMN reweigh_default text NOT NULL DEFAULT 'accept' CHECK (reweigh_default IN ('accept', 'remove'));

ALTER TABLE order_lines
  -- null = as ordered; 'adjusted' within tolerance; 'asked' waiting for the buyer; then
  -- 'accepted' or 'removed'; 'unavailable' when the stall did not have it.
  ADD COLUMN reweigh_status text CHECK (reweigh_status IN ('adjusted', 'asked', 'accepted', 'removed', 'unavailable')),
  -- The shopper's figures while the buyer decides (final_* hold what counts).
  ADD COLUMN proposed_quantity_milli integer CHECK (proposed_quantity_milli >= 0),
  ADD COLUMN proposed_line_total bigint CHECK (proposed_line_total >= 0),
  ADD COLUMN decide_by timestamptz,
  ADD CHECK ((reweigh_status = 'asked') = (decide_by IS NOT NULL));
CREATE INDEX order_lines_asked ON order_lines (tenant_id, decide_by) WHERE reweigh_status = 'asked';

-- Who changed a line, to what, and why: weighing at the stall, the buyer's answer, the default.
CREATE TABLE line_events (
  tenant_id       text NOT NULL,
  id              text NOT NULL,
  order_id        text NOT NULL,
  position        smallint NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('weighed', 'unavailable', 'asked', 'accepted', 'removed', 'defaulted')),
  quantity_milli  integer,
  line_total      bigint,
  actor           text NOT NULL,
  reason          text NOT NULL DEFAULT '',
  created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, order_id, position) REFERENCES order_lines(tenant_id, order_id, position)
);
CREATE INDEX line_events_order ON line_events (tenant_id, order_id, created_at);
