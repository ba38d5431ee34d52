/**
 * Stripe's webhook events in the store's terms. Only the fields read are
 * checked (Stripe adds fields freely); a verified event of a type the store
 * acts on whose object lacks them is an {@link InvalidWebhookPayload}.
 *
 * | Stripe event | store event | transaction id |
 * | --- | --- | --- |
 * | `payment_intent.succeeded` | `payment.succeeded` (`amount_received`) | PaymentIntent |
 * | `payment_intent.payment_failed` | `payment.failed`; `payment.requires_action` while the intent awaits another method | PaymentIntent |
 * | `payment_intent.canceled` | `payment.failed` (`canceled`) | PaymentIntent |
 * | `payment_intent.processing` | `payment.processing` | PaymentIntent |
 * | `payment_intent.requires_action` | `payment.requires_action` | PaymentIntent |
 * | `charge.refunded` | the charge's newest refund, by its status | Refund |
 * | `refund.created`, `refund.updated`, `charge.refund.updated`, `refund.failed` | by the refund's status | Refund |
 * | `charge.dispute.created` | `dispute.created` | PaymentIntent |
 *
 * A refund counts as `refund.succeeded` when its status is `succeeded`
 * and as `refund.failed` when it is `failed` or `canceled`; a pending one
 * is not news (`null`). Since API version 2022-11-15 a charge no longer
 * lists its refunds, so a `charge.refunded` without them is `null` too and
 * the `refund.*` events carry the outcome.
 *
 * @module
 */
import { z } from "zod";
import type { Money } from "../../pricing/mod.ts";
import { InvalidWebhookPayload } from "../errors.ts";
import type { GatewayEvent, GatewayEventType } from "../gateway.ts";
import { fromStripeAmount } from "./_amount.ts";

const Id = z.string().min(1).max(255);
const Currency = z.string().regex(/^[A-Za-z]{3}$/);
const Amount = z.number().int().nonnegative();
const Metadata = z.record(z.string(), z.string()).nullish();
// An id, or the object when the sender expanded it.
const Ref = z.union([Id, z.object({ id: Id }).loose()]).nullish();

const Event = z.object({
  id: Id,
  type: z.string().min(1).max(255),
  created: z.number().int().nonnegative(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }).loose(),
}).loose();

const PaymentIntent = z.object({
  id: Id,
  amount: Amount,
  amount_received: Amount.nullish(),
  currency: Currency,
  metadata: Metadata,
  status: z.string().nullish(),
  last_payment_error: z.object({
    code: z.string().nullish(),
    decline_code: z.string().nullish(),
  }).loose().nullish(),
}).loose();

const Refund = z.object({
  id: Id,
  amount: Amount,
  currency: Currency,
  status: z.string().nullish(),
  created: z.number().int().nonnegative(),
  metadata: Metadata,
}).loose();

const Charge = z.object({
  id: Id,
  refunds: z.object({ data: z.array(Refund) }).loose().nullish(),
}).loose();

const Dispute = z.object({
  id: Id,
  amount: Amount,
  currency: Currency,
  payment_intent: Ref,
  charge: Ref,
}).loose();

const PAYMENT_EVENTS: Readonly<Record<string, GatewayEventType>> = {
  "payment_intent.succeeded": "payment.succeeded",
  "payment_intent.payment_failed": "payment.failed",
  // Final whoever canceled it (our `cancel()`, someone in the Dashboard):
  // a canceled PaymentIntent can never take money.
  "payment_intent.canceled": "payment.failed",
  "payment_intent.processing": "payment.processing",
  "payment_intent.requires_action": "payment.requires_action",
};

const REFUND_EVENTS = new Set([
  "refund.created",
  "refund.updated",
  "refund.failed",
  "charge.refund.updated",
]);

/**
 * The store's event for a verified Stripe event `body` (the parsed JSON),
 * or `null` for a type (or a refund status) the store does not act on.
 * Throws {@link InvalidWebhookPayload} for a body that is not a Stripe
 * event, or whose object lacks what its type needs.
 */
export function toGatewayEvent(body: unknown): GatewayEvent | null {
  const event = read(Event, body, "a Stripe event");
  const base = {
    eventId: event.id,
    occurredAt: new Date(event.created * 1000),
    raw: body as Record<string, unknown>,
  };
  const object = event.data.object;
  const mapped = PAYMENT_EVENTS[event.type];
  if (mapped) {
    const intent = read(PaymentIntent, object, "a PaymentIntent");
    // A decline in the Payment Element leaves the PaymentIntent waiting
    // for another payment method: the shopper may try again on the same
    // intent, so the attempt is not over (a final `payment.failed` would
    // make its later success a case for reconciliation).
    const paymentType = event.type === "payment_intent.payment_failed" &&
        intent.status === "requires_payment_method" &&
        intent.metadata?.confirmation === "element"
      ? "payment.requires_action"
      : mapped;
    const error = intent.last_payment_error;
    return {
      ...base,
      type: paymentType,
      gatewayTransactionId: intent.id,
      reference: intent.metadata?.reference,
      amount: money(
        paymentType === "payment.succeeded"
          ? intent.amount_received ?? intent.amount
          : intent.amount,
        intent.currency,
      ),
      ...(event.type === "payment_intent.canceled"
        ? { failureCode: "canceled" }
        : mapped === "payment.failed"
        ? {
          failureCode: error?.decline_code ?? error?.code ?? "payment_failed",
        }
        : {}),
    };
  }
  if (event.type === "charge.refunded") {
    const refunds = read(Charge, object, "a Charge").refunds?.data ?? [];
    const newest = refunds.reduce<z.infer<typeof Refund> | undefined>(
      (newest, refund) =>
        newest && newest.created >= refund.created ? newest : refund,
      undefined,
    );
    return newest ? refundEvent(base, newest) : null;
  }
  if (REFUND_EVENTS.has(event.type)) {
    return refundEvent(base, read(Refund, object, "a Refund"));
  }
  if (event.type === "charge.dispute.created") {
    const dispute = read(Dispute, object, "a Dispute");
    const about = dispute.payment_intent ?? dispute.charge;
    if (!about) {
      throw new InvalidWebhookPayload(
        `Dispute '${dispute.id}' names neither a PaymentIntent nor a Charge`,
      );
    }
    return {
      ...base,
      type: "dispute.created",
      gatewayTransactionId: typeof about === "string" ? about : about.id,
      amount: money(dispute.amount, dispute.currency),
    };
  }
  return null;
}

function refundEvent(
  base: Pick<GatewayEvent, "eventId" | "occurredAt" | "raw">,
  refund: z.infer<typeof Refund>,
): GatewayEvent | null {
  const type: GatewayEventType | undefined = refund.status === "succeeded"
    ? "refund.succeeded"
    : refund.status === "failed" || refund.status === "canceled"
    ? "refund.failed"
    : undefined;
  if (!type) return null;
  return {
    ...base,
    type,
    gatewayTransactionId: refund.id,
    reference: refund.metadata?.reference,
    amount: money(refund.amount, refund.currency),
  };
}

function read<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new InvalidWebhookPayload(`The webhook does not carry ${what}`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

function money(amount: number, currency: string): Money {
  const result = fromStripeAmount(amount, currency);
  if (!result) {
    throw new InvalidWebhookPayload(
      `The webhook's amount ${amount} '${currency}' is not one the store reads`,
    );
  }
  return result;
}
