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
import { equalMoney, toDecimalString } from "../pricing/mod.ts";
import { InvalidWebhookSignature } from "./errors.ts";
import type { GatewayEvent } from "./gateway.ts";
import {
  canAdvance,
  insertWebhookEvent,
  lockTransactionForEvent,
  setStatus,
  setWebhookOutcome,
} from "./queries.ts";
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
  let event: GatewayEvent;
  try {
    event = await gateway.parseWebhook({
      rawBody: input.rawBody,
      headers: input.headers,
    });
  } catch (error) {
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
  return await sql.begin(async (tx) => {
    const fresh = await insertWebhookEvent(tx, {
      gateway: gateway.name,
      eventId: event.eventId,
      type: event.type,
      gatewayTransactionId: event.gatewayTransactionId,
      payload: event.raw,
    });
    if (!fresh) return { duplicate: true, eventId: event.eventId };
    const outcome = await apply(tx, gateway.name, event, deps.logger);
    await setWebhookOutcome(tx, {
      gateway: gateway.name,
      eventId: event.eventId,
      outcome,
    });
    return { duplicate: false, eventId: event.eventId, outcome };
  });
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
      return await advance(tx, transaction, "succeeded");
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
    // Final statuses never move back; money may have moved all the same.
    logger?.error(
      "payment succeeded at the gateway for a closed transaction: reconcile",
      context,
    );
    return "ignored";
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
  if (moved) await setStatus(tx, { id: transaction.id, status: "succeeded" });
  const { order: after, changed } = await transitionOrder(tx, {
    orderId: order.id,
    to: "paid",
    actor: `gateway:${transaction.gateway}`,
    data: { transactionId: transaction.id },
    otherwise: "ignore",
  });
  if (!changed && moved) {
    // A second payment of a paid order, or one of a cancelled order: the
    // money is taken but the order cannot take it.
    logger?.error(
      "payment succeeded for an order not awaiting payment: refund it",
      {
        ...context,
        orderId: order.id,
        orderStatus: after.status,
      },
    );
  }
  return changed || moved ? "applied" : "ignored";
}
