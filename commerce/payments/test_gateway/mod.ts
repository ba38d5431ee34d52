/**
 * The built-in test gateway: a simulated card processor with signed,
 * deliberately unruly webhooks. See `gateway.ts`.
 *
 * @module
 */
export {
  challengeUrl,
  TEST_GATEWAY,
  TestGateway,
  type TestGatewayOptions,
  type TestPayment,
} from "./gateway.ts";
export { parseCard, type ParsedCard, TEST_CARDS, TestCard } from "./cards.ts";
export {
  type ChaosOptions,
  type Deliver,
  type DeliveryTarget,
} from "./delivery.ts";
export {
  SIGNATURE_HEADER,
  SIGNATURE_TOLERANCE_SECONDS,
  signatureHeader,
  verifySignature,
} from "./signature.ts";
