/**
 * Moving an order through the state machine, with the side effects of each
 * move written in the same transaction: stock committed on payment and
 * released on cancellation, a parcel recorded on shipping, the timeline
 * row, and the customer's email in the outbox.
 *
 * @module
 */
import type postgres from "postgres";
import type { Sql } from "../../db/client.ts";
import { NotFound } from "../../edge/errors.ts";
import { commitStock, releaseStock } from "../catalog/mod.ts";
import { enqueue } from "../notifications/mod.ts";
import type { Money } from "../pricing/mod.ts";
import { IllegalTransition } from "./errors.ts";
import { moneyJson, orderById, orderFor, orderUrl } from "./queries.ts";
import { canTransition } from "./state.ts";
import type { OrderRecord, OrderStatus } from "./types.ts";

/** A parcel handed to a carrier. */
export interface ShipmentInput {
  carrier: string;
  trackingNumber: string;
  trackingUrl?: string;
}

/** What {@link transitionOrder} does. */
export interface TransitionOptions {
  orderId: string;
  to: OrderStatus;
  /** Who moved it: `user:<id>`, `admin:<id>`, `gateway:<name>`, `system:expiry`. */
  actor: string;
  /** Kept on the timeline row (e.g. the gateway's transaction id). */
  data?: Record<string, unknown>;
  /** Required when moving to `shipped`. */
  shipment?: ShipmentInput;
  /** Why a cancellation happened; the email says it. */
  reason?: "customer" | "expired" | "admin";
  /**
   * The refund that moves the order to `refunded` or
   * `partially_refunded`: the customer's email says how much came back.
   */
  refund?: {
    id: string;
    amount: Money;
    /** Every succeeded refund of the order, this one included. */
    totalRefunded: Money;
    reason?: string;
  };
  /**
   * When the move is not allowed from the order's status: `throw` an
   * `IllegalTransition` (409, the default) or `ignore` it and change
   * nothing (webhooks: a late or repeated event never moves an order
   * backwards).
   */
  otherwise?: "throw" | "ignore";
}

/**
 * Move an order to `to` on the caller's transaction. The order row is
 * locked first, so concurrent moves of one order run one after the other
 * and each sees the status the previous one left. Resolves the order as it
 * is afterwards and whether this call changed it.
 */
export async function transitionOrder(
  tx: postgres.TransactionSql,
  options: TransitionOptions,
): Promise<{ order: OrderRecord; changed: boolean }> {
  const { orderId, to, actor } = options;
  const order = await orderById(tx, orderId, { forUpdate: true });
  if (!order) throw new NotFound(`No order '${orderId}'`);
  if (!canTransition(order.status, to)) {
    if (options.otherwise === "ignore") return { order, changed: false };
    throw new IllegalTransition({
      number: order.number,
      from: order.status,
      to,
    });
  }
  const items = order.lines.map((line) => ({
    variantId: line.variantId,
    quantity: line.quantity,
  }));
  let stock = order.stock;
  if (to === "paid" && stock === "reserved") {
    await commitStock(tx, items);
    stock = "committed";
  }
  if (to === "cancelled" && stock === "reserved") {
    await releaseStock(tx, items);
    stock = "released";
  }
  if (to === "shipped") {
    if (!options.shipment) {
      throw new TypeError(
        "Shipping an order needs a carrier and tracking number",
      );
    }
    const { carrier, trackingNumber, trackingUrl } = options.shipment;
    await tx`
      insert into orders.fulfillments (order_id, carrier, tracking_number, tracking_url)
      values (${orderId}, ${carrier}, ${trackingNumber}, ${
      trackingUrl ?? null
    })`;
  }
  await tx`
    update orders.orders set status = ${to}, stock = ${stock}, updated_at = now(),
      paid_at = case when ${to} = 'paid' then now() else paid_at end,
      packed_at = case when ${to} = 'packed' then now() else packed_at end,
      shipped_at = case when ${to} = 'shipped' then now() else shipped_at end,
      delivered_at = case when ${to} = 'delivered' then now() else delivered_at end,
      cancelled_at = case when ${to} = 'cancelled' then now() else cancelled_at end,
      refunded_at = case when ${to} in ('refunded', 'partially_refunded')
        then now() else refunded_at end
    where id = ${orderId}`;
  const data = {
    ...options.data,
    ...(options.refund
      ? {
        refund: {
          id: options.refund.id,
          amount: moneyJson(options.refund.amount),
          totalRefunded: moneyJson(options.refund.totalRefunded),
          ...(options.refund.reason ? { reason: options.refund.reason } : {}),
        },
      }
      : {}),
    ...(options.reason ? { reason: options.reason } : {}),
    ...(options.shipment ? { shipment: options.shipment } : {}),
  };
  await tx`
    insert into orders.events (order_id, from_status, to_status, actor, data)
    values (${orderId}, ${order.status}, ${to}, ${actor},
      ${tx.json(data as postgres.JSONValue)})`;
  const after = (await orderById(tx, orderId))!;
  await notify(tx, after, options);
  return { order: after, changed: true };
}

async function notify(
  tx: postgres.TransactionSql,
  order: OrderRecord,
  options: TransitionOptions,
): Promise<void> {
  const common = {
    recipient: order.email,
    language: order.language,
  };
  const base = {
    name: order.shippingAddress.name,
    orderNumber: order.number,
    orderUrl: orderUrl(order),
  };
  if (order.status === "paid") {
    await enqueue(tx, {
      ...common,
      eventId: `order-paid:${order.id}`,
      kind: "order_paid",
      payload: {
        ...base,
        paidAt: (order.paidAt ?? new Date()).toISOString(),
        total: moneyJson(order.totals.total),
      },
    });
  } else if (order.status === "shipped") {
    const parcel = order.fulfillments.at(-1)!;
    await enqueue(tx, {
      ...common,
      eventId: `order-shipped:${order.id}:${order.fulfillments.length}`,
      kind: "order_shipped",
      payload: {
        ...base,
        shippedAt: parcel.shippedAt.toISOString(),
        carrier: parcel.carrier,
        ...(parcel.trackingUrl ? { trackingUrl: parcel.trackingUrl } : {}),
      },
    });
  } else if (
    (order.status === "refunded" || order.status === "partially_refunded") &&
    options.refund
  ) {
    await enqueueRefundEmail(tx, order, options.refund);
  } else if (order.status === "cancelled") {
    await enqueue(tx, {
      ...common,
      eventId: `order-cancelled:${order.id}`,
      kind: "order_cancelled",
      payload: {
        ...base,
        cancelledAt: (order.cancelledAt ?? new Date()).toISOString(),
        reason: options.reason ?? "admin",
        total: moneyJson(order.totals.total),
      },
    });
  }
}

// The customer's email about one refund: how much, how much so far, and
// whether the order is now refunded in full.
async function enqueueRefundEmail(
  tx: postgres.TransactionSql,
  order: OrderRecord,
  refund: NonNullable<TransitionOptions["refund"]>,
): Promise<void> {
  await enqueue(tx, {
    recipient: order.email,
    language: order.language,
    eventId: `order-refunded:${refund.id}`,
    kind: "order_refunded",
    payload: {
      name: order.shippingAddress.name,
      orderNumber: order.number,
      orderUrl: orderUrl(order),
      refundedAt: (order.refundedAt ?? new Date()).toISOString(),
      amount: moneyJson(refund.amount),
      totalRefunded: moneyJson(refund.totalRefunded),
      full: order.status === "refunded",
      ...(refund.reason ? { reason: refund.reason } : {}),
    },
  });
}

/**
 * Note a partial refund of an order still being fulfilled (paid, packed
 * or shipped) on the caller's transaction: a timeline row and the
 * customer's email, its status unchanged so the parcel still goes out
 * (see `state.ts`). Resolves the order.
 */
export async function recordPartialRefund(
  tx: postgres.TransactionSql,
  options: {
    orderId: string;
    actor: string;
    refund: NonNullable<TransitionOptions["refund"]>;
    data?: Record<string, unknown>;
  },
): Promise<OrderRecord> {
  const order = await orderById(tx, options.orderId, { forUpdate: true });
  if (!order) throw new NotFound(`No order '${options.orderId}'`);
  const { refund } = options;
  await tx`
    update orders.orders set refunded_at = now(), updated_at = now()
    where id = ${order.id}`;
  await tx`
    insert into orders.events (order_id, from_status, to_status, actor, data)
    values (${order.id}, ${order.status}, ${order.status}, ${options.actor},
      ${
    tx.json({
      ...options.data,
      refund: {
        id: refund.id,
        amount: moneyJson(refund.amount),
        totalRefunded: moneyJson(refund.totalRefunded),
        ...(refund.reason ? { reason: refund.reason } : {}),
      },
    } as postgres.JSONValue)
  })`;
  const after = (await orderById(tx, order.id))!;
  await enqueueRefundEmail(tx, after, refund);
  return after;
}

/**
 * Keep an unpaid order's stock reserved for at least `minutes` from now
 * (a payment has started), on the caller's transaction.
 */
export async function holdReservation(
  tx: postgres.TransactionSql,
  orderId: string,
  minutes: number,
): Promise<void> {
  await tx`
    update orders.orders set reservation_expires_at = greatest(
      reservation_expires_at, now() + make_interval(mins => ${minutes}))
    where id = ${orderId} and status = 'pending_payment'`;
}

/**
 * Cancel an unpaid order for its owner (a signed-in user, or the guest
 * browser that placed it): the reserved stock goes back. 404 for someone
 * else's order, 409 `illegal_transition` once it is paid.
 */
export async function cancelOrder(
  sql: Sql,
  options: {
    orderId: string;
    owner: { userId?: string; guestTokenHash?: string };
    /**
     * Runs with the order locked, before it changes: a caller's veto
     * (payments refuse while money may be moving).
     */
    check?: (tx: postgres.TransactionSql, order: OrderRecord) => Promise<void>;
  },
): Promise<OrderRecord> {
  return await sql.begin(async (tx) => {
    const locked = await orderFor(tx, options.orderId, options.owner, {
      forUpdate: true,
    });
    if (options.check) await options.check(tx, locked);
    const actor = options.owner.userId
      ? `user:${options.owner.userId}`
      : "guest";
    const { order } = await transitionOrder(tx, {
      orderId: options.orderId,
      to: "cancelled",
      actor,
      reason: "customer",
    });
    return order;
  });
}

/**
 * Cancel unpaid orders whose reservation ran out, releasing their stock,
 * `limit` at a time (oldest first); each in its own transaction, skipping
 * orders another worker holds. Resolves the numbers cancelled.
 */
export async function expireReservations(
  sql: Sql,
  options: { limit?: number } = {},
): Promise<string[]> {
  const due = await sql`
    select id from orders.orders
    where status = 'pending_payment' and reservation_expires_at <= now()
    order by reservation_expires_at limit ${options.limit ?? 100}`;
  const cancelled: string[] = [];
  for (const { id } of due) {
    const number = await sql.begin(async (tx) => {
      // Skip an order a payment is moving right now; the next run sees it.
      const [locked] = await tx`
        select id from orders.orders where id = ${id}
          and status = 'pending_payment' and reservation_expires_at <= now()
        for update skip locked`;
      if (!locked) return null;
      const { order } = await transitionOrder(tx, {
        orderId: id,
        to: "cancelled",
        actor: "system:expiry",
        reason: "expired",
      });
      return order.number;
    });
    if (number) cancelled.push(number);
  }
  return cancelled;
}
