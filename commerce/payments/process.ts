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
import { AppError } from "../../edge/errors.ts";
import type { Logger } from "../../edge/logger.ts";
import {
  holdReservation,
  orderById,
  orderFor,
  type OrderRecord,
} from "../orders/mod.ts";
import {
  GatewayError,
  GatewayUnavailable,
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
} from "./queries.ts";
import type { PaymentGateways } from "./registry.ts";
import type {
  ProcessPaymentInput,
  ProcessPaymentResult,
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
 * `payment_in_progress` otherwise), and each keeps the stock reserved for
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
  const method = gateway.parseMethod(input.method);
  const amount = order.totals.total;

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
    answer = await withDeadline(
      deps.gatewayTimeoutMs ?? DEFAULT_GATEWAY_TIMEOUT_MS,
      (signal) =>
        gateway.createPayment({
          reference: transaction.id,
          amount,
          orderNumber: order.number,
          returnUrl: input.returnUrl ?? `/${order.language}/orders/${order.id}`,
          method,
          signal,
        }),
    );
  } catch (error) {
    // A refusal the gateway explains ended the attempt. A timeout or a
    // gateway error did not say: money may have moved, so the attempt
    // stays pending for the webhook to settle, and blocks a second charge.
    const refused = error instanceof AppError && error.status < 500;
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
  });
  return {
    transactionId: transaction.id,
    status: answer.status,
    ...(answer.nextAction ? { nextAction: answer.nextAction } : {}),
    ...(answer.failureCode ? { failureCode: answer.failureCode } : {}),
  };
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

// Race `work` against a timer that also aborts it; the timer never
// outlives the call, and a late failure of `work` is not left unhandled.
async function withDeadline<T>(
  ms: number,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const running = work(controller.signal);
  running.catch(() => {});
  try {
    return await Promise.race([
      running,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const error = new DeadlineExceeded(ms);
          controller.abort(error);
          reject(error);
        }, ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function errorJson(error: unknown): Record<string, unknown> {
  if (error instanceof AppError) {
    return { name: error.name, code: error.code, message: error.message };
  }
  if (error instanceof Error) {
    return { name: error.name, message: error.message };
  }
  return { message: String(error) };
}
