/**
 * Orders as the module stores and returns them. Amounts are exact
 * {@link Money} in the order's currency (the base-currency figures in the
 * base currency); names, SKUs, prices and addresses are snapshots taken
 * when the order was placed.
 *
 * @module
 */
import type { Money } from "../pricing/mod.ts";

/** Every status an order can be in. */
export const ORDER_STATUSES = [
  "pending_payment",
  "paid",
  "packed",
  "shipped",
  "delivered",
  "cancelled",
  "refunded",
  "partially_refunded",
] as const;

/** An order's status (see `state.ts` for the moves between them). */
export type OrderStatus = typeof ORDER_STATUSES[number];

/** An address as the order keeps it (validated before it got here). */
export interface OrderAddress {
  name: string;
  company?: string | null;
  line1: string;
  line2?: string | null;
  city: string;
  region?: string | null;
  postalCode?: string | null;
  country: string;
  phone?: string | null;
}

/** The shipping method the order ships with, priced as quoted. */
export interface OrderShipping {
  key: string;
  name: string;
  minDays: number;
  maxDays: number;
  amount: Money;
}

/** The totals of an order, all in its currency. */
export interface OrderTotals {
  subtotal: Money;
  discount: Money;
  shipping: Money;
  tax: Money;
  total: Money;
}

/** One line as placed. */
export interface OrderLine {
  productId: string;
  variantId: string;
  sku: string;
  /** The product's name in the order's language when it was placed. */
  name: string;
  options: Record<string, string>;
  quantity: number;
  unitPrice: Money;
  lineTotal: Money;
  /** The tax in (inclusive) or on (exclusive) the line total. */
  tax: Money;
  taxRate: string;
  /** Units of the order currency per base unit; null when not converted. */
  fxRate: string | null;
  /** The unit price in the base currency. */
  baseUnitPrice: Money;
}

/** A parcel sent for the order. */
export interface Fulfillment {
  carrier: string;
  trackingNumber: string;
  trackingUrl: string | null;
  shippedAt: Date;
}

/** One step of the order's timeline. */
export interface OrderEvent {
  from: OrderStatus | null;
  to: OrderStatus;
  actor: string;
  data: Record<string, unknown>;
  at: Date;
}

/** A stored order with its lines, parcels and timeline. */
export interface OrderRecord {
  id: string;
  number: string;
  userId: string | null;
  /** Internal: the guest browser's cart-token hash; never shown. */
  guestTokenHash: string | null;
  email: string;
  language: string;
  siteUrl: string;
  status: OrderStatus;
  stock: "reserved" | "committed" | "released";
  currency: string;
  shippingAddress: OrderAddress;
  billingAddress: OrderAddress;
  shipping: OrderShipping;
  gateway: string;
  taxInclusive: boolean;
  totals: OrderTotals;
  baseTotal: Money;
  /** The exchange rates the order was priced with. */
  rates: Record<string, unknown>;
  reservationExpiresAt: Date;
  placedAt: Date;
  paidAt: Date | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  cancelledAt: Date | null;
  /** When money was last given back (a full or partial refund). */
  refundedAt: Date | null;
  lines: OrderLine[];
  fulfillments: Fulfillment[];
  events: OrderEvent[];
}

/** What `createOrder` stores. */
export interface NewOrder {
  /** Chosen by the caller when it must refer to the order first. */
  id?: string;
  userId: string | null;
  /** The guest's cart-cookie token hash (guest orders only). */
  guestTokenHash: string | null;
  email: string;
  language: string;
  siteUrl: string;
  quoteId: string;
  currency: string;
  shippingAddress: OrderAddress;
  billingAddress: OrderAddress;
  shipping: OrderShipping;
  gateway: string;
  taxInclusive: boolean;
  totals: OrderTotals;
  baseTotal: Money;
  rates: Record<string, unknown>;
  /** How long the stock stays reserved without payment. */
  reservationMinutes: number;
  lines: OrderLine[];
}
