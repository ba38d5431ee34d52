-- The admin module's audit log: every admin write, who made it, what it
-- changed (before and after), when, and under which request id. Rows are
-- only ever inserted.
create table admin.audit_log (
  id uuid primary key default gen_random_uuid(),
  actor_id uuid,
  -- The actor's roles at the time (an access token's claims).
  actor_roles text[] not null default '{}',
  -- `area.verb`, e.g. `order.ship`, `product.update`, `user.disable`.
  action text not null,
  entity_type text not null,
  entity_id text not null,
  before jsonb,
  after jsonb,
  request_id text,
  created_at timestamptz not null default now()
);
create index audit_log_created on admin.audit_log (created_at desc, id);
create index audit_log_entity on admin.audit_log
  (entity_type, entity_id, created_at desc);
create index audit_log_actor on admin.audit_log (actor_id, created_at desc);
