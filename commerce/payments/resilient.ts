/**
 * Calling a gateway the way the design asks of every outside call: each
 * attempt under a deadline, transient failures retried with exponential
 * backoff and jitter, and a circuit breaker per gateway. While a breaker is
 * open the gateway is not called at all: calls fail fast with
 * {@link GatewayCircuitOpen} (503 with `Retry-After`) and the registry
 * hides it from checkout; the other gateways are untouched.
 *
 * Only transient failures (the network, a deadline, a 429 or 5xx) are
 * retried and count against the breaker. A refusal the gateway explains
 * (a 4xx) proves it is up: it is passed on at once and closes the
 * breaker; a refusal before any call (an amount the gateway cannot take)
 * leaves the breaker as it is. Retrying a create or refund is safe because every adapter
 * sends our transaction id as the gateway's idempotency key.
 *
 * @module
 */
import { AppError } from "../../edge/errors.ts";
import type { Logger } from "../../edge/logger.ts";
import {
  backoffDelay,
  CircuitBreaker,
  sleep,
  withDeadline,
} from "../../edge/resilience.ts";
import {
  GatewayCircuitOpen,
  GatewayRefused,
  GatewayTransientError,
} from "./errors.ts";
import type {
  CancelPaymentRequest,
  CancelPaymentResult,
  CompletePaymentRequest,
  CreatePaymentRequest,
  CreatePaymentResult,
  GatewayEvent,
  PaymentGateway,
  RefundRequest,
  RefundResult,
  WebhookRequest,
} from "./gateway.ts";

/** How hard to try a gateway (every field has a default). */
export interface ResilienceOptions {
  /** The deadline of one attempt, in ms (8 000). */
  attemptTimeoutMs?: number;
  /** Attempts after the first for a transient failure (2). */
  retries?: number;
  /** The first retry's delay in ms; each next one doubles, with jitter (200). */
  backoffMs?: number;
  /** Consecutive failed calls that open the breaker (5). */
  breakerThreshold?: number;
  /** How long an open breaker keeps the gateway off, in ms (30 000). */
  breakerCoolDownMs?: number;
  /** The breaker's clock (tests move it). */
  now?: () => number;
  logger?: Pick<Logger, "warn">;
}

/** Why an attempt's deadline passed. */
class AttemptTimedOut extends GatewayTransientError {
  constructor(gateway: string, ms: number) {
    super(
      gateway,
      `Payment gateway '${gateway}' did not answer within ${ms} ms`,
    );
    this.name = "AttemptTimedOut";
  }
}

/**
 * A gateway behind timeouts, retries and a circuit breaker. It is a
 * {@link PaymentGateway} itself, so the rest of the module never knows.
 */
export class ResilientGateway implements PaymentGateway {
  readonly name: string;
  readonly inner: PaymentGateway;
  readonly webhookAck?: { contentType: string; body: string };
  readonly #breaker: CircuitBreaker;
  readonly #attemptTimeoutMs: number;
  readonly #retries: number;
  readonly #backoffMs: number;
  readonly #logger?: Pick<Logger, "warn">;

  constructor(inner: PaymentGateway, options: ResilienceOptions = {}) {
    this.inner = inner;
    this.name = inner.name;
    this.webhookAck = inner.webhookAck;
    this.#breaker = new CircuitBreaker({
      threshold: options.breakerThreshold ?? 5,
      coolDownMs: options.breakerCoolDownMs ?? 30_000,
      now: options.now,
    });
    this.#attemptTimeoutMs = options.attemptTimeoutMs ?? 8_000;
    this.#retries = options.retries ?? 2;
    this.#backoffMs = options.backoffMs ?? 200;
    this.#logger = options.logger;
    if (inner.cancel) {
      const cancel = inner.cancel.bind(inner);
      this.cancel = (request: CancelPaymentRequest) =>
        this.#call(
          "cancel",
          request.signal,
          (signal) => cancel({ ...request, signal }),
        );
    }
    if (inner.complete) {
      const complete = inner.complete.bind(inner);
      this.complete = (request: CompletePaymentRequest) =>
        this.#call(
          "complete",
          request.signal,
          (signal) => complete({ ...request, signal }),
        );
    }
  }

  /** Whether the breaker lets calls through (the gateway is offered). */
  get available(): boolean {
    return this.#breaker.allows();
  }

  /** When an open breaker lets calls through again. */
  get retryAt(): Date {
    return this.#breaker.retryAt();
  }

  supports(where: { currency: string; country: string }): boolean {
    return this.inner.supports(where);
  }

  parseMethod(input: unknown): unknown {
    return this.inner.parseMethod(input);
  }

  createPayment(request: CreatePaymentRequest): Promise<CreatePaymentResult> {
    return this.#call(
      "createPayment",
      request.signal,
      (signal) => this.inner.createPayment({ ...request, signal }),
    );
  }

  refund(request: RefundRequest): Promise<RefundResult> {
    return this.#call(
      "refund",
      request.signal,
      (signal) => this.inner.refund({ ...request, signal }),
    );
  }

  complete?: (request: CompletePaymentRequest) => Promise<CreatePaymentResult>;

  cancel?: (request: CancelPaymentRequest) => Promise<CancelPaymentResult>;

  // Webhooks come to us: verifying them calls no gateway API (PayPal's
  // certificate fetch is cached and has a deadline of its own).
  parseWebhook(request: WebhookRequest): Promise<GatewayEvent | null> {
    return this.inner.parseWebhook(request);
  }

  close(): Promise<void> {
    return this.inner.close?.() ?? Promise.resolve();
  }

  async #call<T>(
    operation: string,
    outer: AbortSignal | undefined,
    work: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    if (!this.#breaker.allows()) {
      throw new GatewayCircuitOpen(this.name, this.#breaker.retryAt());
    }
    for (let attempt = 0;; attempt++) {
      try {
        const result = await this.#attempt(outer, work);
        this.#breaker.succeeded();
        return result;
      } catch (error) {
        if (error instanceof GatewayRefused) {
          // The gateway answered and said no: it is up.
          this.#breaker.succeeded();
          throw error;
        }
        // Refused before it reached the gateway (an amount it cannot take,
        // a bad method): says nothing about whether the gateway is up.
        if (error instanceof AppError) throw error;
        // Only a failure known to be transient is worth another try;
        // anything unexpected still counts against the gateway.
        const last = !(error instanceof GatewayTransientError) ||
          attempt >= this.#retries || Boolean(outer?.aborted);
        if (last) {
          this.#breaker.failed();
          if (!this.#breaker.allows()) {
            this.#logger?.warn("payment gateway circuit opened", {
              gateway: this.name,
              operation,
              retryAt: this.#breaker.retryAt().toISOString(),
              error,
            });
          }
          throw error;
        }
        await sleep(backoffDelay(attempt, this.#backoffMs));
      }
    }
  }

  // One attempt: aborted at its deadline or when the caller gives up.
  #attempt<T>(
    outer: AbortSignal | undefined,
    work: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const ms = this.#attemptTimeoutMs;
    return withDeadline(ms, work, {
      signal: outer,
      timeout: () => new AttemptTimedOut(this.name, ms),
    });
  }
}
