/**
 * Applying gateway webhooks: one path for every gateway.
 *
 * A webhook is verified by its gateway's adapter first; a forged, altered
 * or stale one is refused (400) and leaves no trace but a log line. A
 * verified event is then handled in one database transaction: it goes in
 * the inbox once (a redelivered event id changes nothing), its transaction
 * moves forward only, and a succeeded payment of the right amount moves
 * the order to `paid` through the order state machine, which ignores
 * whatever would move it backwards. So events may come twice, late or in
 * any order: each order is paid once.
 *
 * @module
 */
import type postgres from "postgres";
import type { Sql } from "../../db/client.ts";
import { AppError, NotFound } from "../../edge/errors.ts";
import type { Logger } from "../../edge/logger.ts";
import { orderById, transitionOrder } from "../orders/mod.ts";
import {
  equalMoney,
  type Money,
  parseMoney,
  toDecimalString,
} from "../pricing/mod.ts";
import {
  GatewayError,
  GatewayTransientError,
  InvalidWebhookSignature,
} from "./errors.ts";
import type { GatewayEvent } from "./gateway.ts";
import {
  canAdvance,
  insertWebhookEvent,
  lockTransactionForEvent,
  lockWebhookEvent,
  setStatus,
  setWebhookOutcome,
} from "./queries.ts";
import { queueAutomaticRefund, settleRefund } from "./refund.ts";
import type { PaymentGateways } from "./registry.ts";
import type { Transaction, WebhookOutcome, WebhookResult } from "./types.ts";

/** What applying webhooks needs from the app. */
export interface WebhookDeps {
  payments: PaymentGateways;
  logger?: Pick<Logger, "info" | "warn" | "error">;
}

/** A webhook request as it reached the store. */
export interface WebhookInput {
  /** The gateway's name, from the URL. */
  gateway: string;
  /** The body exactly as received (signatures cover these bytes). */
  rawBody: string;
  headers: Headers;
}

/**
 * Verify and apply one webhook. Throws `NotFound` for a gateway that is
 * not enabled and 400 (`invalid_signature`, `invalid_payload`) for a
 * webhook that fails verification, storing nothing. Otherwise resolves
 * `{ duplicate: true }` for an event id already in the inbox, or the
 * stored event's outcome: `applied`, `ignored` (stale, or nothing left to
 * change), `unmatched` (no such transaction here: kept for
 * reconciliation) or `amount_mismatch` (the order is left alone). Every
 * one of them is a success for the gateway: it must not retry them.
 */
export async function handleWebhook(
  sql: Sql,
  deps: WebhookDeps,
  input: WebhookInput,
): Promise<WebhookResult> {
  const gateway = deps.payments.gateway(input.gateway);
  if (!gateway) throw new NotFound(`No payment gateway '${input.gateway}'`);
  let event: GatewayEvent | null;
  try {
    event = await gateway.parseWebhook({
      rawBody: input.rawBody,
      headers: input.headers,
    });
  } catch (error) {
    // Verification needed the gateway and could not reach it (PayPal's
    // certificate): a 503, so the gateway delivers the event again.
    if (error instanceof GatewayTransientError) {
      deps.logger?.warn("webhook not verified: gateway unreachable", {
        gateway: gateway.name,
        error,
      });
      throw new GatewayError(gateway.name, { cause: error });
    }
    if (error instanceof InvalidWebhookSignature) {
      deps.logger?.warn("webhook rejected", {
        gateway: gateway.name,
        reason: error.reason,
      });
    } else if (error instanceof AppError && error.status < 500) {
      deps.logger?.warn("webhook rejected", {
        gateway: gateway.name,
        reason: error.code,
        message: error.message,
      });
    }
    throw error;
  }
  // Verified, but nothing the store subscribed to: the gateway must not
  // retry it, and there is nothing to keep.
  if (!event) return { duplicate: false, handled: false };
  const verified = event;
  return await sql.begin(async (tx) => {
    const fresh = await insertWebhookEvent(tx, {
      gateway: gateway.name,
      eventId: verified.eventId,
      type: verified.type,
      gatewayTransactionId: verified.gatewayTransactionId,
      payload: verified.raw,
      event: eventJson(verified),
    });
    if (!fresh) return { duplicate: true, eventId: verified.eventId };
    const outcome = await apply(tx, gateway.name, verified, deps.logger);
    await setWebhookOutcome(tx, {
      gateway: gateway.name,
      eventId: verified.eventId,
      outcome,
    });
    return { duplicate: false, eventId: verified.eventId, outcome };
  });
}

/**
 * Apply a stored inbox event again (an operator's `webhooks:replay`),
 * e.g. one kept `unmatched` because it overtook its payment: the same
 * path as on arrival, from the normalized event stored with it, in one
 * transaction with its new outcome. Its signature was verified when it
 * arrived. Resolves the new outcome, or `null` when no such event (or one
 * stored before events were kept normalized) exists.
 */
export async function replayWebhookEvent(
  sql: Sql,
  deps: Pick<WebhookDeps, "logger">,
  key: { gateway: string; eventId: string },
): Promise<WebhookOutcome | null> {
  return await sql.begin(async (tx) => {
    const stored = await lockWebhookEvent(tx, key);
    if (!stored?.event) return null;
    const outcome = await apply(
      tx,
      key.gateway,
      eventFromJson(stored.event, stored.payload),
      deps.logger,
    );
    await setWebhookOutcome(tx, { ...key, outcome });
    return outcome;
  });
}

// The normalized event as stored beside the raw payload (money as exact
// decimal strings, the time as ISO).
function eventJson(event: GatewayEvent): Record<string, unknown> {
  const money = (m?: Money) =>
    m ? { amount: toDecimalString(m), currency: m.currency } : undefined;
  return {
    eventId: event.eventId,
    type: event.type,
    gatewayTransactionId: event.gatewayTransactionId,
    reference: event.reference,
    amount: money(event.amount),
    fee: money(event.fee),
    failureCode: event.failureCode,
    occurredAt: event.occurredAt.toISOString(),
  };
}

function eventFromJson(
  json: Record<string, unknown>,
  raw: Record<string, unknown>,
): GatewayEvent {
  const money = (value: unknown) => {
    const m = value as { amount: string; currency: string } | undefined;
    return m ? parseMoney(m.amount, m.currency) : undefined;
  };
  return {
    eventId: json.eventId as string,
    type: json.type as GatewayEvent["type"],
    gatewayTransactionId: json.gatewayTransactionId as string,
    reference: json.reference as string | undefined,
    amount: money(json.amount),
    fee: money(json.fee),
    failureCode: json.failureCode as string | undefined,
    occurredAt: new Date(json.occurredAt as string),
    raw,
  };
}

async function apply(
  tx: postgres.TransactionSql,
  gateway: string,
  event: GatewayEvent,
  logger: WebhookDeps["logger"],
): Promise<WebhookOutcome> {
  const transaction = await lockTransactionForEvent(tx, {
    gateway,
    gatewayTransactionId: event.gatewayTransactionId,
    reference: event.reference,
  });
  const kind = event.type.startsWith("refund.") ? "refund" : "payment";
  if (event.type === "dispute.created") {
    // The shopper's bank is taking the money back: nothing moves the order
    // by itself, but finance must answer the dispute within days.
    logger?.error("payment disputed: answer the dispute at the gateway", {
      gateway,
      eventId: event.eventId,
      gatewayTransactionId: event.gatewayTransactionId,
      orderId: transaction?.orderId ?? null,
      amount: event.amount &&
        `${toDecimalString(event.amount)} ${event.amount.currency}`,
    });
    return transaction ? "dispute_opened" : "unmatched";
  }
  if (!transaction || transaction.kind !== kind) {
    logger?.warn("webhook for an unknown transaction kept for reconciliation", {
      gateway,
      eventId: event.eventId,
      type: event.type,
      gatewayTransactionId: event.gatewayTransactionId,
    });
    return "unmatched";
  }
  const context = {
    gateway,
    eventId: event.eventId,
    type: event.type,
    transactionId: transaction.id,
    status: transaction.status,
  };
  switch (event.type) {
    case "payment.processing":
      // `pending` already means "in flight"; once final, it is stale.
      return transaction.status === "pending" ||
          transaction.status === "requires_action"
        ? "applied"
        : "ignored";
    case "payment.requires_action":
      return await advance(tx, transaction, "requires_action");
    case "payment.failed": {
      if (transaction.status === "succeeded") {
        logger?.warn("payment failure after success ignored", context);
      }
      return await advance(tx, transaction, "failed", {
        ...event.raw,
        failureCode: event.failureCode ?? null,
      });
    }
    case "refund.succeeded":
      return await settleRefund(tx, transaction) ? "applied" : "ignored";
    case "refund.failed":
      if (transaction.status === "succeeded") {
        logger?.error("refund failure after success: reconcile", context);
      }
      return await advance(tx, transaction, "failed", {
        ...event.raw,
        failureCode: event.failureCode ?? null,
      });
    case "payment.succeeded":
      return await paymentSucceeded(tx, transaction, event, logger, context);
  }
}

async function advance(
  tx: postgres.TransactionSql,
  transaction: Transaction,
  to: Transaction["status"],
  raw?: Record<string, unknown>,
): Promise<WebhookOutcome> {
  if (!canAdvance(transaction.status, to)) return "ignored";
  await setStatus(tx, { id: transaction.id, status: to, raw });
  return "applied";
}

async function paymentSucceeded(
  tx: postgres.TransactionSql,
  transaction: Transaction,
  event: GatewayEvent,
  logger: WebhookDeps["logger"],
  context: Record<string, unknown>,
): Promise<WebhookOutcome> {
  if (transaction.status === "failed" || transaction.status === "cancelled") {
    // We closed it, but the shopper paid all the same (an old QR code
    // paid before it expired): the gateway's word is what happened.
    logger?.warn("payment succeeded after the store closed it", context);
  }
  const order = await orderById(tx, transaction.orderId);
  if (!order) {
    logger?.error("payment succeeded for a missing order", context);
    return "unmatched";
  }
  const total = order.totals.total;
  if (
    (event.amount && !equalMoney(event.amount, transaction.amount)) ||
    !equalMoney(transaction.amount, total)
  ) {
    logger?.error(
      "payment amount does not match the order: order left unpaid",
      {
        ...context,
        orderId: order.id,
        reported: event.amount &&
          `${toDecimalString(event.amount)} ${event.amount.currency}`,
        charged: `${
          toDecimalString(transaction.amount)
        } ${transaction.amount.currency}`,
        orderTotal: `${toDecimalString(total)} ${total.currency}`,
      },
    );
    return "amount_mismatch";
  }
  const moved = canAdvance(transaction.status, "succeeded");
  if (moved) {
    await setStatus(tx, {
      id: transaction.id,
      status: "succeeded",
      fee: event.fee,
    });
  }
  const { order: after, changed } = await transitionOrder(tx, {
    orderId: order.id,
    to: "paid",
    actor: `gateway:${transaction.gateway}`,
    data: { transactionId: transaction.id },
    otherwise: "ignore",
  });
  if (!changed && moved) {
    // A second payment of a paid order, or one of a cancelled order: the
    // money is taken but the order cannot take it, so it goes back. The
    // refund is queued here, in this transaction, and sent by the retry
    // job (the webhook answers without waiting for a gateway call).
    const refund = await queueAutomaticRefund(tx, transaction);
    logger?.error(
      "payment succeeded for an order not awaiting payment: refund queued",
      {
        ...context,
        orderId: order.id,
        orderStatus: after.status,
        refundId: refund.id,
      },
    );
  }
  return changed || moved ? "applied" : "ignored";
}
