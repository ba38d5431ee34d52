/**
 * Stripe: PaymentIntents confirmed in the browser (Payment Element) or by
 * the server with a PaymentMethod and canceled when another attempt
 * replaces them, refunds, and signed webhooks, on the official SDK. See
 * `gateway.ts`; `FakeStripe` is a local stand-in for Stripe's API in tests.
 *
 * @module
 */
export {
  STRIPE_API_URL,
  STRIPE_GATEWAY,
  STRIPE_SIGNATURE_HEADER,
  StripeGateway,
  type StripeGatewayOptions,
} from "./gateway.ts";
export { parseStripeMethod, StripeMethod } from "./method.ts";
export {
  type Deliver,
  FAKE_PAYMENT_METHODS,
  type FakePaymentIntent,
  type FakeRefund,
  type FakeRequest,
  FakeStripe,
  type FakeStripeOptions,
  type FakeWebhook,
} from "./_fake.ts";
