/**
 * Stripe's answers in the store's terms: a PaymentIntent as a
 * {@link CreatePaymentResult}, a Refund as a {@link RefundResult}, and the
 * SDK's errors sorted into the payments module's two failure kinds.
 *
 * @module
 */
import Stripe from "stripe";
import { GatewayRefused, GatewayTransientError } from "../errors.ts";
import type {
  CancelPaymentResult,
  CreatePaymentResult,
  RefundResult,
} from "../gateway.ts";
import type { StripeMethod } from "./method.ts";

/**
 * The result of a PaymentIntent just created (and, with a PaymentMethod,
 * confirmed). With the Payment Element nothing is charged yet: the shopper
 * confirms in the browser (`confirm_in_browser`). Confirmed server-side,
 * `succeeded` is taken; `processing`, `requires_capture` and
 * `requires_confirmation` are in flight (webhooks settle them); a
 * `redirect_to_url` next action is a `redirect` (3-D Secure), any other
 * next action (`use_stripe_sdk`...) is finished by Stripe.js in the
 * browser; a PaymentIntent back at `requires_payment_method` or `canceled`
 * failed, with the last error's `decline_code ?? code`.
 */
export function paymentResult(
  intent: Stripe.PaymentIntent,
  options: { mode: StripeMethod["type"]; publishableKey: string },
): CreatePaymentResult {
  const base = { gatewayTransactionId: intent.id, raw: plain(intent) };
  const inBrowser = (): CreatePaymentResult => {
    if (!intent.client_secret) {
      throw new Error(
        `Stripe answered PaymentIntent '${intent.id}' without a client secret`,
      );
    }
    return {
      ...base,
      status: "requires_action",
      nextAction: {
        type: "confirm_in_browser",
        clientSecret: intent.client_secret,
        publishableKey: options.publishableKey,
      },
    };
  };
  const failed = (fallback: string): CreatePaymentResult => ({
    ...base,
    status: "failed",
    failureCode: intent.last_payment_error?.decline_code ??
      intent.last_payment_error?.code ?? fallback,
  });
  if (options.mode === "payment_element") {
    switch (intent.status) {
      case "succeeded":
        return { ...base, status: "succeeded" };
      case "processing":
      case "requires_capture":
        return { ...base, status: "processing" };
      case "canceled":
        return failed(intent.cancellation_reason ?? "canceled");
      default:
        return inBrowser();
    }
  }
  switch (intent.status) {
    case "succeeded":
      return { ...base, status: "succeeded" };
    case "requires_action": {
      const url = intent.next_action?.redirect_to_url?.url;
      return url
        ? {
          ...base,
          status: "requires_action",
          nextAction: { type: "redirect", url },
        }
        : inBrowser();
    }
    case "requires_payment_method":
      return failed("payment_failed");
    case "canceled":
      return failed(intent.cancellation_reason ?? "canceled");
    default:
      // processing, requires_capture, requires_confirmation and any status
      // Stripe adds later: in flight, the webhooks tell how it ends.
      return { ...base, status: "processing" };
  }
}

/**
 * What a PaymentIntent's status means once a cancel was asked for:
 * `canceled` is `cancelled`; `succeeded` and `processing` are
 * `already_paid`; `undefined` for a status cancel should have closed.
 */
export function cancelOutcome(
  status: string,
): CancelPaymentResult | undefined {
  switch (status) {
    case "canceled":
      return "cancelled";
    case "succeeded":
    // Stripe cannot cancel most payments once processing (a card being
    // captured, a bank debit on its way): the money may be moving, and
    // `payment_intent.succeeded` or `payment_failed` will tell. Calling it
    // cancelled would let a second attempt charge the shopper again.
    case "processing":
      return "already_paid";
    default:
      return undefined;
  }
}

/**
 * The result of a card error on a server-side confirm (HTTP 402): the
 * PaymentIntent it names failed with `decline_code ?? code`. `undefined`
 * when the error names no PaymentIntent (nothing was created to record).
 */
export function declinedResult(
  error: InstanceType<typeof Stripe.errors.StripeCardError>,
): CreatePaymentResult | undefined {
  const intent = error.payment_intent;
  if (!intent?.id) return undefined;
  return {
    gatewayTransactionId: intent.id,
    status: "failed",
    failureCode: error.decline_code ?? error.code ?? "card_declined",
    raw: { error: errorBody(error) },
  };
}

/**
 * The result of a created refund: `succeeded`, `pending` (and
 * `requires_action`) as `processing`, `failed` and `canceled` as `failed`
 * with Stripe's `failure_reason`.
 */
export function refundResult(refund: Stripe.Refund): RefundResult {
  const base = { gatewayTransactionId: refund.id, raw: plain(refund) };
  switch (refund.status) {
    case "succeeded":
      return { ...base, status: "succeeded" };
    case "failed":
    case "canceled":
      return {
        ...base,
        status: "failed",
        failureCode: refund.failure_reason ?? refund.status,
      };
    default:
      return { ...base, status: "processing" };
  }
}

/**
 * Sort an error the SDK threw: the network, a timeout or an abort, a 429,
 * a 5xx or a 409 (a request still running under the same idempotency
 * key) is a {@link GatewayTransientError}; any other 4xx (a bad request, a
 * refund beyond what is left, a wrong key, an idempotency key reused with
 * other parameters) a {@link GatewayRefused} with Stripe's `code` (or
 * error `type`). Anything else is returned as it is.
 */
export function gatewayFailure(gateway: string, error: unknown): unknown {
  const errors = Stripe.errors;
  if (error instanceof errors.StripeConnectionError) {
    return new GatewayTransientError(
      gateway,
      `Payment gateway '${gateway}' could not be reached`,
      { cause: error },
    );
  }
  if (!(error instanceof errors.StripeError)) return error;
  const status = error.statusCode;
  if (
    error instanceof errors.StripeRateLimitError ||
    (error instanceof errors.StripeAPIError &&
      (status === undefined || status >= 500 || status === 409))
  ) {
    return new GatewayTransientError(
      gateway,
      `Payment gateway '${gateway}' answered ${status ?? "an error"}`,
      { status, cause: error },
    );
  }
  if (status !== undefined && status >= 400 && status < 500) {
    return new GatewayRefused(gateway, {
      gatewayCode: error.code ?? error.rawType ?? "refused",
      message: error.raw && typeof error.raw === "object" &&
          "message" in error.raw && typeof error.raw.message === "string"
        ? error.raw.message
        : undefined,
      cause: error,
    });
  }
  return error;
}

// Stripe's error as it came in the body, without what the SDK added.
function errorBody(
  error: InstanceType<typeof Stripe.errors.StripeError>,
): Record<string, unknown> {
  const raw = error.raw && typeof error.raw === "object"
    ? error.raw as Record<string, unknown>
    : {};
  const { headers: _h, statusCode: _s, requestId: _r, ...body } = raw;
  return body;
}

// The SDK's objects carry a non-enumerable `lastResponse`; keep the data.
function plain(object: object): Record<string, unknown> {
  return { ...object } as Record<string, unknown>;
}
