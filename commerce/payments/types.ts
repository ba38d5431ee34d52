/**
 * Payments as the module stores and returns them.
 *
 * @module
 */
import type { Money } from "../pricing/mod.ts";
import type { GatewayPaymentStatus, NextAction } from "./gateway.ts";

/** Every status a transaction row can be in. */
export const TRANSACTION_STATUSES = [
  "pending",
  "requires_action",
  "succeeded",
  "failed",
  "cancelled",
] as const;

/**
 * A transaction's status. `pending` is "not settled and nothing asked of
 * the shopper" (created, or processing at the gateway); `succeeded`,
 * `failed` and `cancelled` are final.
 */
export type TransactionStatus = typeof TRANSACTION_STATUSES[number];

/** A payment or refund at a gateway, as stored. */
export interface Transaction {
  id: string;
  orderId: string;
  gateway: string;
  /** The gateway's id; `null` until the gateway has answered. */
  gatewayTransactionId: string | null;
  kind: "payment" | "refund";
  amount: Money;
  status: TransactionStatus;
  /** What the gateway answered (or the error when it did not). */
  raw: Record<string, unknown>;
  /** For a refund: the payment it gives money back on. */
  parentId: string | null;
  /** The gateway's fee, when it said (reconciliation). */
  fee: Money | null;
  /** For a refund: why, as the admin wrote it. */
  reason: string | null;
  /** For a refund: who asked (`admin:<id>`). */
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Who is paying: the signed-in user, and/or the guest browser (the hash of
 * its cart-cookie token). Only an order's owner may pay it.
 */
export interface PaymentOwner {
  userId?: string;
  guestTokenHash?: string;
}

/** What {@link processPayment} is asked to do. */
export interface ProcessPaymentInput {
  orderId: string;
  owner: PaymentOwner;
  /** The gateway's name (`test`). */
  gateway: string;
  /** The gateway-specific method (the test gateway: a card). */
  method?: unknown;
  /**
   * A path of this store to come back to after a gateway page (3-D
   * Secure); the order's page by default.
   */
  returnUrl?: string;
}

/**
 * The answer of {@link processPayment}. `status` is the gateway's: the
 * order becomes paid only when the gateway's webhook confirms it, so a
 * client follows `nextAction` if any, then watches the order.
 */
export interface ProcessPaymentResult {
  transactionId: string;
  status: GatewayPaymentStatus;
  nextAction?: NextAction;
  failureCode?: string;
}

/**
 * What a stored webhook event did: `applied` (it moved a transaction or
 * the order), `ignored` (stale, or nothing left to change), `unmatched`
 * (no known transaction: kept for reconciliation) or `amount_mismatch`
 * (it reported another amount than we charged: the order is untouched) or
 * `dispute_opened` (the shopper disputed the payment at their bank).
 */
export type WebhookOutcome =
  | "applied"
  | "ignored"
  | "unmatched"
  | "amount_mismatch"
  | "dispute_opened";

/** The answer of {@link handleWebhook}. */
export type WebhookResult =
  | { duplicate: false; handled: false }
  | { duplicate: true; eventId: string }
  | { duplicate: false; eventId: string; outcome: WebhookOutcome };
