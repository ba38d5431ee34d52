/**
 * PayPal (Orders v2) as a payment gateway: see `gateway.ts`. The fake
 * PayPal server (`_fake.ts`) is exported for tests elsewhere; it loads its
 * certificate library only when a test makes a signing identity.
 *
 * @module
 */
export {
  PAYPAL_GATEWAY,
  PAYPAL_LIVE_API_URL,
  PayPalGateway,
  type PayPalGatewayOptions,
  type PayPalMethod,
} from "./gateway.ts";
export {
  fromPayPalAmount,
  PAYPAL_ZERO_DECIMAL_CURRENCIES,
  type PayPalAmount,
  paypalDecimals,
  toPayPalAmount,
} from "./amount.ts";
export {
  isPayPalCertUrl,
  PAYPAL_AUTH_ALGO,
  PAYPAL_CERT_HOSTS,
  PAYPAL_SIGNATURE_HEADERS,
  PAYPAL_TOLERANCE_SECONDS,
} from "./signature.ts";
export {
  createPayPalIdentity,
  FAKE_CERT_ORIGIN,
  type FakeCall,
  type FakeCaptureOutcome,
  type FakeDelivery,
  type FakeDeliveryOptions,
  type FakeDeliveryTarget,
  FakePayPal,
  type FakePayPalEvent,
  type FakePayPalIdentity,
  type FakePayPalOptions,
} from "./_fake.ts";
