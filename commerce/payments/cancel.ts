/**
 * A shopper cancelling an unpaid order, as the payments module allows it:
 * not while a payment may be taking money (its outcome is not known yet,
 * or it succeeded and the webhook is on its way), or the shopper would be
 * charged for a cancelled order.
 *
 * @module
 */
import type postgres from "postgres";
import type { Sql } from "../../db/client.ts";
import { cancelOrder, type OrderRecord } from "../orders/mod.ts";
import { OrderNotPayable } from "./errors.ts";
import { livePayments } from "./queries.ts";
import type { PaymentOwner } from "./types.ts";

/**
 * Refuse to let an unpaid order go while a payment for it may be moving
 * money (its outcome is not known yet, or it succeeded and the webhook is
 * on its way): 409 `order_not_payable` (`payment_in_progress` or
 * `already_paid`). Runs on the caller's transaction with the order
 * locked: the shopper's cancel and staff's use it alike.
 */
export async function refuseWhilePaymentMayMove(
  tx: postgres.TransactionSql,
  order: OrderRecord,
): Promise<void> {
  if (order.status !== "pending_payment") return;
  const live = await livePayments(tx, order.id);
  if (!live.length) return;
  throw new OrderNotPayable({
    orderId: order.id,
    number: order.number,
    status: order.status,
    reason: live.some((t) => t.status === "succeeded")
      ? "already_paid"
      : "payment_in_progress",
  });
}

/**
 * Cancel `orderId` for its owner unless a payment for it may be moving
 * money: then 409 `order_not_payable` (`payment_in_progress`, or
 * `already_paid`). Otherwise as `cancelOrder`: 404 for someone else's
 * order, 409 `illegal_transition` once it is paid.
 */
export async function cancelUnpaidOrder(
  sql: Sql,
  options: { orderId: string; owner: PaymentOwner },
): Promise<OrderRecord> {
  return await cancelOrder(sql, {
    ...options,
    check: refuseWhilePaymentMayMove,
  });
}
