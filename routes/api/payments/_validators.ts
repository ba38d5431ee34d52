import { z } from "zod";

/**
 * A path of this store (`/de/orders/…`): never another origin, a
 * protocol-relative `//host` or a backslash trick.
 */
export const LocalPath = z.string().max(2000).regex(
  /^\/(?![/\\])[\x21-\x5B\x5D-\x7E]*$/,
  "must be a path on this store",
);

/** `POST /api/payments/process`. */
export const ProcessPaymentBody = z.object({
  orderId: z.uuid(),
  gateway: z.string().regex(/^[a-z0-9_]{1,50}$/),
  // Gateway-specific (the test gateway: a card); the gateway's adapter
  // validates it strictly.
  method: z.record(z.string(), z.unknown()).optional(),
  returnUrl: LocalPath.optional(),
}).strict();

/** `POST /api/payments/process`. */
export type ProcessPaymentBody = z.infer<typeof ProcessPaymentBody>;
