-- One schema per business module: a module owns its tables and no other
-- module queries them (see DESIGN.md).
create schema if not exists identity;
create schema if not exists catalog;
create schema if not exists pricing;
create schema if not exists cart;
create schema if not exists orders;
create schema if not exists payments;
create schema if not exists localization;
create schema if not exists notifications;
create schema if not exists admin;

-- The languages and currencies the store offers. The edge serves them from
-- configuration on the hot path; these rows let other modules join on them
-- and let admins enable or disable them later.
create table localization.languages (
  code text primary key check (code ~ '^[a-z]{2}$'),
  direction text not null default 'ltr' check (direction in ('ltr', 'rtl')),
  enabled boolean not null default true,
  position integer not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table localization.currencies (
  code text primary key check (code ~ '^[A-Z]{3}$'),
  exponent smallint not null check (exponent between 0 and 4),
  enabled boolean not null default true,
  is_base boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- At most one base currency.
create unique index currencies_one_base on localization.currencies (is_base)
  where is_base;
