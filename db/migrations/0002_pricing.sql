-- Exchange rates as the feeds sent them: one row per currency of each
-- fetched snapshot, quoted against that snapshot's own base (`rate` units of
-- `currency` per 1 `base`). Rows are never updated or deleted: a failed feed
-- leaves the last known rates in force, and orders can be reconciled later.
create table pricing.exchange_rates (
  id uuid primary key default gen_random_uuid(),
  -- The feed: 'ecb', 'openexchangerates', or 'snapshot' (bundled).
  source text not null check (source ~ '^[a-z0-9_-]{1,40}$'),
  base text not null check (base ~ '^[A-Z]{3}$'),
  currency text not null check (currency ~ '^[A-Z]{3}$' and currency <> base),
  -- Positive and finite: NaN sorts above every number, so the upper bound
  -- also rejects it.
  rate numeric not null check (rate > 0 and rate < 1e15),
  -- The feed's date of the rates, not when they were fetched.
  as_of timestamptz not null,
  fetched_at timestamptz not null default now(),
  created_at timestamptz not null default now()
);

-- A snapshot is stored once: re-fetching an unchanged feed adds nothing.
create unique index exchange_rates_snapshot
  on pricing.exchange_rates (source, base, as_of, currency);

-- The latest rate per currency: `distinct on (currency) ... order by
-- currency, as_of desc, fetched_at desc`.
create index exchange_rates_latest
  on pricing.exchange_rates (currency, as_of desc, fetched_at desc);

-- Per-currency presentation rounding of converted prices, editable by admins.
-- `increment`: a step in minor units (JPY 10 = whole tens of yen).
-- `ending`: the last minor digits of the amount (USD 99 = x.99).
create table pricing.rounding_rules (
  currency text primary key check (currency ~ '^[A-Z]{3}$'),
  increment bigint not null default 1 check (increment > 0),
  ending integer check (ending >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
