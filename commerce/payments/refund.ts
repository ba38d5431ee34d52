/**
 * Giving money back: full and partial refunds of an order's captured
 * payment, through the gateway that took it.
 *
 * The refund row is written (pending) before the gateway is called, under
 * the order's lock, after checking that refunds so far plus this one stay
 * within the captured amount; refunds whose outcome is unknown count as
 * spent, so two admins clicking at once can never give back more than was
 * taken. The order moves to `refunded` (in full) or, once delivered, to
 * `partially_refunded`; a partial refund of an order still being fulfilled
 * is noted on its timeline and leaves its status alone, so the parcel
 * still goes out. The customer's email goes to the outbox in the same
 * transaction that marks the
 * refund succeeded: from the gateway's answer or from its webhook,
 * whichever comes first ({@link settleRefund}), and once.
 *
 * @module
 */
import type postgres from "postgres";
import type { Sql } from "../../db/client.ts";
import { type AuditActor, recordAudit } from "../admin/mod.ts";
import { AppError, Invalid, NotFound } from "../../edge/errors.ts";
import {
  canTransition,
  orderById,
  recordPartialRefund,
  transitionOrder,
} from "../orders/mod.ts";
import {
  equalMoney,
  type Money,
  parseMoney,
  subtractMoney,
  sumMoney,
  toDecimalString,
} from "../pricing/mod.ts";
import {
  errorJson,
  GatewayError,
  movedNoMoney,
  OrderNotRefundable,
  RefundExceedsCaptured,
} from "./errors.ts";
import {
  canAdvance,
  capturedPayment,
  insertRefund,
  lockTransaction,
  markFailed,
  noteGatewayError,
  recordAnswer,
  refundedOf,
  setStatus,
  stalePendingRefunds,
  transactionById,
} from "./queries.ts";
import type { PaymentDeps } from "./process.ts";
import type { Transaction, TransactionStatus } from "./types.ts";

/** What {@link refundOrder} is asked to do. */
export interface RefundOrderInput {
  orderId: string;
  /**
   * How much, as a decimal string in the order's currency; everything
   * left to refund when absent.
   */
  amount?: string;
  /** Why (kept on the refund, sent to the gateway, shown to the customer). */
  reason: string;
  /** Who asks: `admin:<id>`. */
  actor: string;
  /** The staff member, for the audit log (an admin's refund is audited). */
  audit?: AuditActor;
}

/** A refund as the admin API returns it. */
export interface RefundView {
  id: string;
  orderId: string;
  gateway: string;
  status: TransactionStatus;
  amount: { amount: string; currency: string };
  reason: string | null;
  /** The order's status afterwards. */
  orderStatus: string;
  /** What is still refundable on the order. */
  refundable: { amount: string; currency: string };
}

const REFUNDABLE_STATUSES = new Set([
  "paid",
  "packed",
  "shipped",
  "delivered",
  "partially_refunded",
]);

/**
 * Refund `amount` (or all that is left) of an order's captured payment
 * through its gateway. 404 for an unknown order; 409
 * `order_not_refundable` when nothing was captured or all of it is
 * refunded; 409 `refund_exceeds_captured` beyond what is left; 400 for a
 * malformed amount. A refusal from the gateway fails the refund and is
 * passed on (502 `gateway_refused`); a timeout or outage leaves it
 * pending (the webhook settles it; its amount stays reserved) and answers
 * 503 `gateway_error`.
 */
export async function refundOrder(
  sql: Sql,
  deps: PaymentDeps,
  input: RefundOrderInput,
): Promise<RefundView> {
  const { refund, payment, number } = await sql.begin(async (tx) => {
    const order = await orderById(tx, input.orderId, { forUpdate: true });
    if (!order) throw new NotFound(`No order '${input.orderId}'`);
    const payment = await capturedPayment(tx, order.id);
    if (!payment || !REFUNDABLE_STATUSES.has(order.status)) {
      throw new OrderNotRefundable({
        number: order.number,
        status: order.status,
        why: order.status === "refunded"
          ? "it is refunded in full already"
          : "no payment of it has been captured",
      });
    }
    const spent = await refundedOf(tx, payment);
    const refunded = sumMoney(payment.amount.currency, [
      spent.succeeded,
      spent.pending,
    ]);
    const left = subtractMoney(payment.amount, refunded);
    const amount = input.amount === undefined
      ? left
      : parseMoney(input.amount, payment.amount.currency);
    if (input.amount !== undefined && amount.amount <= 0n) {
      throw new Invalid(
        `A refund must be more than zero (got '${input.amount}')`,
        { code: "invalid_amount" },
      );
    }
    if (amount.amount <= 0n || amount.amount > left.amount) {
      if (left.amount === 0n) {
        throw new OrderNotRefundable({
          number: order.number,
          status: order.status,
          why: "all of its captured amount is refunded or being refunded",
        });
      }
      throw new RefundExceedsCaptured({
        number: order.number,
        requested: toDecimalString(amount),
        captured: toDecimalString(payment.amount),
        refunded: toDecimalString(refunded),
        refundable: toDecimalString(left),
        currency: payment.amount.currency,
      });
    }
    const refund = await insertRefund(tx, {
      orderId: order.id,
      gateway: payment.gateway,
      amount,
      parentId: payment.id,
      reason: input.reason,
      createdBy: input.actor,
    });
    if (input.audit) {
      await recordAudit(tx, input.audit, {
        action: "order.refund",
        entityType: "order",
        entityId: order.id,
        before: { status: order.status, refunded: toDecimalString(refunded) },
        after: {
          refundId: refund.id,
          amount: toDecimalString(amount),
          currency: amount.currency,
          reason: input.reason,
        },
      });
    }
    return { refund, payment, number: order.number };
  });

  const gateway = deps.payments.gateway(payment.gateway);
  if (!gateway) {
    const error = new OrderNotRefundable({
      number,
      status: "paid",
      why: `its gateway '${payment.gateway}' is not enabled in this store`,
    });
    await markFailed(sql, refund.id, { error: errorJson(error) });
    throw error;
  }
  await sendRefund(sql, deps, { refund, payment });
  return await refundView(sql, refund.id);
}

/**
 * Ask the gateway for a recorded `pending` refund (again: its id is the
 * gateway's idempotency key, so a retry never refunds twice) and record
 * the answer; a success settles the order. A refusal (a 4xx, an open
 * circuit) fails the refund: no money moved. Anything else may have
 * reached the gateway: the refund stays pending, its amount still
 * reserved, for its webhook or the next retry (503 `gateway_error`).
 */
async function sendRefund(
  sql: Sql,
  deps: PaymentDeps,
  { refund, payment }: { refund: Transaction; payment: Transaction },
): Promise<TransactionStatus> {
  const gateway = deps.payments.gateway(payment.gateway)!;
  let status: TransactionStatus;
  try {
    const answer = await gateway.refund({
      gatewayTransactionId: payment.gatewayTransactionId!,
      paymentReference: payment.id,
      captured: payment.amount,
      amount: refund.amount,
      ...(refund.reason ? { reason: refund.reason } : {}),
      reference: refund.id,
    });
    status = answer.status === "processing" ? "pending" : answer.status;
    await recordAnswer(sql, refund.id, {
      gatewayTransactionId: answer.gatewayTransactionId,
      // The move to succeeded settles the order: that is settleRefund's.
      status: status === "succeeded" ? "pending" : status,
      raw: answer.raw,
    });
  } catch (error) {
    const refused = movedNoMoney(error);
    await (refused ? markFailed : noteGatewayError)(sql, refund.id, {
      error: errorJson(error),
    });
    if (refused) throw error;
    deps.logger?.error("refund gateway call failed", {
      gateway: payment.gateway,
      transactionId: refund.id,
      orderId: refund.orderId,
      error,
    });
    throw error instanceof AppError
      ? error
      : new GatewayError(payment.gateway, { cause: error });
  }
  if (status === "succeeded") {
    await sql.begin(async (tx) => {
      const locked = await lockTransaction(tx, refund.id);
      if (locked) await settleRefund(tx, locked);
    });
  }
  return status;
}

/** Who asks for the refunds the store makes by itself. */
export const AUTOMATIC_REFUND_ACTOR = "system:automatic-refund";

/**
 * Queue giving back all of `payment`, which the order could not take (it
 * was paid already, or cancelled), on the caller's transaction: a
 * `pending` refund due at once, which {@link retryPendingRefunds} sends
 * (the caller, a webhook, must not wait for a gateway). Its success does
 * not move the order: the order's own payment is another.
 */
export async function queueAutomaticRefund(
  tx: postgres.TransactionSql,
  payment: Transaction,
): Promise<Transaction> {
  return await insertRefund(tx, {
    orderId: payment.orderId,
    gateway: payment.gateway,
    amount: payment.amount,
    parentId: payment.id,
    reason: "Automatic refund: the order had been paid or cancelled already",
    createdBy: AUTOMATIC_REFUND_ACTOR,
    due: true,
  });
}

/** How often {@link retryPendingRefunds} asks again, at least, in minutes. */
export const REFUND_RETRY_MINUTES = 5;

/**
 * Send again the refunds still `pending` after
 * {@link REFUND_RETRY_MINUTES} whose last call failed (a timeout, an
 * outage: nobody knows whether the gateway has them), up to `limit`
 * (oldest first), so one that never arrived is not stuck, its amount
 * reserved for ever. Resolves how many settled and how many are still
 * pending. Never throws for one refund's failure.
 */
export async function retryPendingRefunds(
  sql: Sql,
  deps: PaymentDeps,
  options: { limit?: number } = {},
): Promise<{ retried: number; succeeded: number; stillPending: number }> {
  const stale = await stalePendingRefunds(sql, {
    olderThanMinutes: REFUND_RETRY_MINUTES,
    limit: options.limit ?? 50,
  });
  let succeeded = 0;
  let stillPending = 0;
  for (const refund of stale) {
    const payment = refund.parentId
      ? await transactionById(sql, refund.parentId)
      : null;
    if (!payment || !deps.payments.gateway(payment.gateway)) {
      stillPending++;
      continue;
    }
    const status = await sendRefund(sql, deps, { refund, payment })
      .catch(() => "pending" as const);
    if (status === "succeeded") succeeded++;
    else if (status === "pending") stillPending++;
  }
  return { retried: stale.length, succeeded, stillPending };
}

/**
 * Mark a refund succeeded and move its order (on the caller's
 * transaction, the refund row locked): `refunded` when the succeeded
 * refunds now add up to the captured amount, else `partially_refunded`,
 * with the customer's email. Resolves false, changing nothing, when the
 * refund is settled already (its answer and its webhook both report it).
 */
export async function settleRefund(
  tx: postgres.TransactionSql,
  refund: Transaction,
): Promise<boolean> {
  if (!canAdvance(refund.status, "succeeded") || !refund.parentId) {
    return false;
  }
  await setStatus(tx, { id: refund.id, status: "succeeded" });
  // A duplicate payment given back: the order keeps its own payment.
  if (refund.createdBy === AUTOMATIC_REFUND_ACTOR) return true;
  const payment = await lockTransaction(tx, refund.parentId);
  if (!payment) return true;
  const { succeeded } = await refundedOf(tx, payment);
  const order = await orderById(tx, refund.orderId, { forUpdate: true });
  if (!order) return true;
  const full = equalMoney(succeeded, payment.amount);
  const move = {
    orderId: order.id,
    actor: refund.createdBy ?? `gateway:${refund.gateway}`,
    data: { transactionId: refund.id },
    refund: {
      id: refund.id,
      amount: refund.amount,
      totalRefunded: succeeded,
      ...(refund.reason ? { reason: refund.reason } : {}),
    },
  };
  if (!full && !canTransition(order.status, "partially_refunded")) {
    // Still being fulfilled: noted, and the parcel still goes out.
    await recordPartialRefund(tx, move);
  } else {
    await transitionOrder(tx, {
      ...move,
      to: full ? "refunded" : "partially_refunded",
      otherwise: "ignore",
    });
  }
  return true;
}

/** A refund as the admin API shows it, with its order's state. */
export async function refundView(sql: Sql, id: string): Promise<RefundView> {
  const refund = (await transactionById(sql, id))!;
  const order = (await orderById(sql, refund.orderId))!;
  const payment = await capturedPayment(sql, refund.orderId);
  const spent = payment ? await refundedOf(sql, payment) : null;
  const left: Money = payment && spent
    ? subtractMoney(
      payment.amount,
      sumMoney(payment.amount.currency, [spent.succeeded, spent.pending]),
    )
    : { amount: 0n, currency: refund.amount.currency };
  return {
    id: refund.id,
    orderId: refund.orderId,
    gateway: refund.gateway,
    status: refund.status,
    amount: {
      amount: toDecimalString(refund.amount),
      currency: refund.amount.currency,
    },
    reason: refund.reason,
    orderStatus: order.status,
    refundable: { amount: toDecimalString(left), currency: left.currency },
  };
}
