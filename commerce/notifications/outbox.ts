/**
 * The transactional outbox: notifications are written in the same
 * transaction as the change that causes them, and delivered afterwards by a
 * worker with retries and backoff.
 *
 * Delivery guarantees, precisely:
 *
 * - **Queued exactly when the change commits.** {@link enqueue} runs on the
 *   caller's transaction; a rollback takes the notification with it. The
 *   producer's `eventId` is unique, so enqueueing an event again (a retried
 *   request, a replayed webhook) is harmless: the first row wins.
 * - **Claimed by one worker at a time.** {@link deliverDue} claims due rows
 *   with `for update skip locked` and marks them `sending` under a lease, in
 *   one short statement; concurrent workers (several regions' crons, an
 *   on-demand run) never take the same row while its lease holds.
 * - **At least once to the provider.** The provider is called outside any
 *   transaction, so a worker that dies after the provider accepted a message
 *   but before recording `sent` leaves the row `sending`; when the lease
 *   expires the row is due again and is sent again. The same happens when a
 *   send outlives its lease. No outbox can close that gap on its own: it
 *   needs the provider to deduplicate.
 * - **At most once per event id where the provider allows it.** Every
 *   message carries its event id to the provider: the dev mailbox stores one
 *   message per event id (a unique index), so it never shows a duplicate;
 *   SendGrid (`custom_args.event_id`) and Mailgun (`v:event_id`) have no
 *   idempotency keys for sending, but attach the id to the message and to
 *   every webhook event about it, so a duplicate from the rare crash window
 *   can be recognised and reconciled.
 *
 * @module
 */
import type postgres from "postgres";
import { z } from "zod";
import type { Sql } from "../../db/client.ts";
import type { Logger } from "../../edge/logger.ts";
import { withTimeout } from "../../edge/timeout.ts";
import { EmailDeliveryError, isRetryable } from "./errors.ts";
import type { EmailProvider } from "./providers.ts";
import type {
  EmailMessage,
  OutboxRow,
  OutboxStatus,
  RenderedEmail,
} from "./types.ts";

/**
 * What a producer queues: an event id that is its idempotency key (derive
 * it from what happened, e.g. `order-confirmed:<order id>`, never a random
 * value), the kind that picks the template, the recipient's address, the
 * language to write in, and the template's data (JSON).
 */
export const NotificationInput = z.object({
  eventId: z.string().min(1).max(200),
  kind: z.string().min(1).max(100).regex(
    /^[a-z0-9_.:-]+$/,
    "must be lower-case letters, digits and . _ : -",
  ),
  recipient: z.string().min(3).max(320).regex(
    /^[^\s@]+@[^\s@]+$/,
    "must be an email address",
  ),
  language: z.string().min(2).max(35),
  payload: z.record(z.string(), z.unknown()).default({}),
}).strict();
/** What a producer queues (see the schema of the same name). */
export type NotificationInput = z.input<typeof NotificationInput>;

/**
 * Queue a notification inside the caller's transaction (`tx` is the `sql`
 * that `sql.begin` hands its callback, so an outbox row can never be
 * written outside one). Resolves `queued: false` when a row with this event
 * id already exists; that row is kept as it is. Throws a `ZodError` for
 * input no template could use, failing the caller's transaction: that is a
 * bug in the producer, not something to send later.
 */
export async function enqueue(
  tx: postgres.TransactionSql,
  input: NotificationInput,
): Promise<{ queued: boolean }> {
  const event = NotificationInput.parse(input);
  const rows = await tx`
    insert into notifications.outbox
      (event_id, kind, recipient, language, payload)
    values (
      ${event.eventId}, ${event.kind}, ${event.recipient}, ${event.language},
      ${tx.json(event.payload as postgres.JSONValue)}
    )
    on conflict (event_id) do nothing
    returning id`;
  return { queued: rows.length === 1 };
}

/**
 * A retry schedule: the delay in milliseconds before attempt `attempt + 1`,
 * given that attempt `attempt` (1-based) just failed.
 */
export type Backoff = (attempt: number) => number;

/**
 * Exponential backoff with jitter: `baseMs` doubled per failed attempt,
 * capped at `maxMs`, then spread uniformly over the upper half of that
 * delay so workers in many regions do not retry in step. Defaults: 30 s,
 * capped at 6 h.
 */
export function exponentialBackoff(
  options: { baseMs?: number; maxMs?: number; random?: () => number } = {},
): Backoff {
  const { baseMs = 30_000, maxMs = 6 * 60 * 60_000, random = Math.random } =
    options;
  return function backoff(attempt: number): number {
    const delay = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
    return Math.round(delay / 2 + random() * (delay / 2));
  };
}

/** How {@link deliverDue} delivers. */
export interface DeliverOptions {
  /** Where messages go; its `name` is recorded on each sent row. */
  provider: EmailProvider;
  /** The template: subject and bodies for a row. A throw fails the row. */
  render: (row: OutboxRow) => RenderedEmail | Promise<RenderedEmail>;
  /** The worker's clock (default: the current time). */
  now?: Date;
  /** Rows claimed per call (default 20). */
  batchSize?: number;
  /** Sends in flight at once (default 4). */
  concurrency?: number;
  /** Attempts before a row is `failed` (default 10). */
  maxAttempts?: number;
  /** The retry schedule (default {@link exponentialBackoff}()). */
  backoff?: Backoff;
  /**
   * How long a claimed row stays `sending` before another worker may take
   * it, assuming this one died (default 5 minutes). Must exceed the time a
   * whole batch can take: `ceil(batchSize / concurrency) * timeoutMs`.
   */
  leaseMs?: number;
  /** Deadline of each send in milliseconds (default 30 000). */
  timeoutMs?: number;
  /** Where outcomes are logged (default: nowhere). */
  logger?: Pick<Logger, "info" | "warn" | "error">;
}

/** What one {@link deliverDue} call did, counted in rows. */
export interface DeliverResult {
  /** Rows claimed for sending. */
  claimed: number;
  /** Rows the provider accepted. */
  sent: number;
  /** Rows that failed for now and were scheduled again. */
  retried: number;
  /**
   * Rows given up on: a permanent error, the last attempt failing, or a
   * lease expiring on the last attempt.
   */
  failed: number;
  /** Rows whose outcome could not be recorded (their lease will expire). */
  unrecorded: number;
}

const DEFAULTS = {
  batchSize: 20,
  concurrency: 4,
  maxAttempts: 10,
  leaseMs: 5 * 60_000,
  timeoutMs: 30_000,
};

// Provider messages can be long; the row needs the gist.
const MAX_ERROR_CHARS = 1000;

/**
 * Deliver one batch of due notifications: claim up to `batchSize` due rows
 * (pending rows whose time has come, and `sending` rows whose lease
 * expired), render and send each outside the claim's transaction, then
 * record `sent` with the provider's message id, schedule a retry after
 * `backoff` (or the provider's `Retry-After`, whichever is later) for a
 * retryable failure, or mark the row `failed` for a permanent one or after
 * `maxAttempts`. Never throws for a send failure; see the module doc for
 * the delivery guarantees.
 */
export async function deliverDue(
  sql: Sql,
  options: DeliverOptions,
): Promise<DeliverResult> {
  const settings = { ...DEFAULTS, ...definedOnly(options) };
  const { batchSize, concurrency, maxAttempts, leaseMs, timeoutMs } = settings;
  if (Math.ceil(batchSize / concurrency) * timeoutMs >= leaseMs) {
    throw new RangeError(
      `A batch of ${batchSize} at ${concurrency} at a time with ${timeoutMs} ms per send can outlive the ${leaseMs} ms lease`,
    );
  }
  const now = options.now ?? new Date();
  const backoff = options.backoff ?? exponentialBackoff();
  const result: DeliverResult = {
    claimed: 0,
    sent: 0,
    retried: 0,
    failed: 0,
    unrecorded: 0,
  };

  // A worker died (or overran its lease) on a row's last attempt: do not
  // try again, but say the message may have gone out.
  const expired = await sql`
    update notifications.outbox
    set status = 'failed', updated_at = now(),
      last_error = 'The delivery lease expired on the last attempt; the message may or may not have been sent'
    where status = 'sending' and next_attempt_at <= ${now}
      and attempts >= ${maxAttempts}
    returning event_id`;
  result.failed += expired.length;
  for (const row of expired) {
    options.logger?.warn("notification lease expired on its last attempt", {
      eventId: row.event_id,
    });
  }

  const leaseEnd = new Date(now.getTime() + leaseMs);
  const claimed = (await sql`
    with due as (
      select id from notifications.outbox
      where status in ('pending', 'sending') and next_attempt_at <= ${now}
        and attempts < ${maxAttempts}
      order by next_attempt_at, id
      limit ${batchSize}
      for update skip locked
    )
    update notifications.outbox as o
    set status = 'sending', attempts = o.attempts + 1,
      next_attempt_at = ${leaseEnd}, updated_at = now(),
      last_error = case when o.status = 'sending'
        then 'The previous attempt''s lease expired' else o.last_error end
    from due
    where o.id = due.id
    returning o.*`).map(toOutboxRow);
  result.claimed = claimed.length;

  const context = { sql, options, now, backoff, maxAttempts, timeoutMs };
  let next = 0;
  async function work(): Promise<void> {
    while (next < claimed.length) {
      const row = claimed[next++];
      try {
        result[await deliverOne(row, context)]++;
      } catch (error) {
        // The outcome could not be written (the database went away): the
        // lease will expire and the row be tried again.
        result.unrecorded++;
        options.logger?.error("notification outcome not recorded", {
          eventId: row.eventId,
          error,
        });
      }
    }
  }
  await Promise.all(
    Array.from({ length: Math.min(concurrency, claimed.length) }, work),
  );
  if (result.claimed > 0 || result.failed > 0) {
    options.logger?.info("notifications delivered", { ...result });
  }
  return result;
}

/**
 * Deliver due notifications batch after batch until a batch comes back
 * short (nothing more is due) or `maxBatches` ran: what a cron tick or an
 * on-demand "send now" calls. Returns the summed counts.
 */
export async function deliverAllDue(
  sql: Sql,
  options: DeliverOptions & { maxBatches?: number },
): Promise<DeliverResult> {
  const total: DeliverResult = {
    claimed: 0,
    sent: 0,
    retried: 0,
    failed: 0,
    unrecorded: 0,
  };
  const batchSize = options.batchSize ?? DEFAULTS.batchSize;
  for (let batch = 0; batch < (options.maxBatches ?? 10); batch++) {
    const result = await deliverDue(sql, options);
    for (const key of Object.keys(total) as (keyof DeliverResult)[]) {
      total[key] += result[key];
    }
    if (result.claimed < batchSize) break;
  }
  return total;
}

/**
 * Put a `failed` notification back in the queue with fresh attempts (an
 * operator fixed the address, the template or the provider key). Resolves
 * false when no failed row has this event id.
 */
export async function requeue(sql: Sql, eventId: string): Promise<boolean> {
  const rows = await sql`
    update notifications.outbox
    set status = 'pending', attempts = 0, next_attempt_at = now(),
      updated_at = now()
    where event_id = ${eventId} and status = 'failed'
    returning id`;
  return rows.length === 1;
}

/** The outbox row of an event id, or `null` when none was queued. */
export async function outboxEntry(
  sql: Sql,
  eventId: string,
): Promise<OutboxRow | null> {
  const [row] = await sql`
    select * from notifications.outbox where event_id = ${eventId}`;
  return row ? toOutboxRow(row) : null;
}

type Outcome = "sent" | "retried" | "failed";

async function deliverOne(
  row: OutboxRow,
  { sql, options, now, backoff, maxAttempts, timeoutMs }: {
    sql: Sql;
    options: DeliverOptions;
    now: Date;
    backoff: Backoff;
    maxAttempts: number;
    timeoutMs: number;
  },
): Promise<Outcome> {
  const { provider, logger } = options;
  let message: EmailMessage;
  try {
    message = {
      eventId: row.eventId,
      to: row.recipient,
      ...await options.render(row),
    };
  } catch (error) {
    // A missing template or bad payload will not fix itself; `requeue`
    // after the fix.
    return await finish(sql, row, {
      status: "failed",
      error: `The notification could not be rendered: ${describe(error)}`,
    }, () => logger?.error("notification not rendered", logFields(row, error)));
  }

  const controller = new AbortController();
  try {
    const { id } = await withTimeout(
      provider.send(message, controller.signal),
      { ms: timeoutMs, what: `The ${provider.name} email provider` },
    );
    const updated = await sql`
      update notifications.outbox
      set status = 'sent', sent_at = ${now}, provider = ${provider.name},
        provider_message_id = ${id}, last_error = null, updated_at = now()
      where id = ${row.id} and status <> 'sent'
      returning id`;
    if (updated.length === 0) {
      // Another worker took over after this one's lease ran out, and got
      // there first: the message went out twice.
      logger?.warn("notification was sent by two workers", {
        eventId: row.eventId,
      });
    }
    return "sent";
  } catch (error) {
    if (isRetryable(error) && row.attempts < maxAttempts) {
      const retryAfter = error instanceof EmailDeliveryError
        ? error.retryAfterMs ?? 0
        : 0;
      const delay = Math.max(backoff(row.attempts), retryAfter);
      return await finish(
        sql,
        row,
        {
          status: "pending",
          error: describe(error),
          nextAttemptAt: new Date(now.getTime() + delay),
        },
        () =>
          logger?.warn(
            "notification send failed; will retry",
            logFields(row, error),
          ),
      );
    }
    return await finish(
      sql,
      row,
      {
        status: "failed",
        error: describe(error),
      },
      () =>
        logger?.error(
          "notification send failed for good",
          logFields(row, error),
        ),
    );
  } finally {
    controller.abort();
  }
}

// Record a failure, but only while this worker still holds the row: after
// its lease expired another worker owns it, and that worker's outcome wins.
async function finish(
  sql: Sql,
  row: OutboxRow,
  outcome: {
    status: Extract<OutboxStatus, "pending" | "failed">;
    error: string;
    nextAttemptAt?: Date;
  },
  log: () => void,
): Promise<Outcome> {
  await sql`
    update notifications.outbox
    set status = ${outcome.status}, last_error = ${outcome.error},
      next_attempt_at = coalesce(${
    outcome.nextAttemptAt ?? null
  }::timestamptz, next_attempt_at),
      updated_at = now()
    where id = ${row.id} and status = 'sending' and attempts = ${row.attempts}`;
  log();
  return outcome.status === "pending" ? "retried" : "failed";
}

function describe(error: unknown): string {
  const text = error instanceof Error
    ? `${error.name}: ${error.message}`
    : String(error);
  return text.length > MAX_ERROR_CHARS
    ? `${text.slice(0, MAX_ERROR_CHARS)}…`
    : text;
}

function logFields(row: OutboxRow, error: unknown): Record<string, unknown> {
  return {
    eventId: row.eventId,
    kind: row.kind,
    attempt: row.attempts,
    error,
  };
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

// deno-lint-ignore no-explicit-any
function toOutboxRow(raw: Record<string, any>): OutboxRow {
  return {
    id: raw.id,
    eventId: raw.event_id,
    kind: raw.kind,
    recipient: raw.recipient,
    language: raw.language,
    payload: raw.payload,
    status: raw.status,
    attempts: raw.attempts,
    nextAttemptAt: raw.next_attempt_at,
    lastError: raw.last_error,
    provider: raw.provider,
    providerMessageId: raw.provider_message_id,
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
    sentAt: raw.sent_at,
  };
}
