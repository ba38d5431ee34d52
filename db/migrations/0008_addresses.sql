-- The address book of an account: shipping and billing addresses, validated
-- by `commerce/identity/addresses` before they are written (text trimmed,
-- country and region codes upper-case, postal codes in their country's
-- spelling). Orders will copy an address as a snapshot, never refer to it.

create table identity.addresses (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references identity.users (id) on delete cascade,
  type text not null check (type in ('shipping', 'billing')),
  is_default boolean not null default false,
  name text not null check (length(name) between 1 and 100),
  company text check (length(company) <= 100),
  line1 text not null check (length(line1) between 1 and 200),
  line2 text check (length(line2) <= 200),
  city text not null check (length(city) between 1 and 100),
  region text check (length(region) <= 100),
  postal_code text check (length(postal_code) <= 20),
  country text not null check (country ~ '^[A-Z]{2}$'),
  phone text check (length(phone) <= 30),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create index addresses_user on identity.addresses (user_id, created_at);

-- At most one default address of each type per account. The code clears the
-- old default in the same transaction that sets a new one; this index is the
-- guarantee when two requests race.
create unique index addresses_one_default on identity.addresses
  (user_id, type) where is_default;
