-- Real gateways: refunds tied to their payment with a reason and who asked,
-- gateway fees for reconciliation, and the normalized event kept beside
-- each inbox row so an operator can re-process it (webhooks:replay)
-- without the gateway's signature, which was checked when it arrived.
alter table payments.transactions
  add column parent_id uuid references payments.transactions (id),
  add column fee numeric(19, 4) check (fee >= 0),
  add column reason text,
  add column created_by text,
  -- What the shopper must do next (a gateway page, a QR code, the
  -- gateway's own payment form), so the order page can show it again.
  add column next_action jsonb;
create index transactions_parent_id on payments.transactions (parent_id)
  where parent_id is not null;

alter table payments.webhook_events
  add column event jsonb,
  add column processed_at timestamptz;
create index webhook_events_outcome on payments.webhook_events
  (outcome, received_at);

-- When a payment or refund succeeded: the day it counts on in the
-- reconciliation report, however often the row changes later (a fee
-- learnt from a late webhook). Kept by the database, so no write path can
-- forget it.
alter table payments.transactions add column succeeded_at timestamptz;
create function payments.stamp_succeeded_at() returns trigger
language plpgsql as $$
begin
  if new.status = 'succeeded' and new.succeeded_at is null then
    new.succeeded_at := now();
  end if;
  return new;
end;
$$;
create trigger transactions_succeeded_at
  before insert or update of status on payments.transactions
  for each row execute function payments.stamp_succeeded_at();
create index transactions_gateway_succeeded on payments.transactions
  (gateway, succeeded_at) where status = 'succeeded';
