-- Carts, checkout (shipping, tax, quotes), orders, payments and the
-- idempotency records of state-changing API calls. Each schema is owned by
-- its module (commerce/cart, commerce/checkout, commerce/orders,
-- commerce/payments, edge/idempotency); rows of other modules are referred
-- to by id plus a snapshot of what was sold, never joined across modules.

create schema if not exists checkout;
create schema if not exists api;

-- A cart belongs to an account (user_id) or to a browser (the hash of the
-- opaque token in its HttpOnly cart cookie), never both.
create table cart.carts (
  id uuid primary key default gen_random_uuid(),
  user_id uuid unique,
  token_hash text unique,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((user_id is null) <> (token_hash is null))
);

-- One line per variant. seen_amount/seen_currency is the unit price the
-- shopper last saw for the line, so the cart can say when it changed.
create table cart.items (
  id uuid primary key default gen_random_uuid(),
  cart_id uuid not null references cart.carts (id) on delete cascade,
  variant_id uuid not null,
  quantity integer not null check (quantity between 1 and 999),
  seen_amount numeric(19, 4) not null,
  seen_currency text not null check (seen_currency ~ '^[A-Z]{3}$'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (cart_id, variant_id)
);
create index cart_items_cart_id on cart.items (cart_id, created_at);

-- Shipping zones: a set of countries ('*' is the rest of the world) and
-- the methods that ship there.
create table checkout.shipping_zones (
  id uuid primary key default gen_random_uuid(),
  key text not null unique,
  countries text[] not null,
  position integer not null default 0
);

-- A method's price: `flat_amount`, plus `per_kg_amount` for every started
-- kilogram when `kind` is 'weight', free when the goods reach
-- `free_over`. Amounts are in `currency`; a method priced in the base
-- currency is converted for other currencies unless it has a row there.
create table checkout.shipping_methods (
  id uuid primary key default gen_random_uuid(),
  zone_id uuid not null references checkout.shipping_zones (id) on delete cascade,
  key text not null,
  kind text not null check (kind in ('flat', 'weight')),
  -- Localized names: { "en": "Standard", "de": "Standard" }.
  name jsonb not null,
  min_days integer not null check (min_days >= 0),
  max_days integer not null check (max_days >= min_days),
  position integer not null default 0,
  unique (zone_id, key)
);

create table checkout.shipping_prices (
  method_id uuid not null references checkout.shipping_methods (id) on delete cascade,
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  flat_amount numeric(19, 4) not null check (flat_amount >= 0),
  per_kg_amount numeric(19, 4) not null default 0 check (per_kg_amount >= 0),
  free_over numeric(19, 4) check (free_over >= 0),
  primary key (method_id, currency)
);

-- Tax by country, optionally narrowed to a region (a US state, a Canadian
-- province). `inclusive`: shelf prices already contain the tax (VAT and
-- GST in the EU, the UK, Australia, Japan); otherwise it is added at
-- checkout (US sales tax, Canadian GST/HST).
create table checkout.tax_rates (
  id uuid primary key default gen_random_uuid(),
  country text not null check (country ~ '^[A-Z]{2}$'),
  region text not null default '',
  rate numeric(7, 6) not null check (rate >= 0 and rate < 1),
  name text not null,
  inclusive boolean not null,
  applies_to_shipping boolean not null default true,
  unique (country, region)
);

-- A priced offer for a cart: the lines, totals and rates it used, valid
-- until `expires_at` and used by at most one order.
create table checkout.quotes (
  id uuid primary key default gen_random_uuid(),
  cart_id uuid not null,
  user_id uuid,
  currency text not null,
  language text not null,
  country text not null,
  region text not null default '',
  shipping_method text not null,
  body jsonb not null,
  expires_at timestamptz not null,
  order_id uuid unique,
  created_at timestamptz not null default now()
);
create index quotes_cart_id on checkout.quotes (cart_id);

-- Order numbers are handed out by a counter row updated inside the order's
-- transaction: a failed attempt rolls its number back, so there are no
-- gaps (a sequence would leave one per rollback).
create table orders.counters (
  name text primary key,
  value bigint not null
);
insert into orders.counters (name, value) values ('order', 100000);

create table orders.orders (
  id uuid primary key default gen_random_uuid(),
  number text not null unique,
  user_id uuid,
  -- A guest order belongs to the browser whose cart placed it (the hash of
  -- its cart cookie token), so that browser can pay, view and cancel it.
  guest_token_hash text,
  email text not null check (length(email) between 3 and 320),
  language text not null,
  -- The storefront origin the order was placed on: emails link back there.
  site_url text not null,
  quote_id uuid unique,
  status text not null default 'pending_payment' check (status in (
    'pending_payment', 'paid', 'packed', 'shipped', 'delivered',
    'cancelled', 'refunded', 'partially_refunded'
  )),
  -- Where the order's stock stands: held for it, taken by payment, or
  -- given back (cancel, expiry).
  stock text not null default 'reserved'
    check (stock in ('reserved', 'committed', 'released')),
  currency text not null,
  shipping_address jsonb not null,
  billing_address jsonb not null,
  shipping_method jsonb not null,
  gateway text not null,
  tax_inclusive boolean not null,
  subtotal numeric(19, 4) not null,
  discount_total numeric(19, 4) not null default 0,
  shipping_total numeric(19, 4) not null,
  tax_total numeric(19, 4) not null,
  total numeric(19, 4) not null check (total >= 0),
  base_currency text not null,
  base_total numeric(19, 4) not null,
  -- The exchange rates the prices were computed with.
  rates jsonb not null,
  reservation_expires_at timestamptz not null,
  placed_at timestamptz not null default now(),
  paid_at timestamptz,
  packed_at timestamptz,
  shipped_at timestamptz,
  delivered_at timestamptz,
  cancelled_at timestamptz,
  refunded_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index orders_user_placed on orders.orders (user_id, placed_at desc, id);
create index orders_pending_expiry on orders.orders (reservation_expires_at)
  where status = 'pending_payment';

create table orders.lines (
  id uuid primary key default gen_random_uuid(),
  order_id uuid not null references orders.orders (id) on delete cascade,
  position integer not null,
  product_id uuid not null,
  variant_id uuid not null,
  sku text not null,
  name text not null,
  options jsonb not null default '{}',
  quantity integer not null check (quantity > 0),
  unit_price numeric(19, 4) not null,
  line_total numeric(19, 4) not null,
  tax_amount numeric(19, 4) not null,
  tax_rate numeric(7, 6) not null,
  -- Units of the order currency per base unit (null: priced in the base
  -- currency or from a price list), and the line's base-currency price.
  fx_rate numeric,
  base_unit_price numeric(19, 4) not null,
  unique (order_id, position)
);
create index order_lines_order_id on orders.lines (order_id);

-- The timeline: every transition, with who or what caused it.
create table orders.events (
  id uuid primary key default gen_random_uuid(),
  order_id uuid not null references orders.orders (id) on delete cascade,
  from_status text,
  to_status text not null,
  actor text not null,
  data jsonb not null default '{}',
  created_at timestamptz not null default now()
);
create index order_events_order_id on orders.events (order_id, created_at);

create table orders.fulfillments (
  id uuid primary key default gen_random_uuid(),
  order_id uuid not null references orders.orders (id) on delete cascade,
  carrier text not null,
  tracking_number text not null,
  tracking_url text,
  shipped_at timestamptz not null default now()
);
create index fulfillments_order_id on orders.fulfillments (order_id);

-- One row per payment or refund at a gateway.
create table payments.transactions (
  id uuid primary key default gen_random_uuid(),
  order_id uuid not null,
  gateway text not null,
  gateway_transaction_id text not null,
  kind text not null default 'payment' check (kind in ('payment', 'refund')),
  amount numeric(19, 4) not null check (amount >= 0),
  currency text not null,
  status text not null check (status in (
    'pending', 'requires_action', 'succeeded', 'failed', 'cancelled'
  )),
  raw jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (gateway, gateway_transaction_id)
);
create index transactions_order_id on payments.transactions (order_id);

-- Verified webhook events, once each: the unique key is what makes a
-- redelivered event change nothing.
create table payments.webhook_events (
  id uuid primary key default gen_random_uuid(),
  gateway text not null,
  event_id text not null,
  type text not null,
  gateway_transaction_id text,
  payload jsonb not null,
  -- 'applied', 'ignored' (stale or duplicate effect) or 'unmatched' (no
  -- known payment: kept for reconciliation).
  outcome text not null,
  received_at timestamptz not null default now(),
  unique (gateway, event_id)
);

-- The first response to each Idempotency-Key, per caller and route, for
-- 24 hours: a retry with the same body gets it again.
create table api.idempotency_keys (
  scope text not null,
  key text not null,
  request_hash text not null,
  status integer,
  headers jsonb,
  body text,
  created_at timestamptz not null default now(),
  primary key (scope, key)
);
create index idempotency_keys_created on api.idempotency_keys (created_at);
