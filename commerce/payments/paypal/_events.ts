/**
 * PayPal webhook events in the store's terms. Only called on a body whose
 * signature is verified.
 *
 * @module
 */
import { z } from "zod";
import { InvalidWebhookPayload } from "../errors.ts";
import type { GatewayEvent, GatewayEventType } from "../gateway.ts";
import { fromPayPalAmount } from "./amount.ts";

const Id = z.string().min(1).max(200);
const Amount = z.object({
  currency_code: z.string().regex(/^[A-Z]{3}$/),
  value: z.string().min(1).max(40),
}).loose();

const EventBody = z.object({
  id: Id,
  event_type: z.string().min(1).max(200),
  create_time: z.iso.datetime({ offset: true }),
  resource: z.record(z.string(), z.unknown()),
}).loose();

const Capture = z.object({
  id: Id,
  status: z.string().max(60).optional(),
  status_details: z.object({ reason: z.string().max(200).optional() })
    .loose().optional(),
  amount: Amount,
  custom_id: z.string().max(200).optional(),
  seller_receivable_breakdown: z.object({ paypal_fee: Amount.optional() })
    .loose().optional(),
  supplementary_data: z.object({
    related_ids: z.object({ order_id: Id.optional() }).loose().optional(),
  }).loose().optional(),
}).loose();

const Order = z.object({
  id: Id,
  purchase_units: z.array(
    z.object({
      custom_id: z.string().max(200).optional(),
      amount: Amount.optional(),
    }).loose(),
  ).min(1),
}).loose();

const Refund = z.object({
  id: Id,
  status: z.string().max(60).optional(),
  status_details: z.object({ reason: z.string().max(200).optional() })
    .loose().optional(),
  amount: Amount,
  custom_id: z.string().max(200).optional(),
}).loose();

const Dispute = z.object({
  dispute_id: Id,
  dispute_amount: Amount.optional(),
  disputed_transactions: z.array(
    z.object({
      seller_transaction_id: Id.optional(),
      custom: z.string().max(200).optional(),
    }).loose(),
  ).optional(),
}).loose();

const CAPTURE_EVENTS: Readonly<Record<string, GatewayEventType>> = {
  "PAYMENT.CAPTURE.COMPLETED": "payment.succeeded",
  "PAYMENT.CAPTURE.DENIED": "payment.failed",
  "PAYMENT.CAPTURE.DECLINED": "payment.failed",
  "PAYMENT.CAPTURE.PENDING": "payment.processing",
};

/**
 * The event in a verified PayPal webhook body, or `null` for an event
 * type the store does not act on. Throws {@link InvalidWebhookPayload}
 * for a body that is not a PayPal event or whose resource lacks what its
 * type needs.
 */
export function readEvent(rawBody: string): GatewayEvent | null {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch (cause) {
    throw new InvalidWebhookPayload("The PayPal webhook body is not JSON", {
      cause,
    });
  }
  const event = parse(EventBody, json, "a PayPal event");
  const raw = json as Record<string, unknown>;
  const base = {
    eventId: event.id,
    occurredAt: new Date(event.create_time),
    raw,
  };
  const type = event.event_type;
  if (type in CAPTURE_EVENTS) {
    const capture = parse(Capture, event.resource, `a '${type}' capture`);
    const failed = CAPTURE_EVENTS[type] === "payment.failed";
    const fee = capture.seller_receivable_breakdown?.paypal_fee;
    return {
      ...base,
      type: CAPTURE_EVENTS[type],
      // The store knows the payment by its order; a capture made outside
      // Orders v2 has none and is kept unmatched under its own id.
      gatewayTransactionId: capture.supplementary_data?.related_ids?.order_id ??
        capture.id,
      ...reference(capture.custom_id),
      amount: money(capture.amount, type),
      ...(fee ? { fee: money(fee, type) } : {}),
      ...(failed
        ? {
          failureCode: capture.status_details?.reason ?? capture.status ??
            "DECLINED",
        }
        : {}),
    };
  }
  switch (type) {
    case "CHECKOUT.ORDER.APPROVED": {
      const order = parse(Order, event.resource, `a '${type}' order`);
      const unit = order.purchase_units[0];
      return {
        ...base,
        type: "payment.processing",
        gatewayTransactionId: order.id,
        ...reference(unit.custom_id),
        ...(unit.amount ? { amount: money(unit.amount, type) } : {}),
      };
    }
    case "PAYMENT.CAPTURE.REFUNDED": {
      const refund = parse(Refund, event.resource, `a '${type}' refund`);
      const status = refund.status ?? "COMPLETED";
      // The event is sent once a refund is final; a pending one says
      // nothing yet.
      if (status === "PENDING") return null;
      const failed = status === "FAILED" || status === "CANCELLED";
      return {
        ...base,
        type: failed ? "refund.failed" : "refund.succeeded",
        gatewayTransactionId: refund.id,
        ...reference(refund.custom_id),
        amount: money(refund.amount, type),
        ...(failed
          ? { failureCode: refund.status_details?.reason ?? status }
          : {}),
      };
    }
    case "CUSTOMER.DISPUTE.CREATED": {
      const dispute = parse(Dispute, event.resource, `a '${type}' dispute`);
      const disputed = dispute.disputed_transactions?.[0];
      return {
        ...base,
        type: "dispute.created",
        // A dispute names the capture (PayPal's transaction), not the order.
        gatewayTransactionId: disputed?.seller_transaction_id ??
          dispute.dispute_id,
        ...reference(disputed?.custom),
        ...(dispute.dispute_amount
          ? { amount: money(dispute.dispute_amount, type) }
          : {}),
      };
    }
    default:
      return null;
  }
}

function reference(customId: string | undefined): { reference?: string } {
  return customId ? { reference: customId } : {};
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new InvalidWebhookPayload(
      `The PayPal webhook body is not ${what}`,
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

function money(amount: z.infer<typeof Amount>, type: string) {
  try {
    return fromPayPalAmount(amount);
  } catch (cause) {
    throw new InvalidWebhookPayload(
      `The PayPal '${type}' event has an unreadable amount '${amount.value}' ${amount.currency_code}`,
      { cause },
    );
  }
}
