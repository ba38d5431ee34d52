-- The catalog's admin writes: stock adjustments kept as stock movements.

-- Every manual change of a variant's stock on hand, with why and by whom.
-- Checkout's reservations and sales are not movements: orders record them.
create table catalog.stock_movements (
  id uuid primary key default gen_random_uuid(),
  variant_id uuid not null references catalog.variants (id) on delete cascade,
  delta integer not null check (delta <> 0),
  reason text not null check (btrim(reason) <> '' and length(reason) <= 500),
  -- Units on hand right after the movement, as the adjustment left them.
  quantity_after integer not null check (quantity_after >= 0),
  -- An identity user id (no foreign key: another module owns that table).
  actor_id uuid,
  -- Ties the movement to the request's log lines and its audit row.
  request_id text,
  created_at timestamptz not null default now()
);
create index stock_movements_variant_created
  on catalog.stock_movements (variant_id, created_at desc, id);

-- The admin product list sorts by last change and by creation.
create index products_updated on catalog.products (updated_at desc, id);
