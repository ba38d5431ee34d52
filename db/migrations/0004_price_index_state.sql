-- What the catalog's price index was last built from (sold currencies, base
-- currency, rates, rounding rules), so that a change to any of them is
-- noticed at start-up or after a rates update and the index rebuilt.
create table catalog.price_index_state (
  singleton boolean primary key default true check (singleton),
  fingerprint text not null,
  built_at timestamptz not null default now()
);
