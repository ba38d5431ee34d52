/**
 * The contract every payment gateway adapter fulfils: the built-in test
 * gateway today; Stripe, PayPal, Alipay and WeChat Pay later. The store
 * speaks only this interface, so one flow (`process.ts`) takes payments
 * and one handler (`webhook.ts`) applies every gateway's webhooks.
 *
 * An adapter translates; it keeps no state of ours and never touches the
 * database. Amounts cross it as exact {@link Money}; whatever the gateway
 * said comes back verbatim in `raw` for the transaction row.
 *
 * @module
 */
import type { Money } from "../pricing/mod.ts";

/**
 * Where a payment stands after the gateway answered `createPayment`:
 * taken (`succeeded`), accepted but not settled yet (`processing`, e.g. a
 * bank transfer or an async capture), waiting for the shopper
 * (`requires_action`: a 3-D Secure check, a wallet approval, a QR scan), or
 * refused (`failed`, with a `failureCode`).
 */
export type GatewayPaymentStatus =
  | "succeeded"
  | "processing"
  | "requires_action"
  | "failed";

/**
 * What the shopper must do next:
 * - `redirect`: open `url` (a 3-D Secure page, PayPal's approval page,
 *   Alipay's cashier);
 * - `confirm_in_browser`: confirm on our page with the gateway's own script
 *   (Stripe's Payment Element), which takes the card data itself so it
 *   never touches our servers; `clientSecret` scopes that script to this
 *   payment;
 * - `qr_code`: show `data` as a QR code for the shopper's phone to scan
 *   (WeChat Pay Native, Alipay pre-create).
 */
export type NextAction =
  | { type: "redirect"; url: string }
  | {
    type: "confirm_in_browser";
    clientSecret: string;
    publishableKey: string;
  }
  | { type: "qr_code"; data: string };

/** A payment to take, as the store asks any gateway for it. */
export interface CreatePaymentRequest {
  /**
   * Our transaction id: the gateway keeps it with the payment (metadata,
   * `custom_id`, `out_trade_no`) and it is the idempotency key of the
   * call, so a retried request never charges twice.
   */
  reference: string;
  /** Exactly the order's total, in the order's currency. */
  amount: Money;
  /** Shown to the shopper by the gateway (statement descriptor, receipt). */
  orderNumber: string;
  /** Where the gateway sends the shopper back after a `nextAction`. */
  returnUrl: string;
  /**
   * Gateway-specific input, already checked by the adapter's
   * `parseMethod` (a test card, a Stripe PaymentMethod id...).
   */
  method?: unknown;
  /** Aborted when the store stops waiting for the answer. */
  signal?: AbortSignal;
  /**
   * When the attempt should stop taking money: the end of the order's
   * stock hold. Gateways that can expire a payment (a QR code, a cashier
   * page) are told, so nobody pays for an order that was let go.
   */
  expiresAt?: Date;
}

/** The gateway's answer to {@link CreatePaymentRequest}. */
export interface CreatePaymentResult {
  /** The gateway's own id of the payment (a PaymentIntent id...). */
  gatewayTransactionId: string;
  status: GatewayPaymentStatus;
  /** Present when `status` is `requires_action`. */
  nextAction?: NextAction;
  /** Why the payment failed, in the gateway's words (`card_declined`). */
  failureCode?: string;
  /** The gateway's fee on this payment, when it says (reconciliation). */
  fee?: Money;
  /** The gateway's response as received, kept on the transaction. */
  raw: Record<string, unknown>;
}

/** The event types every adapter maps its gateway's webhooks onto. */
export const GATEWAY_EVENT_TYPES = [
  "payment.succeeded",
  "payment.failed",
  "payment.requires_action",
  "payment.processing",
  "refund.succeeded",
  "refund.failed",
  "dispute.created",
] as const;

/** A normalized webhook event type. */
export type GatewayEventType = typeof GATEWAY_EVENT_TYPES[number];

/** A verified webhook event, in the store's terms. */
export interface GatewayEvent {
  /** The gateway's id of the event: redeliveries repeat it. */
  eventId: string;
  type: GatewayEventType;
  /** The payment (or, for `refund.*`, the refund) the event is about. */
  gatewayTransactionId: string;
  /**
   * Our transaction id when the gateway echoes it back, so an event that
   * overtakes the `createPayment` answer still finds its transaction.
   */
  reference?: string;
  /** The amount the event reports, when it reports one. */
  amount?: Money;
  /** For `payment.failed`: why, in the gateway's words. */
  failureCode?: string;
  /** The gateway's fee, when the event reports it. */
  fee?: Money;
  occurredAt: Date;
  /** The event's body as the gateway sent it (stored in the inbox). */
  raw: Record<string, unknown>;
}

/** A payment the shopper approved at the gateway, to finish. */
export interface CompletePaymentRequest {
  /** The payment's id at the gateway (the PayPal order id). */
  gatewayTransactionId: string;
  /** Our transaction id: the idempotency key of the call. */
  reference: string;
  signal?: AbortSignal;
}

/**
 * A payment attempt to close at the gateway because another replaces it
 * (the shopper started again, or chose another way to pay).
 */
export interface CancelPaymentRequest {
  /** The payment's id at the gateway. */
  gatewayTransactionId: string;
  /** Our transaction id. */
  reference: string;
  signal?: AbortSignal;
}

/**
 * How closing went: `cancelled` (it can no longer take money) or
 * `already_paid` (too late: it took the money, and its webhook will say).
 */
export type CancelPaymentResult = "cancelled" | "already_paid";

/** A webhook request as it reached the store: the exact body bytes as text. */
export interface WebhookRequest {
  rawBody: string;
  headers: Headers;
}

/** Money to give back on a payment. */
export interface RefundRequest {
  /** The payment's id at the gateway. */
  gatewayTransactionId: string;
  /** Our id of the payment being refunded (some gateways refund by it). */
  paymentReference: string;
  /** What was captured on the payment (some gateways want the total). */
  captured: Money;
  amount: Money;
  /** Why, as the admin wrote it (passed on where the gateway keeps one). */
  reason?: string;
  /** Our refund transaction's id: the idempotency key. */
  reference: string;
  signal?: AbortSignal;
}

/** The gateway's answer to a {@link RefundRequest}. */
export interface RefundResult {
  /** The refund's own id at the gateway. */
  gatewayTransactionId: string;
  status: "succeeded" | "processing" | "failed";
  failureCode?: string;
  raw: Record<string, unknown>;
}

/**
 * A payment gateway adapter. `parseWebhook` is the only way a webhook gets
 * in: it verifies the signature over the raw body (throwing
 * `InvalidWebhookSignature`) before it reads a single field.
 */
export interface PaymentGateway {
  /** The gateway's name in URLs, rows and config (`test`, `stripe`...). */
  readonly name: string;
  /** Whether the gateway takes payments in `currency` from `country`. */
  supports(where: { currency: string; country: string }): boolean;
  /**
   * Check the shopper's gateway-specific method input and return it in
   * the shape `createPayment` takes; throws `InvalidPaymentMethod` (400).
   */
  parseMethod(input: unknown): unknown;
  /** Ask the gateway to take a payment. */
  createPayment(request: CreatePaymentRequest): Promise<CreatePaymentResult>;
  /**
   * Verify and normalize a webhook. Resolves `null` for a verified event
   * the store does not act on (a type it never subscribed to): it is
   * answered 200 and not stored.
   */
  parseWebhook(request: WebhookRequest): Promise<GatewayEvent | null>;
  /** Give money back on a succeeded payment. */
  refund(request: RefundRequest): Promise<RefundResult>;
  /**
   * Finish a payment the shopper approved at the gateway and came back
   * from (PayPal: capture the approved order). Gateways that settle on
   * their own leave it out.
   */
  complete?(request: CompletePaymentRequest): Promise<CreatePaymentResult>;
  /**
   * Close an attempt still waiting for the shopper so it cannot take money
   * after another replaced it (a QR code still on a phone, a payment form
   * open in another tab). Idempotent: closing a closed attempt answers
   * `cancelled`. Gateways whose attempts cannot take money without a
   * further call of ours (PayPal's capture) leave it out.
   */
  cancel?(request: CancelPaymentRequest): Promise<CancelPaymentResult>;
  /**
   * The body a webhook is answered with once stored, when the gateway
   * wants a particular one (Alipay: the text `success`); JSON otherwise.
   */
  readonly webhookAck?: { contentType: string; body: string };
  /** Stop timers and background work (the store's shutdown). */
  close?(): Promise<void>;
}
