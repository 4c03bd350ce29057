-- The shopper's fee (jasa belanja): what a market trip costs the buyer on top of the delivery
-- fee, for the time spent going from stall to stall. The courier earns both.
ALTER TABLE programs ADD COLUMN shopping_fee bigint NOT NULL DEFAULT 0 CHECK (shopping_fee BETWEEN 0 AND 100000);
-- Fixed on the order at checkout, like the delivery fee; 0 when the order is not a market trip.
ALTER TABLE orders ADD COLUMN shopping_fee bigint NOT NULL DEFAULT 0 CHECK (shopping_fee >= 0);
-- The order's total now includes it.
ALTER TABLE orders DROP CONSTRAINT orders_check;
ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total = goods_total + delivery_fee + shopping_fee);
