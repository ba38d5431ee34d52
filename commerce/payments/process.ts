/**
 * Taking a payment for an order: the one flow every gateway goes through.
 *
 * The transaction row is written before the gateway is called, so no
 * attempt is ever lost; the gateway's answer is recorded on it afterwards.
 * The order itself becomes paid only through the gateway's verified
 * webhook (`webhook.ts`), never from this answer, which the shopper's
 * browser could cut short.
 *
 * @module
 */
import type { Sql } from "../../db/client.ts";
import { AppError, NotFound } from "../../edge/errors.ts";
import type { Logger } from "../../edge/logger.ts";
import { withDeadline } from "../../edge/resilience.ts";
import {
  holdReservation,
  orderById,
  orderFor,
  type OrderRecord,
} from "../orders/mod.ts";
import {
  errorJson,
  GatewayCircuitOpen,
  GatewayError,
  GatewayUnavailable,
  movedNoMoney,
  type NotPayableReason,
  OrderNotPayable,
} from "./errors.ts";
import type { CreatePaymentResult, GatewayPaymentStatus } from "./gateway.ts";
import {
  cancelAbandonedAttempts,
  insertPayment,
  livePayments,
  markFailed,
  noteGatewayError,
  recordAnswer,
  transactionById,
  waitingAttempts,
} from "./queries.ts";
import type { PaymentGateways } from "./registry.ts";
import type {
  ProcessPaymentInput,
  ProcessPaymentResult,
  Transaction,
  TransactionStatus,
} from "./types.ts";

/** What taking payments needs from the app. */
export interface PaymentDeps {
  payments: PaymentGateways;
  logger?: Pick<Logger, "warn" | "error">;
  /** How long to wait for a gateway's answer, in ms (20 000). */
  gatewayTimeoutMs?: number;
}

const DEFAULT_GATEWAY_TIMEOUT_MS = 20_000;

/** How long an attempt keeps the order's stock reserved, at least. */
export const PAYMENT_HOLD_MINUTES = 15;

// The table has no `processing`: it is `pending` (nothing asked of the
// shopper, no outcome yet).
const STORED_STATUS: Record<GatewayPaymentStatus, TransactionStatus> = {
  succeeded: "succeeded",
  processing: "pending",
  requires_action: "requires_action",
  failed: "failed",
};

/**
 * Pay an order through `gateway` for its owner. The order must be the
 * owner's (else `NotFound`), waiting for payment with its reservation
 * still running and no payment already through (else 409
 * `order_not_payable`); the gateway must be enabled and take the order's
 * currency and ship-to country (else 400 `gateway_unavailable`), and the
 * method must be one it can charge (400). The amount is the order's total,
 * exactly. One attempt runs at a time (409 `order_not_payable` with reason
 * `payment_in_progress` otherwise); an attempt left waiting for the shopper
 * is closed at its gateway first (409 `already_paid` when it was paid after
 * all, 503 when its gateway cannot be reached), and each keeps the stock
 * reserved for
 * at least {@link PAYMENT_HOLD_MINUTES}. When the gateway call fails or
 * times out, the transaction stays pending (the webhook settles it) and a
 * 503 `gateway_error` is thrown; a refusal the gateway explains (a 4xx)
 * marks it failed and is rethrown as it is.
 */
export async function processPayment(
  sql: Sql,
  deps: PaymentDeps,
  input: ProcessPaymentInput,
): Promise<ProcessPaymentResult> {
  const order = await orderFor(sql, input.orderId, input.owner);
  assertPayable(order);
  const gateway = deps.payments.gateway(input.gateway);
  const where = {
    currency: order.currency,
    country: order.shippingAddress.country,
  };
  if (!gateway) throw new GatewayUnavailable({ gateway: input.gateway });
  if (!gateway.supports(where)) {
    throw new GatewayUnavailable({ gateway: gateway.name, ...where });
  }
  // Fail fast while the gateway's breaker is open: nothing is recorded,
  // and the shopper may pay another way.
  if (!gateway.available) {
    throw new GatewayCircuitOpen(gateway.name, gateway.retryAt);
  }
  const method = gateway.parseMethod(input.method);
  const amount = order.totals.total;
  // An attempt the shopper left (a QR code still on their phone, a form in
  // another tab) could still take money: close it at its gateway first.
  const closed = await closeAbandonedAttempts(sql, deps, order);

  const transaction = await sql.begin(async (tx) => {
    // Under the order's lock: a cancellation or expiry cannot slip in
    // between this check and the row.
    const locked = (await orderById(tx, order.id, { forUpdate: true }))!;
    assertPayable(locked);
    // One attempt at a time: a double click or a second tab must not
    // charge twice. A challenge the shopper left is replaced; a call whose
    // outcome is unknown blocks until the gateway reports it.
    const live = await livePayments(tx, order.id);
    if (live.some((t) => t.status === "succeeded")) {
      throw notPayable(locked, "already_paid");
    }
    if (live.length) throw notPayable(locked, "payment_in_progress");
    // One started in another tab since: it is not closed at its gateway.
    const waiting = await waitingAttempts(tx, order.id);
    if (waiting.some((t) => !closed.has(t.id) && canClose(deps, t))) {
      throw notPayable(locked, "payment_in_progress");
    }
    await cancelAbandonedAttempts(tx, order.id);
    // The stock stays reserved while the shopper pays (a challenge step
    // may take minutes), so expiry cannot cancel an order mid-payment.
    await holdReservation(tx, order.id, PAYMENT_HOLD_MINUTES);
    return await insertPayment(tx, {
      orderId: order.id,
      gateway: gateway.name,
      amount,
    });
  });

  let answer: CreatePaymentResult;
  try {
    answer = await deadline(
      deps.gatewayTimeoutMs ?? DEFAULT_GATEWAY_TIMEOUT_MS,
      (signal) =>
        gateway.createPayment({
          reference: transaction.id,
          amount,
          orderNumber: order.number,
          // A gateway that needs a last call once the shopper approved
          // (PayPal's capture) sends them to our return route first.
          returnUrl: gateway.complete
            ? completionPath(transaction.id, input.returnUrl)
            : input.returnUrl ?? `/${order.language}/orders/${order.id}`,
          method,
          signal,
          expiresAt: new Date(
            Math.max(
              order.reservationExpiresAt.getTime(),
              Date.now() + PAYMENT_HOLD_MINUTES * 60_000,
            ),
          ),
        }),
    );
  } catch (error) {
    // A refusal the gateway explains ended the attempt. A timeout or a
    // gateway error did not say: money may have moved, so the attempt
    // stays pending for the webhook to settle, and blocks a second charge.
    const refused = movedNoMoney(error);
    await (refused ? markFailed : noteGatewayError)(sql, transaction.id, {
      error: errorJson(error),
    }).catch((markError) =>
      deps.logger?.error("could not record a payment attempt's error", {
        transactionId: transaction.id,
        error: markError,
      })
    );
    if (refused) throw error;
    deps.logger?.error("payment gateway call failed", {
      gateway: gateway.name,
      transactionId: transaction.id,
      orderId: order.id,
      error,
    });
    throw new GatewayError(gateway.name, { cause: error });
  }

  await recordAnswer(sql, transaction.id, {
    gatewayTransactionId: answer.gatewayTransactionId,
    status: STORED_STATUS[answer.status],
    raw: answer.raw,
    fee: answer.fee,
    nextAction: answer.nextAction,
  });
  return {
    transactionId: transaction.id,
    status: answer.status,
    ...(answer.nextAction ? { nextAction: answer.nextAction } : {}),
    ...(answer.failureCode ? { failureCode: answer.failureCode } : {}),
  };
}

// Whether the attempt's gateway can close it (see `PaymentGateway.cancel`).
function canClose(deps: PaymentDeps, attempt: Transaction): boolean {
  return Boolean(deps.payments.gateway(attempt.gateway)?.cancel);
}

/**
 * Close the order's attempts that wait for the shopper at their gateways
 * and resolve the ids closed. One the gateway says was paid after all
 * makes the new attempt a 409 (`already_paid`: its webhook is on the
 * way); a gateway that cannot be reached makes it a 503, since the old
 * attempt might still take money.
 */
async function closeAbandonedAttempts(
  sql: Sql,
  deps: PaymentDeps,
  order: OrderRecord,
): Promise<Set<string>> {
  const closed = new Set<string>();
  for (const attempt of await waitingAttempts(sql, order.id)) {
    const gateway = deps.payments.gateway(attempt.gateway);
    if (!gateway?.cancel || !attempt.gatewayTransactionId) continue;
    let outcome;
    try {
      outcome = await deadline(
        deps.gatewayTimeoutMs ?? DEFAULT_GATEWAY_TIMEOUT_MS,
        (signal) =>
          gateway.cancel!({
            gatewayTransactionId: attempt.gatewayTransactionId!,
            reference: attempt.id,
            signal,
          }),
      );
    } catch (error) {
      deps.logger?.warn("could not close an abandoned payment attempt", {
        gateway: gateway.name,
        transactionId: attempt.id,
        error,
      });
      if (error instanceof AppError && error.status === 503) throw error;
      throw new GatewayError(gateway.name, { cause: error });
    }
    if (outcome === "already_paid") throw notPayable(order, "already_paid");
    closed.add(attempt.id);
  }
  return closed;
}

/** The store's return route for gateways with a last step (see `complete`). */
export function completionPath(transactionId: string, next?: string): string {
  return `/payments/return/${transactionId}${
    next ? `?next=${encodeURIComponent(next)}` : ""
  }`;
}

/**
 * Finish a payment the shopper approved at the gateway and came back from
 * (PayPal: capture it). Idempotent: a payment already settled, or one
 * whose gateway has no last step, is returned as it is without a call.
 * The order still becomes paid through the gateway's webhook. Resolves
 * the order's id and language (where to send the shopper) and the
 * payment's status; 404 for an unknown transaction.
 */
export async function completePayment(
  sql: Sql,
  deps: PaymentDeps,
  input: { transactionId: string },
): Promise<{ orderId: string; language: string; status: TransactionStatus }> {
  const transaction = await transactionById(sql, input.transactionId);
  if (!transaction || transaction.kind !== "payment") {
    throw new NotFound(`No payment '${input.transactionId}'`);
  }
  const order = (await orderById(sql, transaction.orderId))!;
  const where = { orderId: order.id, language: order.language };
  const gateway = deps.payments.gateway(transaction.gateway);
  const open = transaction.status === "pending" ||
    transaction.status === "requires_action";
  if (!gateway?.complete || !open || !transaction.gatewayTransactionId) {
    return { ...where, status: transaction.status };
  }
  let answer: CreatePaymentResult;
  try {
    answer = await deadline(
      deps.gatewayTimeoutMs ?? DEFAULT_GATEWAY_TIMEOUT_MS,
      (signal) =>
        gateway.complete!({
          gatewayTransactionId: transaction.gatewayTransactionId!,
          reference: transaction.id,
          signal,
        }),
    );
  } catch (error) {
    await noteGatewayError(sql, transaction.id, { error: errorJson(error) })
      .catch(() => {});
    if (error instanceof AppError) throw error;
    deps.logger?.error("payment completion failed", {
      gateway: gateway.name,
      transactionId: transaction.id,
      error,
    });
    throw new GatewayError(gateway.name, { cause: error });
  }
  const after = await recordAnswer(sql, transaction.id, {
    gatewayTransactionId: answer.gatewayTransactionId,
    status: STORED_STATUS[answer.status],
    raw: answer.raw,
    fee: answer.fee,
    nextAction: answer.nextAction,
  });
  return { ...where, status: after.status };
}

function assertPayable(order: OrderRecord): void {
  if (order.status !== "pending_payment") throw notPayable(order, "status");
  if (order.reservationExpiresAt.getTime() <= Date.now()) {
    throw notPayable(order, "reservation_expired");
  }
}

function notPayable(
  order: OrderRecord,
  reason: NotPayableReason,
): OrderNotPayable {
  return new OrderNotPayable({
    orderId: order.id,
    number: order.number,
    status: order.status,
    reason,
  });
}

class DeadlineExceeded extends Error {
  constructor(ms: number) {
    super(`The gateway did not answer within ${ms} ms`);
    this.name = "DeadlineExceeded";
  }
}

// The whole call's deadline, retries included (each attempt has its own
// in the resilient gateway).
function deadline<T>(
  ms: number,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  return withDeadline(ms, work, { timeout: () => new DeadlineExceeded(ms) });
}
