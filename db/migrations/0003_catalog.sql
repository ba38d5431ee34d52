-- The catalog module (PIM): categories, products with localized copy,
-- variants, images, inventory, per-currency price lists, reviews and the
-- physical stores of the store locator. Only commerce/catalog queries these.

create table catalog.categories (
  id uuid primary key default gen_random_uuid(),
  -- A stable code for seeds and admins; never shown to shoppers.
  key text not null unique check (key ~ '^[a-z0-9][a-z0-9_-]*$'),
  parent_id uuid references catalog.categories (id) on delete restrict,
  position integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (parent_id is distinct from id)
);
create index categories_parent_id on catalog.categories (parent_id);

create table catalog.category_localized (
  category_id uuid not null references catalog.categories (id) on delete cascade,
  language text not null,
  name text not null check (name <> ''),
  slug text not null check (slug <> ''),
  primary key (category_id, language),
  unique (language, slug)
);

create table catalog.products (
  id uuid primary key default gen_random_uuid(),
  key text unique,
  category_id uuid not null references catalog.categories (id) on delete restrict,
  brand text not null default '',
  -- In the store's base currency, exact.
  base_price numeric(19, 4) not null check (base_price >= 0),
  status text not null default 'active'
    check (status in ('draft', 'active', 'archived')),
  attributes jsonb not null default '{}' check (jsonb_typeof(attributes) = 'object'),
  featured boolean not null default false,
  -- Kept in step with catalog.reviews by a trigger, so lists sort by rating
  -- without aggregating reviews on every request.
  rating_count integer not null default 0,
  rating_average numeric(3, 2),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index products_category_id on catalog.products (category_id);
create index products_status_created on catalog.products (status, created_at desc, id);
create index products_attributes on catalog.products using gin (attributes jsonb_path_ops);

-- One row per product and language. search_name/search_body hold the text as
-- the search configuration should see it: plain words for languages with a
-- stemmer, character unigrams and bigrams for Chinese and Japanese (which
-- have no spaces to split words on); commerce/catalog/search.ts prepares them.
create table catalog.product_localized_details (
  product_id uuid not null references catalog.products (id) on delete cascade,
  language text not null,
  name text not null check (name <> ''),
  description text not null default '',
  seo_title text,
  seo_description text,
  slug text not null check (slug <> ''),
  search_config regconfig not null,
  search_name text not null,
  search_body text not null,
  search_vector tsvector generated always as (
    setweight(to_tsvector(search_config, search_name), 'A') ||
    setweight(to_tsvector(search_config, search_body), 'B')
  ) stored,
  updated_at timestamptz not null default now(),
  primary key (product_id, language),
  unique (language, slug)
);
create index product_details_search on catalog.product_localized_details
  using gin (search_vector);

create table catalog.variants (
  id uuid primary key default gen_random_uuid(),
  product_id uuid not null references catalog.products (id) on delete cascade,
  sku text not null unique check (sku <> ''),
  options jsonb not null default '{}' check (jsonb_typeof(options) = 'object'),
  weight_grams integer check (weight_grams >= 0),
  -- Replaces the product's base price for this variant (base currency).
  price_override numeric(19, 4) check (price_override >= 0),
  position integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index variants_product_id on catalog.variants (product_id);

create table catalog.inventory (
  variant_id uuid primary key references catalog.variants (id) on delete cascade,
  quantity integer not null check (quantity >= 0),
  reserved integer not null default 0 check (reserved >= 0 and reserved <= quantity),
  low_stock_threshold integer not null default 5 check (low_stock_threshold >= 0),
  updated_at timestamptz not null default now()
);

create table catalog.product_images (
  id uuid primary key default gen_random_uuid(),
  product_id uuid not null references catalog.products (id) on delete cascade,
  url text not null,
  -- Alt text per language: { "en": "...", "de": "..." }.
  alt jsonb not null default '{}',
  position integer not null default 0,
  created_at timestamptz not null default now()
);
create index product_images_product_id on catalog.product_images (product_id, position);

-- Explicit prices per currency; they win over conversion of the base price.
create table catalog.price_list_entries (
  product_id uuid not null references catalog.products (id) on delete cascade,
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  amount numeric(19, 4) not null check (amount >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (product_id, currency)
);

-- What each variant costs in each sold currency, as the pricing module
-- computed it from the base price, the price list, the latest rates and the
-- rounding rules. A read model: rebuilt by repriceCatalog() whenever one of
-- those inputs changes, so lists can filter and sort by the shown price.
create table catalog.variant_prices (
  variant_id uuid not null references catalog.variants (id) on delete cascade,
  currency text not null,
  amount numeric(19, 4) not null,
  source text not null check (source in ('base', 'price_list', 'converted')),
  rate numeric,
  rate_as_of timestamptz,
  primary key (variant_id, currency)
);

create table catalog.product_prices (
  product_id uuid not null references catalog.products (id) on delete cascade,
  currency text not null,
  min_amount numeric(19, 4) not null,
  max_amount numeric(19, 4) not null,
  primary key (product_id, currency)
);
create index product_prices_currency_amount on catalog.product_prices (currency, min_amount);

create table catalog.reviews (
  id uuid primary key default gen_random_uuid(),
  product_id uuid not null references catalog.products (id) on delete cascade,
  rating smallint not null check (rating between 1 and 5),
  title text not null default '',
  body text not null default '',
  language text not null,
  -- An identity user id (no foreign key: another module owns that table),
  -- plus the name shown, as the author chose it when writing.
  author_id uuid,
  author_name text not null,
  verified_purchase boolean not null default false,
  created_at timestamptz not null default now()
);
create index reviews_product_created on catalog.reviews (product_id, created_at desc, id);

create function catalog.refresh_product_rating() returns trigger
language plpgsql as $$
declare
  affected uuid;
begin
  for affected in
    select distinct product_id from (
      select new.product_id where tg_op <> 'DELETE'
      union all
      select old.product_id where tg_op <> 'INSERT'
    ) changed
  loop
    update catalog.products p
       set rating_count = s.count, rating_average = s.average
      from (select count(*)::integer as count, round(avg(rating), 2) as average
              from catalog.reviews where product_id = affected) s
     where p.id = affected;
  end loop;
  return null;
end $$;

create trigger reviews_refresh_rating
  after insert or update or delete on catalog.reviews
  for each row execute function catalog.refresh_product_rating();

create table catalog.stores (
  id uuid primary key default gen_random_uuid(),
  key text not null unique,
  name text not null,
  line1 text not null,
  city text not null,
  region text,
  postal_code text not null default '',
  country text not null check (country ~ '^[A-Z]{2}$'),
  latitude double precision not null check (latitude between -90 and 90),
  longitude double precision not null check (longitude between -180 and 180),
  phone text not null default '',
  -- { "mon": "09:00-18:00", ..., "sun": null }
  opening_hours jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
