-- The notifications module's transactional outbox and the dev mailbox.
--
-- A producer inserts an outbox row in the same transaction as the change
-- that causes it, so an email is queued if and only if the change commits.
-- `event_id` is the producer's idempotency key: enqueueing the same event
-- twice leaves one row.
--
-- A worker claims due rows (`pending`, or `sending` whose lease ran out
-- because a worker died mid-send) with `for update skip locked`, marks them
-- `sending` with `next_attempt_at` pushed to the end of the lease, sends
-- outside that transaction, then records `sent`, schedules a retry
-- (`pending` again, later `next_attempt_at`) or gives up (`failed`).
create table notifications.outbox (
  id uuid primary key default gen_random_uuid(),
  event_id text not null unique
    check (length(event_id) between 1 and 200),
  kind text not null check (length(kind) between 1 and 100),
  recipient text not null check (length(recipient) between 3 and 320),
  language text not null check (length(language) between 2 and 35),
  payload jsonb not null default '{}'::jsonb,
  status text not null default 'pending'
    check (status in ('pending', 'sending', 'sent', 'failed')),
  -- Attempts started so far (counted when a row is claimed).
  attempts integer not null default 0 check (attempts >= 0),
  -- When a pending row is due; for a sending row, when its lease expires.
  next_attempt_at timestamptz not null default now(),
  last_error text,
  -- The provider that accepted the message and the id it gave it.
  provider text,
  provider_message_id text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  sent_at timestamptz,
  check ((status = 'sent') = (sent_at is not null))
);

-- The worker's only hot query: due rows, oldest first. Sent and failed rows
-- (the vast majority over time) stay out of the index.
create index outbox_due on notifications.outbox (next_attempt_at)
  where status in ('pending', 'sending');

-- Operators look up an order's or a customer's emails by recipient.
create index outbox_recipient on notifications.outbox (recipient, created_at);

-- What the dev mailbox provider "sent": one message per event id, so a
-- re-delivered event never shows twice. (`recipient`, not `to`: `to` is a
-- reserved word in SQL.)
create table notifications.mailbox (
  id uuid primary key default gen_random_uuid(),
  event_id text not null unique,
  recipient text not null,
  subject text not null,
  html text not null,
  text text not null,
  created_at timestamptz not null default now()
);

create index mailbox_recipient on notifications.mailbox (recipient, created_at);
create index mailbox_created_at on notifications.mailbox (created_at);
