/**
 * The payments module's domain errors. Each carries its HTTP meaning (see
 * `edge/errors.ts`) and the structured fields a caller may branch on.
 *
 * @module
 */
import { AppError, Invalid, ServiceUnavailable } from "../../edge/errors.ts";

/** Why an order cannot be paid right now. */
export type NotPayableReason =
  | "status"
  | "reservation_expired"
  | "already_paid"
  | "payment_in_progress";

/**
 * The order is not waiting for payment: it is paid, cancelled or further
 * along, its stock reservation ran out, or a payment for it already went
 * through and its confirmation is on the way. 409 `order_not_payable`,
 * with the reason and the order's status in `details`.
 */
export class OrderNotPayable extends AppError {
  readonly orderId: string;
  readonly reason: NotPayableReason;

  constructor(
    options: {
      orderId: string;
      number: string;
      status: string;
      reason: NotPayableReason;
    },
  ) {
    const why = {
      status: `it is '${options.status}'`,
      reservation_expired: "its reservation has expired",
      already_paid: "a payment for it has already succeeded",
      payment_in_progress:
        "a payment for it is still being processed; wait for its outcome",
    }[options.reason];
    super(`Order '${options.number}' cannot be paid: ${why}`, {
      status: 409,
      code: "order_not_payable",
      details: { reason: options.reason, status: options.status },
    });
    this.orderId = options.orderId;
    this.reason = options.reason;
  }
}

/**
 * The gateway is not enabled in this store, or does not take the order's
 * currency or ship-to country: 400 `gateway_unavailable`.
 */
export class GatewayUnavailable extends Invalid {
  readonly gateway: string;

  constructor(
    options: { gateway: string; currency?: string; country?: string },
  ) {
    super(
      options.currency
        ? `Payment gateway '${options.gateway}' does not take ${options.currency} payments for ${options.country}`
        : `Payment gateway '${options.gateway}' is not available`,
      { code: "gateway_unavailable", details: { ...options } },
    );
    this.gateway = options.gateway;
  }
}

/**
 * The payment method given for a gateway is not one it can charge (a card
 * number failing the Luhn check, a missing field): 400, `invalid_card` for
 * cards, else `invalid_payment_method`. Raised before anything is stored
 * or sent.
 */
export class InvalidPaymentMethod extends Invalid {
  constructor(
    message: string,
    options: { code?: string; details?: unknown; cause?: unknown } = {},
  ) {
    super(message, {
      ...options,
      code: options.code ?? "invalid_payment_method",
    });
  }
}

/** Why a webhook failed verification. */
export type SignatureProblem =
  | "missing_header"
  | "malformed_header"
  | "signature_mismatch"
  | "stale_timestamp";

/**
 * A webhook whose signature is missing, malformed, wrong or too old: 400
 * `invalid_signature`. Nothing of it is stored; `reason` says which check
 * failed (for the log, not for the sender).
 */
export class InvalidWebhookSignature extends Invalid {
  readonly reason: SignatureProblem;

  constructor(reason: SignatureProblem) {
    super("The webhook signature could not be verified", {
      code: "invalid_signature",
    });
    this.reason = reason;
  }
}

/**
 * A correctly signed webhook whose body is not an event the gateway's
 * adapter understands: 400 `invalid_payload`, stored nowhere.
 */
export class InvalidWebhookPayload extends Invalid {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { code: "invalid_payload", cause: options.cause });
  }
}

/**
 * The gateway failed to answer (an error, a timeout, an outage): 503
 * `gateway_error` with `Retry-After`. The payment attempt is recorded as
 * failed; the shopper may try again.
 */
export class GatewayError extends ServiceUnavailable {
  override readonly code: string = "gateway_error";
  readonly gateway: string;

  constructor(gateway: string, options: { cause?: unknown } = {}) {
    super(
      `Payment gateway '${gateway}' did not complete the request; please try again`,
      5,
      options.cause,
    );
    this.gateway = gateway;
  }
}

/**
 * The test gateway's challenge page was asked about a payment that is not
 * waiting for the shopper (already approved, failed or never challenged):
 * 409 `challenge_not_pending`.
 */
export class ChallengeNotPending extends AppError {
  constructor(gatewayTransactionId: string, status: string) {
    super(
      `Payment '${gatewayTransactionId}' is not waiting for confirmation (it is '${status}')`,
      {
        status: 409,
        code: "challenge_not_pending",
        details: { status },
      },
    );
  }
}

/**
 * A gateway call failed in a way a retry may fix: the network, a timeout,
 * a 429 or a 5xx. The resilience wrapper retries these with backoff and
 * counts them towards the gateway's circuit breaker; the caller finally
 * sees a 503 `gateway_error`. `status` is the gateway's HTTP status, when
 * it answered at all.
 */
export class GatewayTransientError extends Error {
  readonly gateway: string;
  readonly status?: number;

  constructor(
    gateway: string,
    message: string,
    options: { status?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "GatewayTransientError";
    this.gateway = gateway;
    this.status = options.status;
  }
}

/**
 * The gateway refused a request and said why (a 4xx other than 429: a bad
 * amount, a refund beyond what is left, an unknown payment): 502
 * `gateway_refused`, with the gateway's own code in `details`. Not retried
 * and not held against the gateway's circuit breaker: the gateway is up.
 */
export class GatewayRefused extends AppError {
  readonly gateway: string;
  readonly gatewayCode: string;

  constructor(
    gateway: string,
    options: { gatewayCode: string; message?: string; cause?: unknown },
  ) {
    super(
      `Payment gateway '${gateway}' refused the request: ${
        options.message ?? options.gatewayCode
      }`,
      {
        status: 502,
        code: "gateway_refused",
        details: { gateway, gatewayCode: options.gatewayCode },
        cause: options.cause,
      },
    );
    this.gateway = gateway;
    this.gatewayCode = options.gatewayCode;
  }
}

/**
 * The gateway failed repeatedly and its circuit breaker is open: it is
 * not called until `retryAt`. 503 `gateway_circuit_open` with
 * `Retry-After`; the checkout hides the gateway meanwhile, and the other
 * gateways keep working.
 */
export class GatewayCircuitOpen extends ServiceUnavailable {
  override readonly code: string = "gateway_circuit_open";
  readonly gateway: string;
  readonly retryAt: Date;

  constructor(gateway: string, retryAt: Date) {
    super(
      `Payment gateway '${gateway}' is not answering right now; please try again after ${retryAt.toISOString()} or pay another way`,
      Math.max(1, Math.ceil((retryAt.getTime() - Date.now()) / 1000)),
    );
    this.gateway = gateway;
    this.retryAt = retryAt;
  }
}

/**
 * The order has no money to give back: it was never paid (or its payment
 * is not confirmed yet), or it is refunded in full already. 409
 * `order_not_refundable` with the order's status in `details`.
 */
export class OrderNotRefundable extends AppError {
  constructor(options: { number: string; status: string; why: string }) {
    super(`Order '${options.number}' cannot be refunded: ${options.why}`, {
      status: 409,
      code: "order_not_refundable",
      details: { status: options.status },
    });
  }
}

/**
 * A refund larger than what is left of the captured amount (refunds that
 * succeeded or may still succeed count): 409 `refund_exceeds_captured`,
 * with the captured, refunded and refundable amounts in `details`.
 */
export class RefundExceedsCaptured extends AppError {
  constructor(
    options: {
      number: string;
      requested: string;
      captured: string;
      refunded: string;
      refundable: string;
      currency: string;
    },
  ) {
    super(
      `Cannot refund ${options.requested} ${options.currency} on order '${options.number}': only ${options.refundable} ${options.currency} of ${options.captured} captured is left to refund`,
      {
        status: 409,
        code: "refund_exceeds_captured",
        details: {
          currency: options.currency,
          requested: options.requested,
          captured: options.captured,
          refunded: options.refunded,
          refundable: options.refundable,
        },
      },
    );
  }
}

/**
 * An error as a transaction row keeps it (`raw.error`): its name, code
 * when it has one, and message. Never a stack: rows are read by admins.
 */
export function errorJson(error: unknown): Record<string, unknown> {
  if (error instanceof AppError) {
    return { name: error.name, code: error.code, message: error.message };
  }
  if (error instanceof Error) {
    return { name: error.name, message: error.message };
  }
  return { message: String(error) };
}

/**
 * Whether a failed gateway call certainly moved no money: a refusal the
 * gateway explained (a 4xx), or one made before any call (bad input, an
 * open circuit). Anything else may have reached the gateway, so its
 * transaction stays pending for the webhook to settle.
 */
export function movedNoMoney(error: unknown): boolean {
  return error instanceof AppError &&
    (error.status < 500 || error instanceof GatewayRefused ||
      error instanceof GatewayCircuitOpen);
}
