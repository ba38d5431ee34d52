/**
 * The payload schemas of the email templates, one per notification kind.
 * Producers build these payloads; the renderer parses them before it
 * writes a word, so a bad payload fails the outbox row instead of sending
 * a broken email.
 *
 * Unknown fields are ignored rather than refused: a producer adding a field
 * for its own bookkeeping must not fail emails already on their way.
 *
 * @module
 */
import { z } from "zod";
import { type Money, parseMoney } from "../../pricing/mod.ts";

// Names are the shopper's own, but a whole paragraph in a greeting is not.
const Name = z.string().trim().min(1).max(200);

/**
 * An absolute http(s) link, normalized by the URL parser. Anything else
 * (`javascript:`, `data:`, a relative path, whitespace tricks) is refused:
 * every link in an email is clicked in a context we do not control.
 */
export const EmailUrl = z.string().max(2000)
  .regex(/^[^\s\p{Cc}]+$/u, "must not contain spaces or controls")
  .pipe(z.url({ protocol: /^https?$/, hostname: z.regexes.hostname }))
  .transform((url) => new URL(url).href);

/** An instant with an explicit offset ("2026-03-05T10:00:00Z"). */
export const Instant = z.iso.datetime({ offset: true })
  .transform((value) => new Date(value));

/**
 * An amount as a decimal string and its ISO 4217 currency (`{ amount:
 * "49.95", currency: "EUR" }`), parsed exactly into {@link Money}; more
 * decimals than the currency has are refused, never rounded.
 */
export const MoneyInput = z.object({
  amount: z.string().regex(/^\d{1,30}(\.\d{1,10})?$/, "must be a decimal"),
  currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code"),
}).transform((value, ctx): Money => {
  try {
    return parseMoney(value.amount, value.currency);
  } catch (error) {
    ctx.addIssue({
      code: "custom",
      message: error instanceof Error ? error.message : String(error),
      input: value,
    });
    return z.NEVER;
  }
});

/** `verify_email`: confirm the address of a new account. */
export const VerifyEmailPayload = z.object({
  name: Name,
  url: EmailUrl,
  expiresInHours: z.number().int().positive().max(24 * 90),
});
/** `verify_email` (see the schema of the same name). */
export type VerifyEmailPayload = z.input<typeof VerifyEmailPayload>;

/** `password_reset`: a link to choose a new password. */
export const PasswordResetPayload = z.object({
  name: Name,
  url: EmailUrl,
  expiresInMinutes: z.number().int().positive().max(60 * 24 * 7),
});
/** `password_reset` (see the schema of the same name). */
export type PasswordResetPayload = z.input<typeof PasswordResetPayload>;

/** `welcome`: the account is ready. */
export const WelcomePayload = z.object({
  name: Name,
  shopUrl: EmailUrl,
});
/** `welcome` (see the schema of the same name). */
export type WelcomePayload = z.input<typeof WelcomePayload>;

/** One line of an order as the order snapshot recorded it. */
export const OrderLinePayload = z.object({
  name: z.string().trim().min(1).max(300),
  quantity: z.number().int().positive().max(1_000_000),
  unitPrice: MoneyInput,
});

/**
 * `order_placed`: the order and its lines, in the order's currency (every
 * line's currency must be the total's).
 */
export const OrderPlacedPayload = z.object({
  name: Name,
  orderNumber: z.string().trim().min(1).max(100),
  placedAt: Instant,
  lines: z.array(OrderLinePayload).min(1).max(500),
  total: MoneyInput,
  orderUrl: EmailUrl,
}).superRefine((order, ctx) => {
  order.lines.forEach((line, index) => {
    if (line.unitPrice.currency !== order.total.currency) {
      ctx.addIssue({
        code: "custom",
        path: ["lines", index, "unitPrice", "currency"],
        message:
          `must be the order's currency '${order.total.currency}', not '${line.unitPrice.currency}'`,
        input: line.unitPrice.currency,
      });
    }
  });
});
/** `order_placed` (see the schema of the same name). */
export type OrderPlacedPayload = z.input<typeof OrderPlacedPayload>;

/** `order_paid`: the payment for an order was captured. */
export const OrderPaidPayload = z.object({
  name: Name,
  orderNumber: z.string().trim().min(1).max(100),
  paidAt: Instant,
  total: MoneyInput,
  orderUrl: EmailUrl,
});
/** `order_paid` (see the schema of the same name). */
export type OrderPaidPayload = z.input<typeof OrderPaidPayload>;

/** `order_shipped`: the parcel left, with tracking when the carrier has it. */
export const OrderShippedPayload = z.object({
  name: Name,
  orderNumber: z.string().trim().min(1).max(100),
  shippedAt: Instant,
  carrier: z.string().trim().min(1).max(100).optional(),
  trackingUrl: EmailUrl.optional(),
  orderUrl: EmailUrl,
});
/** `order_shipped` (see the schema of the same name). */
export type OrderShippedPayload = z.input<typeof OrderShippedPayload>;

/** Why an order was cancelled; the email explains each differently. */
export const CancellationReason = z.enum(["customer", "expired", "admin"]);

/**
 * `order_cancelled`: the order will not be fulfilled. `customer`: the
 * shopper cancelled it; `expired`: the payment did not arrive in time and
 * the reserved stock was released; `admin`: the store cancelled it (any
 * payment is refunded).
 */
export const OrderCancelledPayload = z.object({
  name: Name,
  orderNumber: z.string().trim().min(1).max(100),
  cancelledAt: Instant,
  reason: CancellationReason,
  total: MoneyInput,
  orderUrl: EmailUrl,
});
/** `order_cancelled` (see the schema of the same name). */
export type OrderCancelledPayload = z.input<typeof OrderCancelledPayload>;

/**
 * `order_refunded`: money went back to the shopper's original payment
 * method. `amount` is this refund (more than zero), `totalRefunded` all
 * refunds of the order so far, this one included, in the same currency;
 * `full` says the order is now refunded in full. `reason` is the store's
 * own words, shown as given.
 */
export const OrderRefundedPayload = z.object({
  name: Name,
  orderNumber: z.string().trim().min(1).max(100),
  refundedAt: Instant,
  amount: MoneyInput,
  totalRefunded: MoneyInput,
  full: z.boolean(),
  reason: z.string().trim().min(1).max(500).optional(),
  orderUrl: EmailUrl,
}).superRefine((refund, ctx) => {
  const { amount, totalRefunded } = refund;
  if (amount.amount <= 0n) {
    ctx.addIssue({
      code: "custom",
      path: ["amount", "amount"],
      message: "must be more than zero",
      input: amount.amount,
    });
  }
  if (totalRefunded.currency !== amount.currency) {
    ctx.addIssue({
      code: "custom",
      path: ["totalRefunded", "currency"],
      message:
        `must be the refund's currency '${amount.currency}', not '${totalRefunded.currency}'`,
      input: totalRefunded.currency,
    });
  } else if (totalRefunded.amount < amount.amount) {
    ctx.addIssue({
      code: "custom",
      path: ["totalRefunded", "amount"],
      message: "must include this refund's amount",
      input: totalRefunded.amount,
    });
  }
});
/** `order_refunded` (see the schema of the same name). */
export type OrderRefundedPayload = z.input<typeof OrderRefundedPayload>;

/**
 * `low_stock`: an alert to the store's staff that a SKU's available stock
 * fell to its alert threshold or below (`available: 0` is sold out).
 * `name` is the staff member's, when the alert goes to one person; without
 * it the email greets the team.
 */
export const LowStockPayload = z.object({
  name: Name.optional(),
  sku: z.string().trim().min(1).max(100),
  productName: z.string().trim().min(1).max(300),
  available: z.number().int().nonnegative().max(1_000_000_000),
  threshold: z.number().int().nonnegative().max(1_000_000_000),
  adminUrl: EmailUrl,
});
/** `low_stock` (see the schema of the same name). */
export type LowStockPayload = z.input<typeof LowStockPayload>;

/** Every template's payload schema, by notification kind. */
export const EMAIL_PAYLOADS = {
  verify_email: VerifyEmailPayload,
  password_reset: PasswordResetPayload,
  welcome: WelcomePayload,
  order_placed: OrderPlacedPayload,
  order_paid: OrderPaidPayload,
  order_shipped: OrderShippedPayload,
  order_cancelled: OrderCancelledPayload,
  order_refunded: OrderRefundedPayload,
  low_stock: LowStockPayload,
} as const;

/** A notification kind that has an email template. */
export type EmailKind = keyof typeof EMAIL_PAYLOADS;

/** Whether a template renders notifications of `kind`. */
export function isEmailKind(kind: string): kind is EmailKind {
  return Object.hasOwn(EMAIL_PAYLOADS, kind);
}
