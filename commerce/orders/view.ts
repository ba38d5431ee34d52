/**
 * Orders as the API returns them: money as `MoneyView` (exact amount and a
 * display string in the reader's language), internal fields left out.
 *
 * @module
 */
import { type MoneyView, moneyView } from "../pricing/mod.ts";
import type { OrderPage } from "./queries.ts";
import type {
  Fulfillment,
  OrderAddress,
  OrderEvent,
  OrderRecord,
  OrderStatus,
  OrderTotals,
} from "./types.ts";

/** An order as `GET /api/orders/{id}` returns it. */
export interface OrderView {
  id: string;
  number: string;
  status: OrderStatus;
  email: string;
  language: string;
  currency: string;
  placedAt: string;
  paidAt: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
  cancelledAt: string | null;
  /** Until when unpaid stock stays reserved (pending orders only). */
  reservationExpiresAt: string | null;
  canCancel: boolean;
  canPay: boolean;
  shippingAddress: OrderAddress;
  billingAddress: OrderAddress;
  shipping: {
    key: string;
    name: string;
    minDays: number;
    maxDays: number;
    price: MoneyView;
  };
  gateway: string;
  taxInclusive: boolean;
  lines: {
    productId: string;
    variantId: string;
    sku: string;
    name: string;
    options: Record<string, string>;
    quantity: number;
    unitPrice: MoneyView;
    lineTotal: MoneyView;
    tax: MoneyView;
    taxRate: string;
    fxRate: string | null;
    baseUnitPrice: MoneyView;
  }[];
  totals: TotalsView;
  baseTotal: MoneyView;
  rates: Record<string, unknown>;
  fulfillments: (Omit<Fulfillment, "shippedAt"> & { shippedAt: string })[];
  timeline: (Omit<OrderEvent, "at" | "data"> & { at: string })[];
}

/** Totals as the API shows them (a quote's as an order's). */
export type TotalsView = Record<keyof OrderTotals, MoneyView>;

/** `totals` for a reader of `locale`. */
export function totalsView(totals: OrderTotals, locale: string): TotalsView {
  return {
    subtotal: moneyView(totals.subtotal, locale),
    discount: moneyView(totals.discount, locale),
    shipping: moneyView(totals.shipping, locale),
    tax: moneyView(totals.tax, locale),
    total: moneyView(totals.total, locale),
  };
}

/** `order` for a reader of `locale`. */
export function orderView(order: OrderRecord, locale: string): OrderView {
  const view = (money: Parameters<typeof moneyView>[0]) =>
    moneyView(money, locale);
  const pending = order.status === "pending_payment";
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    email: order.email,
    language: order.language,
    currency: order.currency,
    placedAt: order.placedAt.toISOString(),
    paidAt: order.paidAt?.toISOString() ?? null,
    shippedAt: order.shippedAt?.toISOString() ?? null,
    deliveredAt: order.deliveredAt?.toISOString() ?? null,
    cancelledAt: order.cancelledAt?.toISOString() ?? null,
    reservationExpiresAt: pending
      ? order.reservationExpiresAt.toISOString()
      : null,
    canCancel: pending,
    canPay: pending && order.reservationExpiresAt > new Date(),
    shippingAddress: order.shippingAddress,
    billingAddress: order.billingAddress,
    shipping: {
      key: order.shipping.key,
      name: order.shipping.name,
      minDays: order.shipping.minDays,
      maxDays: order.shipping.maxDays,
      price: view(order.shipping.amount),
    },
    gateway: order.gateway,
    taxInclusive: order.taxInclusive,
    lines: order.lines.map((line) => ({
      productId: line.productId,
      variantId: line.variantId,
      sku: line.sku,
      name: line.name,
      options: line.options,
      quantity: line.quantity,
      unitPrice: view(line.unitPrice),
      lineTotal: view(line.lineTotal),
      tax: view(line.tax),
      taxRate: line.taxRate,
      fxRate: line.fxRate,
      baseUnitPrice: view(line.baseUnitPrice),
    })),
    totals: totalsView(order.totals, locale),
    baseTotal: view(order.baseTotal),
    rates: order.rates,
    fulfillments: order.fulfillments.map((f) => ({
      ...f,
      shippedAt: f.shippedAt.toISOString(),
    })),
    timeline: order.events.map((e) => ({
      from: e.from,
      to: e.to,
      actor: e.actor,
      at: e.at.toISOString(),
    })),
  };
}

/** A page of orders as `GET /api/orders` returns it. */
export function orderPageView(page: OrderPage, locale: string) {
  return {
    items: page.items.map((item) => ({
      id: item.id,
      number: item.number,
      status: item.status,
      total: moneyView(item.total, locale),
      itemCount: item.itemCount,
      placedAt: item.placedAt.toISOString(),
    })),
    nextCursor: page.nextCursor,
  };
}
