/**
 * Giving money back: full and partial refunds of an order's captured
 * payment, through the gateway that took it.
 *
 * The refund row is written (pending) before the gateway is called, under
 * the order's lock, after checking that refunds so far plus this one stay
 * within the captured amount; refunds whose outcome is unknown count as
 * spent, so two admins clicking at once can never give back more than was
 * taken. The order moves to `partially_refunded` or `refunded`, with the
 * customer's email in the outbox, in the same transaction that marks the
 * refund succeeded: from the gateway's answer or from its webhook,
 * whichever comes first ({@link settleRefund}), and once.
 *
 * @module
 */
import type postgres from "postgres";
import type { Sql } from "../../db/client.ts";
import { AppError, NotFound } from "../../edge/errors.ts";
import { orderById, transitionOrder } from "../orders/mod.ts";
import {
  equalMoney,
  type Money,
  parseMoney,
  subtractMoney,
  sumMoney,
  toDecimalString,
} from "../pricing/mod.ts";
import {
  GatewayError,
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
    return { refund, payment, number: order.number };
  });

  const gateway = deps.payments.gateway(payment.gateway);
  let status: TransactionStatus;
  try {
    if (!gateway) {
      throw new OrderNotRefundable({
        number,
        status: "paid",
        why: `its gateway '${payment.gateway}' is not enabled in this store`,
      });
    }
    const answer = await gateway.refund({
      gatewayTransactionId: payment.gatewayTransactionId!,
      paymentReference: payment.id,
      captured: payment.amount,
      amount: refund.amount,
      reason: input.reason,
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
    // Refused (a 4xx, an open circuit): no money moved. Anything else may
    // have reached the gateway: the refund stays pending for its webhook.
    const refused = error instanceof AppError && error.status !== 503 ||
      error instanceof AppError && error.code === "gateway_circuit_open";
    await (refused ? markFailed : noteGatewayError)(sql, refund.id, {
      error: error instanceof Error
        ? { name: error.name, message: error.message }
        : String(error),
    });
    if (error instanceof AppError) throw error;
    deps.logger?.error("refund gateway call failed", {
      gateway: payment.gateway,
      transactionId: refund.id,
      orderId: refund.orderId,
      error,
    });
    throw new GatewayError(payment.gateway, { cause: error });
  }
  if (status === "succeeded") {
    await sql.begin(async (tx) => {
      const locked = await lockTransaction(tx, refund.id);
      if (locked) await settleRefund(tx, locked);
    });
  }
  return await refundView(sql, refund.id);
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
  const payment = await lockTransaction(tx, refund.parentId);
  if (!payment) return true;
  const { succeeded } = await refundedOf(tx, payment);
  await transitionOrder(tx, {
    orderId: refund.orderId,
    to: equalMoney(succeeded, payment.amount)
      ? "refunded"
      : "partially_refunded",
    actor: refund.createdBy ?? `gateway:${refund.gateway}`,
    data: { transactionId: refund.id },
    refund: {
      id: refund.id,
      amount: refund.amount,
      totalRefunded: succeeded,
      ...(refund.reason ? { reason: refund.reason } : {}),
    },
    otherwise: "ignore",
  });
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
