/**
 * Reading and writing orders. Only this module touches the `orders`
 * schema.
 *
 * @module
 */
import type postgres from "postgres";
import type { Sql } from "../../db/client.ts";
import { NotFound } from "../../edge/errors.ts";
import { enqueue } from "../notifications/mod.ts";
import {
  type Money,
  parseMoney,
  toDecimalString,
  trimZeros,
} from "../pricing/mod.ts";
import type {
  NewOrder,
  OrderAddress,
  OrderEvent,
  OrderLine,
  OrderRecord,
  OrderStatus,
} from "./types.ts";

type Db = Sql | postgres.TransactionSql;

// Postgres's text form of a timestamptz: "2026-11-22 05:29:57.126989+00".
const TIMESTAMP =
  /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;
/** What every order number starts with (`GS-100042`). */
export const ORDER_NUMBER_PREFIX = "GS-";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Store an order on the caller's transaction and queue its confirmation
 * email. Its number comes from a counter row updated here, as late as
 * possible: the row lock that makes numbers gapless (a rollback returns
 * the number) is then held only for the last few statements of the
 * checkout, not for all of it. Call it last in the transaction.
 */
export async function createOrder(
  tx: postgres.TransactionSql,
  order: NewOrder,
): Promise<OrderRecord> {
  const t = order.totals;
  const id = order.id ?? crypto.randomUUID();
  const [row] = await tx`
    insert into orders.orders (
      id, number, user_id, guest_token_hash, email, language, site_url, quote_id,
      currency, shipping_address, billing_address, shipping_method, gateway,
      tax_inclusive, subtotal, discount_total, shipping_total, tax_total, total,
      base_currency, base_total, rates, reservation_expires_at
    ) values (
      ${id}, ${`unnumbered:${id}`}, ${order.userId}, ${order.guestTokenHash},
      ${order.email}, ${order.language}, ${order.siteUrl}, ${order.quoteId},
      ${order.currency}, ${tx.json({ ...order.shippingAddress })},
      ${tx.json({ ...order.billingAddress })},
      ${tx.json(shippingJson(order.shipping))}, ${order.gateway},
      ${order.taxInclusive}, ${dec(t.subtotal)}, ${dec(t.discount)},
      ${dec(t.shipping)}, ${dec(t.tax)}, ${dec(t.total)},
      ${order.baseTotal.currency}, ${dec(order.baseTotal)},
      ${tx.json(order.rates as postgres.JSONValue)},
      now() + make_interval(mins => ${order.reservationMinutes})
    )
    returning placed_at`;
  const lines = order.lines.map((line, position) => ({
    order_id: id,
    position,
    product_id: line.productId,
    variant_id: line.variantId,
    sku: line.sku,
    name: line.name,
    options: line.options,
    quantity: line.quantity,
    unit_price: dec(line.unitPrice),
    line_total: dec(line.lineTotal),
    tax_amount: dec(line.tax),
    tax_rate: line.taxRate,
    fx_rate: line.fxRate,
    base_unit_price: dec(line.baseUnitPrice),
  }));
  await tx`insert into orders.lines ${tx(lines)}`;
  await tx`
    insert into orders.events (order_id, from_status, to_status, actor)
    values (${id}, null, 'pending_payment',
      ${order.userId ? `user:${order.userId}` : "guest"})`;

  // From here to the commit, other checkouts wait for the counter.
  const [{ value }] = await tx`
    update orders.counters set value = value + 1 where name = 'order'
    returning value`;
  const number = `${ORDER_NUMBER_PREFIX}${value}`;
  await tx`update orders.orders set number = ${number} where id = ${id}`;
  await enqueue(tx, {
    eventId: `order-placed:${id}`,
    kind: "order_placed",
    recipient: order.email,
    language: order.language,
    payload: {
      name: order.shippingAddress.name,
      orderNumber: number,
      placedAt: (row.placed_at as Date).toISOString(),
      lines: order.lines.map((line) => ({
        name: line.name,
        quantity: line.quantity,
        unitPrice: moneyJson(line.unitPrice),
      })),
      total: moneyJson(order.totals.total),
      orderUrl: orderUrl({ ...order, id }),
    },
  });
  return {
    id,
    number,
    userId: order.userId,
    guestTokenHash: order.guestTokenHash,
    email: order.email,
    language: order.language,
    siteUrl: order.siteUrl,
    status: "pending_payment",
    stock: "reserved",
    currency: order.currency,
    shippingAddress: order.shippingAddress,
    billingAddress: order.billingAddress,
    shipping: order.shipping,
    gateway: order.gateway,
    taxInclusive: order.taxInclusive,
    totals: order.totals,
    baseTotal: order.baseTotal,
    rates: order.rates,
    reservationExpiresAt: new Date(
      (row.placed_at as Date).getTime() + order.reservationMinutes * 60_000,
    ),
    placedAt: row.placed_at,
    paidAt: null,
    shippedAt: null,
    deliveredAt: null,
    cancelledAt: null,
    refundedAt: null,
    lines: order.lines,
    fulfillments: [],
    events: [{
      from: null,
      to: "pending_payment",
      actor: order.userId ? `user:${order.userId}` : "guest",
      data: {},
      at: row.placed_at,
    }],
  };
}

/** The order with this id, lines and timeline included; `null` if none. */
export async function orderById(
  sql: Db,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<OrderRecord | null> {
  if (!UUID.test(id)) return null;
  const [row] = options.forUpdate
    ? await sql`select * from orders.orders where id = ${id} for update`
    : await sql`select * from orders.orders where id = ${id}`;
  if (!row) return null;
  const [lines, fulfillments, events] = await Promise.all([
    sql`select * from orders.lines where order_id = ${id} order by position`,
    sql`select * from orders.fulfillments where order_id = ${id} order by shipped_at`,
    sql`select * from orders.events where order_id = ${id} order by created_at, id`,
  ]);
  return toRecord(row, lines, fulfillments, events);
}

/**
 * The order with this id if `owner` may see it: the signed-in user who
 * placed it, or the guest browser whose cart placed it. Anyone else gets
 * `NotFound`, so ids never tell whether they exist. With `forUpdate` the
 * order row stays locked for the caller's transaction.
 */
export async function orderFor(
  sql: Db,
  id: string,
  owner: { userId?: string; guestTokenHash?: string; any?: boolean },
  options: { forUpdate?: boolean } = {},
): Promise<OrderRecord> {
  const order = await orderById(sql, id, options);
  if (
    order &&
    (owner.any ||
      (owner.userId !== undefined && order.userId === owner.userId) ||
      (owner.guestTokenHash !== undefined &&
        order.guestTokenHash === owner.guestTokenHash))
  ) {
    return order;
  }
  throw new NotFound(`No order '${id}'`);
}

/** A page of a user's orders, newest first. */
export interface OrderPage {
  items: OrderSummary[];
  /** Pass back as `after` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** An order in a list. */
export interface OrderSummary {
  id: string;
  number: string;
  status: OrderStatus;
  total: Money;
  itemCount: number;
  placedAt: Date;
}

/**
 * A user's orders, newest first, `limit` at a time; `after` is the
 * previous page's `nextCursor`.
 */
export async function listOrders(
  sql: Sql,
  options: {
    userId: string;
    limit: number;
    /** `placedAt` in Postgres's text form, exact to the microsecond. */
    after?: { placedAt: string; id: string };
  },
): Promise<OrderPage> {
  const { userId, limit, after } = options;
  const rows = await sql`
    select o.id, o.number, o.status, o.total::text, o.currency, o.placed_at,
      o.placed_at::text as placed_key,
      (select coalesce(sum(quantity), 0)::integer from orders.lines l
        where l.order_id = o.id) as item_count
    from orders.orders o
    where o.user_id = ${userId}
      ${
    after
      // As text: a timestamptz parameter would go through a JS Date and
      // lose the microseconds that order two orders of one millisecond.
      ? sql`and (o.placed_at, o.id) < (${after.placedAt}::text::timestamptz, ${after.id}::uuid)`
      : sql``
  }
    order by o.placed_at desc, o.id desc
    limit ${limit + 1}`;
  const items = rows.slice(0, limit).map((row) => ({
    id: row.id,
    number: row.number,
    status: row.status,
    total: parseMoney(row.total, row.currency),
    itemCount: row.item_count,
    placedAt: row.placed_at,
  }));
  const last = rows[limit - 1];
  return {
    items,
    nextCursor: rows.length > limit && last
      ? btoa(JSON.stringify([last.placed_key, last.id]))
      : null,
  };
}

/** Read a `nextCursor` of {@link listOrders}; `null` for anything else. */
export function readOrderCursor(
  cursor: string,
): { placedAt: string; id: string } | null {
  try {
    const [at, id] = JSON.parse(atob(cursor));
    if (
      typeof at !== "string" || !TIMESTAMP.test(at) ||
      typeof id !== "string" || !UUID.test(id)
    ) {
      return null;
    }
    return { placedAt: at, id };
  } catch {
    return null;
  }
}

/** The shopper-facing page of an order, for emails. */
export function orderUrl(
  order: Pick<OrderRecord, "siteUrl" | "language" | "id">,
): string {
  return `${order.siteUrl}/${order.language}/orders/${order.id}`;
}

/** Money as the email payloads take it. */
export function moneyJson(money: Money): { amount: string; currency: string } {
  return { amount: toDecimalString(money), currency: money.currency };
}

function dec(money: Money): string {
  return toDecimalString(money);
}

function shippingJson(shipping: NewOrder["shipping"]): postgres.JSONValue {
  return { ...shipping, amount: dec(shipping.amount) };
}

// deno-lint-ignore no-explicit-any
type Row = Record<string, any>;

function toRecord(
  row: Row,
  lines: readonly Row[],
  fulfillments: readonly Row[],
  events: readonly Row[],
): OrderRecord {
  const currency = row.currency as string;
  const money = (value: string) => parseMoney(value, currency);
  const base = (value: string) => parseMoney(value, row.base_currency);
  return {
    id: row.id,
    number: row.number,
    userId: row.user_id,
    guestTokenHash: row.guest_token_hash,
    email: row.email,
    language: row.language,
    siteUrl: row.site_url,
    status: row.status,
    stock: row.stock,
    currency,
    shippingAddress: row.shipping_address as OrderAddress,
    billingAddress: row.billing_address as OrderAddress,
    shipping: {
      ...row.shipping_method,
      amount: money(row.shipping_method.amount),
    },
    gateway: row.gateway,
    taxInclusive: row.tax_inclusive,
    totals: {
      subtotal: money(row.subtotal),
      discount: money(row.discount_total),
      shipping: money(row.shipping_total),
      tax: money(row.tax_total),
      total: money(row.total),
    },
    baseTotal: base(row.base_total),
    rates: row.rates,
    reservationExpiresAt: row.reservation_expires_at,
    placedAt: row.placed_at,
    paidAt: row.paid_at,
    shippedAt: row.shipped_at,
    deliveredAt: row.delivered_at,
    cancelledAt: row.cancelled_at,
    refundedAt: row.refunded_at,
    lines: lines.map((line): OrderLine => ({
      productId: line.product_id,
      variantId: line.variant_id,
      sku: line.sku,
      name: line.name,
      options: line.options,
      quantity: line.quantity,
      unitPrice: money(line.unit_price),
      lineTotal: money(line.line_total),
      tax: money(line.tax_amount),
      // numeric(7, 6) comes back as "0.190000"; the rate is "0.19".
      taxRate: trimZeros(line.tax_rate),
      fxRate: line.fx_rate,
      baseUnitPrice: base(line.base_unit_price),
    })),
    fulfillments: fulfillments.map((f) => ({
      carrier: f.carrier,
      trackingNumber: f.tracking_number,
      trackingUrl: f.tracking_url,
      shippedAt: f.shipped_at,
    })),
    events: events.map((e): OrderEvent => ({
      from: e.from_status,
      to: e.to_status,
      actor: e.actor,
      data: e.data,
      at: e.created_at,
    })),
  };
}

/**
 * The totals of the orders with these ids, in the order currency and in
 * the base currency at the rate the order was priced with (what finance
 * reconciles in), by id.
 */
export async function orderTotals(
  sql: Sql | postgres.TransactionSql,
  ids: readonly string[],
): Promise<Map<string, { number: string; total: Money; baseTotal: Money }>> {
  if (ids.length === 0) return new Map();
  const rows = await sql`
    select id, number, currency, total::text, base_currency, base_total::text
    from orders.orders where id = any(${ids as string[]}::uuid[])`;
  return new Map(rows.map((row) => [row.id, {
    number: row.number,
    total: parseMoney(row.total, row.currency),
    baseTotal: parseMoney(row.base_total, row.base_currency),
  }]));
}
