/**
 * How a shopper pays through Stripe (`method` of a payment):
 *
 * - `{ type: "payment_element" }` (also nothing at all, the default): the
 *   store creates a PaymentIntent and the shopper confirms it on our page
 *   with Stripe's Payment Element, which takes the card itself;
 * - `{ type: "payment_method", paymentMethod: "pm_..." }`: a PaymentMethod
 *   made beforehand (Stripe.js, an API client, a test method such as
 *   `pm_card_visa`) is confirmed by the server at once.
 *
 * @module
 */
import { readMethod } from "../_method.ts";
import { z } from "zod";

/** A Stripe payment method input, as `parseStripeMethod` accepts it. */
export const StripeMethod = z.discriminatedUnion("type", [
  z.object({ type: z.literal("payment_element") }).strict(),
  z.object({
    type: z.literal("payment_method"),
    paymentMethod: z.string().regex(/^pm_[A-Za-z0-9_]{1,250}$/),
  }).strict(),
]);

/** A checked Stripe payment method input. */
export type StripeMethod = z.infer<typeof StripeMethod>;

/**
 * Check a Stripe payment method input; `undefined` or `null` means the
 * Payment Element. Throws `InvalidPaymentMethod` (400
 * `invalid_payment_method`) for anything else that is not one of the two
 * shapes.
 */
export function parseStripeMethod(input: unknown): StripeMethod {
  return readMethod(StripeMethod, input, {
    fallback: { type: "payment_element" },
    message:
      "Stripe takes { type: 'payment_element' } or { type: 'payment_method', paymentMethod: 'pm_...' }",
  });
}
