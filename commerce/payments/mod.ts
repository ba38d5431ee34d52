/**
 * Payments: taking an order's money through a gateway and learning the
 * outcome from the gateway's signed webhooks. The module owns the
 * `payments` schema; other modules use only this file.
 *
 * - `PaymentGateway` (`gateway.ts`) is the adapter contract; the built-in
 *   `TestGateway` simulates a card processor (3-D Secure, declines and
 *   unruly webhooks included).
 * - `createPaymentGateways` enables gateways from the configuration;
 *   `PaymentGateways.gatewaysFor` is what checkout offers.
 * - `processPayment` records a transaction, then asks the gateway.
 * - `handleWebhook` verifies, de-duplicates and applies webhooks; only it
 *   marks orders paid. `replayWebhookEvent` applies a stored one again.
 * - `refundOrder` gives money back (an admin's), `retryPendingRefunds`
 *   sends refunds whose call failed; `reconciliationReport` sums a day.
 * - `webhookFailures` counts the inbox events that need a person, for the
 *   dashboard.
 * - Every gateway sits behind a `ResilientGateway` (deadlines, retries, a
 *   circuit breaker); `MARKET_RULES` say which gateway takes which market.
 *
 * @module
 */
export {
  ChallengeNotPending,
  GatewayCircuitOpen,
  GatewayError,
  GatewayRefused,
  GatewayTransientError,
  GatewayUnavailable,
  InvalidPaymentMethod,
  InvalidWebhookPayload,
  InvalidWebhookSignature,
  type NotPayableReason,
  OrderNotPayable,
  OrderNotRefundable,
  RefundExceedsCaptured,
  type SignatureProblem,
} from "./errors.ts";
export {
  type CompletePaymentRequest,
  type CreatePaymentRequest,
  type CreatePaymentResult,
  GATEWAY_EVENT_TYPES,
  type GatewayEvent,
  type GatewayEventType,
  type GatewayPaymentStatus,
  type NextAction,
  type PaymentGateway,
  type RefundRequest,
  type RefundResult,
  type WebhookRequest,
} from "./gateway.ts";
export {
  completePayment,
  completionPath,
  type PaymentDeps,
  processPayment,
} from "./process.ts";
export {
  canAdvance,
  latestPayment,
  type PaymentSummary,
  pendingAction,
  type StoredWebhookEvent,
  TRANSACTION_MOVES,
  transactionById,
  transactionsOf,
  webhookEvents,
} from "./queries.ts";
export {
  WEBHOOK_FAILURE_OUTCOMES,
  type WebhookFailureOutcome,
  type WebhookFailures,
  webhookFailures,
} from "./health.ts";
export { PaymentGateways } from "./registry.ts";
export { type ResilienceOptions, ResilientGateway } from "./resilient.ts";
export {
  AUTOMATIC_REFUND_ACTOR,
  REFUND_RETRY_MINUTES,
  refundOrder,
  type RefundOrderInput,
  type RefundView,
  retryPendingRefunds,
} from "./refund.ts";
export { allowsMarket, type Market, MARKET_RULES } from "./markets.ts";
export {
  type ReconciliationReport,
  reconciliationReport,
} from "./reconciliation.ts";
export {
  challengeUrl,
  type ChaosOptions,
  type Deliver,
  type DeliveryTarget,
  type ParsedCard,
  SIGNATURE_HEADER,
  SIGNATURE_TOLERANCE_SECONDS,
  signatureHeader,
  TEST_CARDS,
  TEST_GATEWAY,
  TestCard,
  TestGateway,
  type TestGatewayOptions,
  type TestPayment,
  verifySignature,
} from "./test_gateway/mod.ts";
export {
  handleWebhook,
  replayWebhookEvent,
  type WebhookDeps,
  type WebhookInput,
} from "./webhook.ts";
export * from "./types.ts";
export { cancelUnpaidOrder, refuseWhilePaymentMayMove } from "./cancel.ts";
