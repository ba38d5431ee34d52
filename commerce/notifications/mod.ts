/**
 * Notifications: a transactional outbox and the email providers it
 * delivers through. Other modules import only this file.
 *
 * - A producer calls `enqueue(tx, ...)` inside the `sql.begin` of the
 *   change that causes the email, with an event id that is its idempotency
 *   key; a rollback queues nothing and a repeat queues nothing new.
 * - A worker (`Deno.cron`, or on demand) calls `deliverDue` /
 *   `deliverAllDue` with a provider and a `render` function (the
 *   templates); rows are claimed with `for update skip locked`, sent
 *   outside the claim, and retried with exponential backoff and jitter.
 * - Providers: `sendgridProvider`, `mailgunProvider` and the default
 *   `devMailboxProvider`, read back with `listMailbox`.
 *
 * See `outbox.ts` for the exact delivery guarantees (at least once to the
 * provider; at most once per event id where the provider deduplicates).
 *
 * @module
 */
export {
  type Backoff,
  deliverAllDue,
  deliverDue,
  type DeliverOptions,
  type DeliverResult,
  enqueue,
  exponentialBackoff,
  NotificationInput,
  outboxEntry,
  requeue,
} from "./outbox.ts";
export {
  devMailboxProvider,
  type EmailProvider,
  MAILGUN_API_URL,
  mailgunProvider,
  SENDGRID_API_URL,
  sendgridProvider,
} from "./providers.ts";
export { listMailbox, type MailboxMessage, mailboxMessage } from "./mailbox.ts";
export { EmailDeliveryError, isRetryable } from "./errors.ts";
export type {
  EmailMessage,
  OutboxRow,
  OutboxStatus,
  RenderedEmail,
} from "./types.ts";
