/**
 * Orders as the back office sees them: every order, searched and filtered
 * (`searchOrders`), one order with its whole timeline (`adminOrderView`),
 * and the moves staff make by hand (`staffTransition`: pack, ship with a
 * carrier and tracking number, deliver, cancel an unpaid order), each
 * recorded in the audit log in the same transaction.
 *
 * @module
 */
import type postgres from "postgres";
import type { Sql } from "../../db/client.ts";
import { type AuditActor, recordAudit } from "../admin/mod.ts";
import { Invalid, NotFound } from "../../edge/errors.ts";
import { type Money, moneyView, parseMoney } from "../pricing/mod.ts";
import { IllegalTransition } from "./errors.ts";
import { ORDER_NUMBER_PREFIX, orderById, readOrderCursor } from "./queries.ts";
import { canTransition } from "./state.ts";
import { type ShipmentInput, transitionOrder } from "./transitions.ts";
import type { OrderEvent, OrderRecord, OrderStatus } from "./types.ts";
import { type OrderView, orderView } from "./view.ts";

/**
 * How many orders each of `userIds` placed while signed in (any status);
 * accounts without orders are left out of the map.
 */
export async function orderCountsByUser(
  sql: Sql,
  userIds: readonly string[],
): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await sql<{ userId: string; count: number }[]>`
    select user_id as "userId", count(*)::int as count
    from orders.orders
    where user_id = any(${userIds as string[]}::uuid[])
    group by user_id`;
  return new Map(rows.map((row) => [row.userId, row.count]));
}

/** The moves staff make by hand; the others come from payments. */
export const STAFF_TRANSITIONS = [
  "packed",
  "shipped",
  "delivered",
  "cancelled",
] as const;

/** A status staff may move an order to. */
export type StaffTransition = typeof STAFF_TRANSITIONS[number];

// The audit log's verb for each move (`order.ship`).
const VERBS: Record<StaffTransition, string> = {
  packed: "pack",
  shipped: "ship",
  delivered: "deliver",
  cancelled: "cancel",
};

// Money has been taken for an order in these: it is refunded, not
// cancelled.
const PAID: ReadonlySet<OrderStatus> = new Set<OrderStatus>([
  "paid",
  "packed",
  "shipped",
  "delivered",
  "partially_refunded",
]);

/** What the back office's order list can be narrowed to. */
export interface OrderSearch {
  /** Any of these statuses. */
  statuses?: readonly OrderStatus[];
  /** Placed at or after this instant. */
  from?: Date;
  /** Placed before this instant. */
  to?: Date;
  currency?: string;
  gateway?: string;
  /** The shipping address's country (ISO 3166-1 alpha-2). */
  country?: string;
  /**
   * An order number (exact or its beginning, with or without the `GS-`
   * prefix) or the customer's email (exact or its beginning), letter
   * case ignored.
   */
  q?: string;
  limit?: number;
  /** A page's `nextCursor`. */
  cursor?: string;
}

/** An order in the back office's list. */
export interface AdminOrderSummary {
  id: string;
  number: string;
  status: OrderStatus;
  email: string;
  /** Where it ships to. */
  country: string;
  currency: string;
  total: Money;
  /** The total in the base currency at the order's rates. */
  baseTotal: Money;
  gateway: string;
  placedAt: Date;
  itemCount: number;
}

/** A page of {@link searchOrders}, newest first. */
export interface AdminOrderPage {
  items: AdminOrderSummary[];
  /** Pass as `cursor` for the next (older) page; `null` on the last. */
  nextCursor: string | null;
}

/**
 * Every order matching `search`, newest first, `limit` (20) at a time.
 * An unreadable cursor is `null` (the caller answers 400).
 */
export async function searchOrders(
  sql: Sql | postgres.TransactionSql,
  search: OrderSearch = {},
): Promise<AdminOrderPage | null> {
  const after = search.cursor ? readOrderCursor(search.cursor) : undefined;
  if (after === null) return null;
  const limit = search.limit ?? 20;
  const statuses = search.statuses?.length ? [...search.statuses] : null;
  const rows = await sql`
    select o.id, o.number, o.status, o.email,
      o.shipping_address ->> 'country' as country, o.currency, o.total::text,
      o.base_currency, o.base_total::text, o.gateway, o.placed_at,
      o.placed_at::text as placed_key,
      (select coalesce(sum(quantity), 0)::integer from orders.lines l
        where l.order_id = o.id) as item_count
    from orders.orders o
    where true
      ${statuses ? sql`and o.status = any(${statuses}::text[])` : sql``}
      ${search.from ? sql`and o.placed_at >= ${search.from}` : sql``}
      ${search.to ? sql`and o.placed_at < ${search.to}` : sql``}
      ${search.currency ? sql`and o.currency = ${search.currency}` : sql``}
      ${search.gateway ? sql`and o.gateway = ${search.gateway}` : sql``}
      ${
    search.country
      ? sql`and o.shipping_address ->> 'country' = ${search.country}`
      : sql``
  }
      ${search.q ? matching(sql, search.q) : sql``}
      ${
    after
      // As text: a JS Date would lose the microseconds that order two
      // orders placed in one millisecond.
      ? sql`and (o.placed_at, o.id) < (${after.placedAt}::text::timestamptz, ${after.id}::uuid)`
      : sql``
  }
    order by o.placed_at desc, o.id desc
    limit ${limit + 1}`;
  const last = rows[limit - 1];
  return {
    items: rows.slice(0, limit).map((row) => ({
      id: row.id,
      number: row.number,
      status: row.status,
      email: row.email,
      country: row.country,
      currency: row.currency,
      total: parseMoney(row.total, row.currency),
      baseTotal: parseMoney(row.base_total, row.base_currency),
      gateway: row.gateway,
      placedAt: row.placed_at,
      itemCount: row.item_count,
    })),
    nextCursor: rows.length > limit && last
      ? btoa(JSON.stringify([last.placed_key, last.id]))
      : null,
  };
}

// Orders whose number or email begins with `q` (an exact match begins
// with itself); a bare number is read as `GS-<number>`. Prefixes keep the
// search on the indexes of 0016_orders_admin.sql.
function matching(sql: Sql | postgres.TransactionSql, q: string) {
  const text = q.trim();
  const prefix = text.replace(/[%_\\]/g, "\\$&") + "%";
  const number = /^\d+$/.test(text)
    ? ORDER_NUMBER_PREFIX + prefix
    : prefix.toUpperCase();
  return sql`and (o.number like ${number}
    or lower(o.email) like ${prefix.toLowerCase()})`;
}

/** A page of {@link searchOrders} as `GET /api/admin/orders` returns it. */
export function adminOrderPageView(page: AdminOrderPage, locale: string) {
  return {
    items: page.items.map((item) => ({
      id: item.id,
      number: item.number,
      status: item.status,
      email: item.email,
      country: item.country,
      currency: item.currency,
      total: moneyView(item.total, locale),
      baseTotal: moneyView(item.baseTotal, locale),
      gateway: item.gateway,
      placedAt: item.placedAt.toISOString(),
      itemCount: item.itemCount,
    })),
    nextCursor: page.nextCursor,
  };
}

/** An order as staff see it: the shopper's view and what staff need. */
export interface AdminOrderView extends Omit<OrderView, "timeline"> {
  /** The customer's account; `null` for a guest order. */
  userId: string | null;
  /** Where its stock stands: held, taken by payment, or given back. */
  stock: OrderRecord["stock"];
  refundedAt: string | null;
  /** The moves staff may make now (`POST .../transitions`). */
  transitions: StaffTransition[];
  /** Every step, who made it and what came with it (parcel, refund, note). */
  timeline: (Omit<OrderEvent, "at"> & { at: string })[];
}

/** `order` for a member of staff reading in `locale`. */
export function adminOrderView(
  order: OrderRecord,
  locale: string,
): AdminOrderView {
  return {
    ...orderView(order, locale),
    userId: order.userId,
    stock: order.stock,
    refundedAt: order.refundedAt?.toISOString() ?? null,
    transitions: STAFF_TRANSITIONS.filter((to) =>
      canTransition(order.status, to)
    ),
    timeline: order.events.map((e) => ({
      from: e.from,
      to: e.to,
      actor: e.actor,
      data: e.data,
      at: e.at.toISOString(),
    })),
  };
}

/** What {@link staffTransition} does. */
export interface StaffTransitionInput {
  orderId: string;
  to: StaffTransition;
  /** The member of staff, as the audit log names them. */
  actor: AuditActor;
  /** The parcel; required to ship. */
  shipment?: ShipmentInput;
  /** Kept on the timeline and in the audit log. */
  note?: string;
  /**
   * Runs with the order locked, before it moves: a caller's veto (the
   * payments module refuses a cancellation while money may be moving).
   */
  check?: (tx: postgres.TransactionSql, order: OrderRecord) => Promise<void>;
}

/**
 * Move an order by hand, with the audit row (`order.pack`, `order.ship`,
 * `order.deliver`, `order.cancel`, status and stock before and after) in
 * the same transaction. 404 for an unknown order; 409
 * `illegal_transition` for a move the state machine forbids, a paid
 * order's cancellation included (it is refunded instead); 400
 * `shipment_required` to ship without a parcel. Resolves the order
 * afterwards, and whether its stock went back on sale.
 */
export async function staffTransition(
  sql: Sql,
  input: StaffTransitionInput,
): Promise<{ order: OrderRecord; stockReleased: boolean }> {
  const { to, shipment, note } = input;
  if (to === "shipped" && !shipment) {
    throw new Invalid("Shipping an order needs a carrier and tracking number", {
      code: "shipment_required",
    });
  }
  return await sql.begin(async (tx) => {
    const before = await orderById(tx, input.orderId, { forUpdate: true });
    if (!before) throw new NotFound(`No order '${input.orderId}'`);
    if (to === "cancelled" && PAID.has(before.status)) {
      throw new IllegalTransition({
        number: before.number,
        from: before.status,
        to,
        hint: "it has been paid: refund it instead",
      });
    }
    if (input.check) await input.check(tx, before);
    const { order } = await transitionOrder(tx, {
      orderId: before.id,
      to,
      actor: `admin:${input.actor.id}`,
      ...(note ? { data: { note } } : {}),
      ...(to === "shipped" ? { shipment } : {}),
      ...(to === "cancelled" ? { reason: "admin" as const } : {}),
    });
    await recordAudit(tx, input.actor, {
      action: `order.${VERBS[to]}`,
      entityType: "order",
      entityId: order.id,
      before: { status: before.status, stock: before.stock },
      after: {
        status: order.status,
        stock: order.stock,
        ...(to === "shipped" && shipment
          ? {
            shipment: {
              carrier: shipment.carrier,
              trackingNumber: shipment.trackingNumber,
              trackingUrl: shipment.trackingUrl ?? null,
            },
          }
          : {}),
        ...(note ? { note } : {}),
      },
    });
    return {
      order,
      stockReleased: before.stock !== "released" && order.stock === "released",
    };
  });
}
