-- Staff look through a year of orders: newest first across several statuses (the console's
-- "done" tab, or all), and by any part of the number a buyer reads out over the phone.
CREATE INDEX orders_recent ON orders (tenant_id, created_at DESC);
CREATE INDEX orders_number_trgm ON orders USING gin (number gin_trgm_ops);
