-- Catalog: products and variants sold by the piece or by weight, their price history,
-- and the reference prices a dinas publishes per market each day.
-- Search: a normalised search_text (lowercase, unaccented; written by the service) behind a
-- 'simple' full-text index, and a per-tenant vocabulary of its words behind a trigram index,
-- to correct misspelt query words before searching.

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE TABLE products (
  tenant_id       text NOT NULL REFERENCES tenants(id),
  id              text NOT NULL,
  seller_id       text NOT NULL,
  -- Copied from the seller so each storefront filter is one index range (see reindexSellerProducts).
  program_id      text NOT NULL,
  market_id       text,
  category_slug   text NOT NULL,
  -- The staple this product is, for showing the dinas reference price beside it.
  commodity_slug  text,
  title           text NOT NULL CHECK (length(title) BETWEEN 2 AND 120),
  description     text NOT NULL DEFAULT '',
  photo_ids       text[] NOT NULL DEFAULT '{}',
  active          boolean NOT NULL DEFAULT true,
  -- Derived from the variants on every write: active with at least one active variant.
  listed          boolean NOT NULL DEFAULT false,
  -- Cheapest active variant and its unit, for the price filter, sort and list ("Rp 45.000/kg").
  min_price       bigint NOT NULL DEFAULT 0 CHECK (min_price BETWEEN 0 AND 1000000000),
  price_unit      text NOT NULL DEFAULT 'pcs',
  -- In stock on day d when NULL or before d: daily goods marked sold out come back the next
  -- day; 'infinity' when only counted stock is left and it is gone.
  sold_out_until  date,
  -- Byte order, so the list order is the same on every server and in every locale.
  name_key        text COLLATE "C" NOT NULL,
  search_text     text NOT NULL,
  -- The words plus one lexeme naming the tenant; a search asks for both, so the GIN index
  -- alone narrows to this tenant's matches (a plain GIN index cannot lead with tenant_id).
  search_vector   tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_text) || array_to_tsvector(ARRAY['@' || tenant_id])) STORED,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, seller_id) REFERENCES sellers(tenant_id, id),
  FOREIGN KEY (tenant_id, program_id) REFERENCES programs(tenant_id, id),
  FOREIGN KEY (tenant_id, market_id) REFERENCES markets(tenant_id, id)
);
-- Keyset pagination: every storefront list is (tenant, optional filter, sort key, id).
CREATE INDEX products_by_name ON products (tenant_id, name_key, id) WHERE listed;
CREATE INDEX products_by_price ON products (tenant_id, min_price, id) WHERE listed;
CREATE INDEX products_category ON products (tenant_id, category_slug, name_key, id) WHERE listed;
CREATE INDEX products_market ON products (tenant_id, market_id, name_key, id) WHERE listed;
CREATE INDEX products_program ON products (tenant_id, program_id, name_key, id) WHERE listed;
-- Not partial: the seller console lists inactive products too.
CREATE INDEX products_seller ON products (tenant_id, seller_id, name_key, id);
-- fastupdate off: every search reads only the index, never an unsorted list of pending
-- entries (which quick edits for the day would keep refilling between vacuums).
CREATE INDEX products_search ON products USING gin (search_vector) WITH (fastupdate = off);

-- Every word products can be found by, per tenant (a word no product uses any more is
-- harmless: it only corrects to a search that finds nothing).
CREATE TABLE search_words (
  tenant_id  text NOT NULL REFERENCES tenants(id),
  word       text NOT NULL,
  PRIMARY KEY (tenant_id, word)
);
CREATE INDEX search_words_trgm ON search_words USING gin (word gin_trgm_ops) WITH (fastupdate = off);

CREATE TABLE variants (
  tenant_id      text NOT NULL REFERENCES tenants(id),
  id             text NOT NULL,
  product_id     text NOT NULL,
  position       smallint NOT NULL,
  name           text NOT NULL DEFAULT '',
  unit           text NOT NULL CHECK (unit IN ('pcs', 'kg', 'gram', 'ons', 'ikat', 'liter', 'papan', 'butir', 'bungkus')),
  -- Quantities in thousandths of the unit: 0.25 kg = 250.
  step_milli     integer NOT NULL CHECK (step_milli BETWEEN 1 AND 1000000),
  minimum_milli  integer NOT NULL CHECK (minimum_milli BETWEEN 1 AND 1000000 AND minimum_milli % step_milli = 0),
  -- Whole rupiah per unit.
  price          bigint NOT NULL CHECK (price BETWEEN 1 AND 1000000000),
  -- counted: stock_milli is what is left; daily: fresh goods, sold out only on sold_out_on.
  stock_mode     text NOT NULL CHECK (stock_mode IN ('counted', 'daily')),
  stock_milli    integer NOT NULL DEFAULT 0 CHECK (stock_milli BETWEEN 0 AND 1000000000),
  sold_out_on    date,
  -- Shipping weight of one unit; null for weight units (kg, gram, ons).
  weight_grams   integer CHECK (weight_grams BETWEEN 1 AND 1000000),
  active         boolean NOT NULL DEFAULT true,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, product_id) REFERENCES products(tenant_id, id)
);
CREATE INDEX variants_product ON variants (tenant_id, product_id, position);

-- Every price a variant has had, from its first.
CREATE TABLE price_history (
  tenant_id   text NOT NULL REFERENCES tenants(id),
  id          bigint GENERATED ALWAYS AS IDENTITY,
  product_id  text NOT NULL,
  variant_id  text NOT NULL,
  unit        text NOT NULL,
  price       bigint NOT NULL CHECK (price BETWEEN 1 AND 1000000000),
  changed_by  text REFERENCES users(id),
  changed_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, variant_id) REFERENCES variants(tenant_id, id)
);
CREATE INDEX price_history_product ON price_history (tenant_id, product_id, changed_at DESC);

-- One price per market, staple and day; publishing again the same day corrects it
-- (the audit log keeps what it was).
CREATE TABLE reference_prices (
  tenant_id       text NOT NULL REFERENCES tenants(id),
  market_id       text NOT NULL,
  commodity_slug  text NOT NULL,
  price_date      date NOT NULL,
  unit            text NOT NULL,
  price           bigint NOT NULL CHECK (price BETWEEN 1 AND 1000000000),
  published_by    text REFERENCES users(id),
  published_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, market_id, commodity_slug, price_date),
  FOREIGN KEY (tenant_id, market_id) REFERENCES markets(tenant_id, id)
);
CREATE INDEX reference_prices_date ON reference_prices (tenant_id, price_date, market_id);
