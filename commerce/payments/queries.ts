/**
 * Reading and writing the `payments` schema: transactions and the webhook
 * inbox. Only this module touches these tables.
 *
 * @module
 */
import type postgres from "postgres";
import type { Sql } from "../../db/client.ts";
import { type Money, parseMoney, toDecimalString } from "../pricing/mod.ts";
import type { NextAction } from "./gateway.ts";
import type {
  Transaction,
  TransactionStatus,
  WebhookOutcome,
} from "./types.ts";

type Db = Sql | postgres.TransactionSql;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Until the gateway has answered, a transaction's gateway id is this
// placeholder: the column is required and unique per gateway.
const PLACEHOLDER = "pending:";

/**
 * The statuses each status may move to: forward only. `pending` may skip
 * straight to an outcome; nothing leaves `succeeded`, and a closed attempt
 * (`failed`, `cancelled`) moves only when the gateway says it succeeded.
 */
export const TRANSACTION_MOVES: Readonly<
  Record<TransactionStatus, readonly TransactionStatus[]>
> = {
  pending: ["requires_action", "succeeded", "failed", "cancelled"],
  requires_action: ["succeeded", "failed", "cancelled"],
  succeeded: [],
  // The gateway's "succeeded" is what happened, even after we gave up on
  // an attempt: the money moved, and the store must know to give it back.
  failed: ["succeeded"],
  cancelled: ["succeeded"],
};

/** Whether a transaction in `from` may move to `to`. */
export function canAdvance(
  from: TransactionStatus,
  to: TransactionStatus,
): boolean {
  return TRANSACTION_MOVES[from].includes(to);
}

function sourcesOf(to: TransactionStatus): TransactionStatus[] {
  return (Object.keys(TRANSACTION_MOVES) as TransactionStatus[])
    .filter((from) => canAdvance(from, to));
}

/**
 * Store a new `pending` payment transaction on the caller's transaction,
 * before the gateway is called, so no attempt goes unrecorded.
 */
export async function insertPayment(
  tx: postgres.TransactionSql,
  payment: { orderId: string; gateway: string; amount: Money },
): Promise<Transaction> {
  const id = crypto.randomUUID();
  const [row] = await tx`
    insert into payments.transactions (
      id, order_id, gateway, gateway_transaction_id, kind, amount, currency, status
    ) values (
      ${id}, ${payment.orderId}, ${payment.gateway}, ${PLACEHOLDER + id},
      'payment', ${toDecimalString(payment.amount)}, ${payment.amount.currency},
      'pending'
    )
    returning *`;
  return toTransaction(row);
}

/**
 * Store a new `pending` refund of `parentId` (a succeeded payment) on the
 * caller's transaction, before the gateway is called.
 */
export async function insertRefund(
  tx: postgres.TransactionSql,
  refund: {
    orderId: string;
    gateway: string;
    amount: Money;
    parentId: string;
    reason: string;
    createdBy: string;
    /**
     * Queued for the retry job to send (no caller will): stored as a
     * failed call old enough to be retried at once.
     */
    due?: boolean;
  },
): Promise<Transaction> {
  const id = crypto.randomUUID();
  const raw = refund.due ? { error: { message: "queued, not sent yet" } } : {};
  const [row] = await tx`
    insert into payments.transactions (
      id, order_id, gateway, gateway_transaction_id, kind, amount, currency,
      status, parent_id, reason, created_by, raw, updated_at
    ) values (
      ${id}, ${refund.orderId}, ${refund.gateway}, ${PLACEHOLDER + id},
      'refund', ${toDecimalString(refund.amount)}, ${refund.amount.currency},
      'pending', ${refund.parentId}, ${refund.reason}, ${refund.createdBy},
      ${tx.json(raw)},
      ${refund.due ? tx`now() - interval '1 day'` : tx`now()`}
    )
    returning *`;
  return toTransaction(row);
}

/**
 * How much of payment `paymentId` is given back or on its way back: the
 * sum of its refunds that succeeded (`succeeded`) and of those whose
 * outcome is not known yet (`pending`), in the payment's currency.
 */
export async function refundedOf(
  sql: Db,
  payment: Pick<Transaction, "id" | "amount">,
): Promise<{ succeeded: Money; pending: Money }> {
  const [row] = await sql`
    select
      coalesce(sum(amount) filter (where status = 'succeeded'), 0)::text
        as succeeded,
      coalesce(sum(amount) filter (
        where status in ('pending', 'requires_action')), 0)::text as pending
    from payments.transactions
    where parent_id = ${payment.id} and kind = 'refund'`;
  const currency = payment.amount.currency;
  return {
    succeeded: parseMoney(row.succeeded, currency),
    pending: parseMoney(row.pending, currency),
  };
}

/**
 * Refunds still `pending` more than `olderThanMinutes` after their last
 * change whose gateway call failed (their `raw` keeps the error), oldest
 * first.
 */
export async function stalePendingRefunds(
  sql: Db,
  options: { olderThanMinutes: number; limit: number },
): Promise<Transaction[]> {
  const rows = await sql`
    select * from payments.transactions
    where kind = 'refund' and status = 'pending' and raw ? 'error'
      and updated_at < now() - ${options.olderThanMinutes} * interval '1 minute'
    order by updated_at, id limit ${options.limit}`;
  return rows.map(toTransaction);
}

/**
 * The payment that paid the order (the money there is to refund): its
 * first to succeed. A later success is a duplicate the store refunds by
 * itself. `null` before any.
 */
export async function capturedPayment(
  sql: Db,
  orderId: string,
): Promise<Transaction | null> {
  const [row] = await sql`
    select * from payments.transactions
    where order_id = ${orderId} and kind = 'payment' and status = 'succeeded'
    order by succeeded_at, created_at, id limit 1`;
  return row ? toTransaction(row) : null;
}

/** The transaction with this id, locked for the caller's transaction. */
export async function lockTransaction(
  tx: postgres.TransactionSql,
  id: string,
): Promise<Transaction | null> {
  const [row] = await tx`
    select * from payments.transactions where id = ${id} for update`;
  return row ? toTransaction(row) : null;
}

/**
 * Record the gateway's answer on a transaction: its id there, what it
 * said, and the status it implies if that is a move forward (a webhook
 * may have got there first).
 */
export async function recordAnswer(
  sql: Db,
  id: string,
  answer: {
    gatewayTransactionId: string;
    status: TransactionStatus;
    raw: Record<string, unknown>;
    /** The gateway's fee, when it said (in the transaction's currency). */
    fee?: Money;
    /** What the shopper must do next, when the gateway asks something. */
    nextAction?: NextAction;
  },
): Promise<Transaction> {
  const [row] = await sql`
    update payments.transactions set
      gateway_transaction_id = ${answer.gatewayTransactionId},
      next_action = ${
    answer.nextAction
      ? sql.json(answer.nextAction as unknown as postgres.JSONValue)
      : null
  },
      raw = ${sql.json(answer.raw as postgres.JSONValue)},
      fee = coalesce(${
    answer.fee ? toDecimalString(answer.fee) : null
  }::numeric, fee),
      status = case when status = any(${sourcesOf(answer.status)}::text[])
        then ${answer.status} else status end,
      updated_at = now()
    where id = ${id}
    returning *`;
  return toTransaction(row);
}

/**
 * Keep what went wrong with a gateway call on its transaction without
 * changing its status: after a timeout nobody knows whether money moved,
 * so the payment stays `pending` until the gateway's webhook says.
 */
export async function noteGatewayError(
  sql: Db,
  id: string,
  raw: Record<string, unknown>,
): Promise<void> {
  await sql`
    update payments.transactions set
      raw = ${sql.json(raw as postgres.JSONValue)}, updated_at = now()
    where id = ${id}`;
}

/**
 * Mark a transaction failed because the gateway refused the call,
 * keeping `raw` (what went wrong); a final status stays as it is.
 */
export async function markFailed(
  sql: Db,
  id: string,
  raw: Record<string, unknown>,
): Promise<void> {
  await sql`
    update payments.transactions set
      raw = ${sql.json(raw as postgres.JSONValue)},
      status = case when status = any(${sourcesOf("failed")}::text[])
        then 'failed' else status end,
      updated_at = now()
    where id = ${id}`;
}

/** The transaction with this id, or `null`. */
export async function transactionById(
  sql: Db,
  id: string,
): Promise<Transaction | null> {
  if (!UUID.test(id)) return null;
  const [row] = await sql`select * from payments.transactions where id = ${id}`;
  return row ? toTransaction(row) : null;
}

/** An order's transactions, oldest first. */
export async function transactionsOf(
  sql: Db,
  orderId: string,
): Promise<Transaction[]> {
  if (!UUID.test(orderId)) return [];
  const rows = await sql`
    select * from payments.transactions where order_id = ${orderId}
    order by created_at, id`;
  return rows.map(toTransaction);
}

/**
 * How long a `pending` payment (the gateway has not said how it ended: a
 * call still running, or one that timed out) blocks another attempt and a
 * cancellation. Gateways settle such payments by webhook within minutes.
 */
export const PENDING_PAYMENT_HOLD_MINUTES = 5;

/**
 * The order's payment attempts that may still take money: `succeeded`
 * ones, and `pending` ones younger than {@link PENDING_PAYMENT_HOLD_MINUTES}.
 */
export async function livePayments(
  sql: Db,
  orderId: string,
): Promise<Transaction[]> {
  const rows = await sql`
    select * from payments.transactions
    where order_id = ${orderId} and kind = 'payment' and (status = 'succeeded'
      or (status = 'pending' and created_at >
        now() - ${PENDING_PAYMENT_HOLD_MINUTES} * interval '1 minute'))`;
  return rows.map(toTransaction);
}

/** The order's payment attempts that wait for the shopper, oldest first. */
export async function waitingAttempts(
  sql: Db,
  orderId: string,
): Promise<Transaction[]> {
  const rows = await sql`
    select * from payments.transactions
    where order_id = ${orderId} and kind = 'payment'
      and status = 'requires_action'
    order by created_at, id`;
  return rows.map(toTransaction);
}

/**
 * Close the order's payment attempts that wait for the shopper (a
 * challenge they left): a new attempt replaces them. Resolves their ids.
 */
export async function cancelAbandonedAttempts(
  tx: postgres.TransactionSql,
  orderId: string,
): Promise<string[]> {
  const rows = await tx`
    update payments.transactions set status = 'cancelled', updated_at = now()
    where order_id = ${orderId} and kind = 'payment'
      and status = 'requires_action'
    returning id`;
  return rows.map((r) => r.id);
}

/**
 * The transaction a webhook event is about, locked for the rest of the
 * caller's transaction: by the gateway's id, else by our own id when the
 * gateway echoed it (`reference`) and the transaction has not learnt its
 * gateway id yet (the event overtook the `createPayment` answer; the id
 * is filled in here). `null` when neither names a transaction.
 */
export async function lockTransactionForEvent(
  tx: postgres.TransactionSql,
  event: { gateway: string; gatewayTransactionId: string; reference?: string },
): Promise<Transaction | null> {
  const [byGatewayId] = await tx`
    select * from payments.transactions
    where gateway = ${event.gateway}
      and gateway_transaction_id = ${event.gatewayTransactionId}
    for update`;
  if (byGatewayId) return toTransaction(byGatewayId);
  if (!event.reference || !UUID.test(event.reference)) return null;
  // The answer may be recording the same id right now: the row lock waits
  // for it, and the re-checked condition still matches afterwards.
  const [byReference] = await tx`
    select * from payments.transactions
    where id = ${event.reference} and gateway = ${event.gateway}
      and gateway_transaction_id in (
        ${PLACEHOLDER + event.reference}, ${event.gatewayTransactionId}
      )
    for update`;
  if (!byReference) return null;
  if (byReference.gateway_transaction_id === event.gatewayTransactionId) {
    return toTransaction(byReference);
  }
  const [row] = await tx`
    update payments.transactions
    set gateway_transaction_id = ${event.gatewayTransactionId}, updated_at = now()
    where id = ${event.reference}
    returning *`;
  return toTransaction(row);
}

/** Move a locked transaction to `status` (the caller checked the move). */
export async function setStatus(
  tx: postgres.TransactionSql,
  { id, status, raw, fee }: {
    id: string;
    status: TransactionStatus;
    /** What the gateway said with it (why a payment failed). */
    raw?: Record<string, unknown>;
    /** The gateway's fee, when the event reported it. */
    fee?: Money;
  },
): Promise<void> {
  await tx`
    update payments.transactions set status = ${status}, updated_at = now(),
      fee = coalesce(${fee ? toDecimalString(fee) : null}::numeric, fee),
      raw = coalesce(${
    raw ? tx.json(raw as postgres.JSONValue) : null
  }::jsonb, raw)
    where id = ${id}`;
}

/**
 * Put a verified event in the inbox, once: resolves `false` when the
 * gateway's event id is already there (a redelivery), having changed
 * nothing. A concurrent delivery of the same event waits on the unique
 * key until the first one commits, then sees it.
 */
export async function insertWebhookEvent(
  tx: postgres.TransactionSql,
  event: {
    gateway: string;
    eventId: string;
    type: string;
    gatewayTransactionId: string | null;
    payload: Record<string, unknown>;
    /** The normalized event (what a replay applies again). */
    event: Record<string, unknown>;
  },
): Promise<boolean> {
  const rows = await tx`
    insert into payments.webhook_events (
      gateway, event_id, type, gateway_transaction_id, payload, event, outcome
    ) values (
      ${event.gateway}, ${event.eventId}, ${event.type},
      ${event.gatewayTransactionId},
      ${tx.json(event.payload as postgres.JSONValue)},
      ${tx.json(event.event as postgres.JSONValue)}, 'received'
    )
    on conflict (gateway, event_id) do nothing
    returning id`;
  return rows.length === 1;
}

/** Record what an inbox event did, and when. */
export async function setWebhookOutcome(
  tx: postgres.TransactionSql,
  event: { gateway: string; eventId: string; outcome: WebhookOutcome },
): Promise<void> {
  await tx`
    update payments.webhook_events
    set outcome = ${event.outcome}, processed_at = now()
    where gateway = ${event.gateway} and event_id = ${event.eventId}`;
}

/**
 * An inbox event, locked for the caller's transaction (a replay), with
 * its normalized form (`null` for events stored before it was kept).
 */
export async function lockWebhookEvent(
  tx: postgres.TransactionSql,
  key: { gateway: string; eventId: string },
): Promise<
  | { payload: Record<string, unknown>; event: Record<string, unknown> | null }
  | null
> {
  const [row] = await tx`
    select payload, event from payments.webhook_events
    where gateway = ${key.gateway} and event_id = ${key.eventId}
    for update`;
  return row ? { payload: row.payload, event: row.event } : null;
}

/** A stored webhook event, as reconciliation reads it. */
export interface StoredWebhookEvent {
  gateway: string;
  eventId: string;
  type: string;
  gatewayTransactionId: string | null;
  payload: Record<string, unknown>;
  outcome: string;
  receivedAt: Date;
}

/**
 * Inbox events, newest first: all of a gateway's, or only those with
 * `outcome` (e.g. the `unmatched` ones to reconcile).
 */
export async function webhookEvents(
  sql: Db,
  options: {
    gateway?: string;
    outcome?: string;
    eventId?: string;
    since?: Date;
    limit?: number;
  } = {},
): Promise<StoredWebhookEvent[]> {
  const rows = await sql`
    select * from payments.webhook_events
    where true
      ${options.gateway ? sql`and gateway = ${options.gateway}` : sql``}
      ${options.outcome ? sql`and outcome = ${options.outcome}` : sql``}
      ${options.eventId ? sql`and event_id = ${options.eventId}` : sql``}
      ${options.since ? sql`and received_at >= ${options.since}` : sql``}
    order by received_at desc, id
    limit ${options.limit ?? 100}`;
  return rows.map((row) => ({
    gateway: row.gateway,
    eventId: row.event_id,
    type: row.type,
    gatewayTransactionId: row.gateway_transaction_id,
    payload: row.payload,
    outcome: row.outcome,
    receivedAt: row.received_at,
  }));
}

// deno-lint-ignore no-explicit-any
function toTransaction(row: Record<string, any>): Transaction {
  const gatewayId = row.gateway_transaction_id as string;
  return {
    id: row.id,
    orderId: row.order_id,
    gateway: row.gateway,
    gatewayTransactionId: gatewayId.startsWith(PLACEHOLDER) ? null : gatewayId,
    kind: row.kind,
    amount: parseMoney(row.amount, row.currency),
    status: row.status,
    raw: row.raw,
    parentId: row.parent_id ?? null,
    fee: row.fee === null || row.fee === undefined
      ? null
      : parseMoney(row.fee, row.currency),
    reason: row.reason ?? null,
    createdBy: row.created_by ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** How an order's latest payment attempt stands, as shoppers may see it. */
export interface PaymentSummary {
  gateway: string;
  status: TransactionStatus;
  /** Why it failed, when the gateway said (`card_declined`...). */
  failureCode: string | null;
  updatedAt: Date;
}

/**
 * What the shopper of `orderId` must still do to pay (scan the QR code,
 * confirm in the gateway's form, open its page): the next action of the
 * order's latest payment attempt while it waits for them, else `null`.
 */
export async function pendingAction(
  sql: Db,
  orderId: string,
): Promise<{ gateway: string; nextAction: NextAction } | null> {
  if (!UUID.test(orderId)) return null;
  const [row] = await sql`
    select gateway, status, next_action from payments.transactions
    where order_id = ${orderId} and kind = 'payment'
    order by created_at desc, id desc limit 1`;
  return row?.status === "requires_action" && row.next_action
    ? { gateway: row.gateway, nextAction: row.next_action }
    : null;
}

/** The order's latest payment attempt, or `null` before any. */
export async function latestPayment(
  sql: Db,
  orderId: string,
): Promise<PaymentSummary | null> {
  if (!UUID.test(orderId)) return null;
  const [row] = await sql`
    select gateway, status, updated_at,
      coalesce(raw ->> 'failureCode', raw ->> 'failure_code') as failure_code
    from payments.transactions
    where order_id = ${orderId} and kind = 'payment'
    order by created_at desc, id desc limit 1`;
  return row
    ? {
      gateway: row.gateway,
      status: row.status,
      failureCode: row.failure_code,
      updatedAt: row.updated_at,
    }
    : null;
}

/**
 * What a reconciliation report of UTC day `date` reads: the transactions
 * that succeeded that day (of `gateway`, or all), and per gateway the
 * day's inbox events still `unmatched` and the disputes opened.
 */
export async function settledOn(
  sql: Db,
  options: { date: string; gateway?: string },
): Promise<{
  transactions: Transaction[];
  events: { gateway: string; unmatched: number; disputes: number }[];
}> {
  const from = new Date(`${options.date}T00:00:00Z`);
  const to = new Date(from.getTime() + 24 * 3600 * 1000);
  const only = options.gateway ? sql`and gateway = ${options.gateway}` : sql``;
  const rows = await sql`
    select * from payments.transactions
    where status = 'succeeded'
      and succeeded_at >= ${from} and succeeded_at < ${to} ${only}
    order by succeeded_at, id`;
  const events = await sql`
    select gateway,
      count(*) filter (where outcome = 'unmatched')::int as unmatched,
      count(*) filter (where outcome = 'dispute_opened')::int as disputes
    from payments.webhook_events
    where received_at >= ${from} and received_at < ${to} ${only}
    group by gateway`;
  return {
    transactions: rows.map(toTransaction),
    events: events.map((row) => ({
      gateway: row.gateway,
      unmatched: row.unmatched,
      disputes: row.disputes,
    })),
  };
}
