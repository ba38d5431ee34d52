-- Localization admin: which language is the store's default, and manual
-- exchange-rate overrides with an expiry.

-- The default language: at most one, and never a disabled one. 'en' was
-- the default in code until now: it becomes the default row (enabled, as a
-- default must be); a store not seeded yet gets it from the seed.
alter table localization.languages
  add column is_default boolean not null default false,
  add constraint languages_default_enabled check (enabled or not is_default);
create unique index languages_one_default on localization.languages (is_default)
  where is_default;
update localization.languages set is_default = true, enabled = true
  where code = 'en'
    and not exists (select 1 from localization.languages where is_default);

-- An admin's rate for one currency, in force until `expires_at`: `rate`
-- units of `currency` per 1 `base` (the store's base currency when it was
-- set). Prices use it instead of the feed's rate while it lasts; the feed's
-- rows in pricing.exchange_rates are never touched. One per currency; an
-- expired row is deleted by the expiry job (the audit log keeps it).
create table pricing.rate_overrides (
  currency text primary key check (currency ~ '^[A-Z]{3}$'),
  base text not null check (base ~ '^[A-Z]{3}$' and base <> currency),
  rate numeric not null check (rate > 0 and rate < 1e15),
  expires_at timestamptz not null,
  -- The admin who set it (identity.users id; no foreign key across modules).
  set_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index rate_overrides_expires_at on pricing.rate_overrides (expires_at);
