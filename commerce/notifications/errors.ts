/**
 * The notifications module's error classes.
 *
 * @module
 */

/**
 * An email provider did not accept a message. `retryable` says whether
 * sending the same message again later may succeed: network failures,
 * timeouts, 429 and 5xx answers may; any other 4xx (a bad key, a rejected
 * address, a malformed request) will not, and the outbox gives up on it at
 * once. `retryAfterMs` carries a provider's `Retry-After` when it sent one.
 */
export class EmailDeliveryError extends Error {
  /** The `name` of the provider that failed. */
  readonly provider: string;
  /** The HTTP status of the provider's answer, when it answered. */
  readonly status?: number;
  /** Whether a later attempt may succeed. */
  readonly retryable: boolean;
  /** How long the provider asked us to wait, when it said. */
  readonly retryAfterMs?: number;

  constructor(
    message: string,
    options: {
      provider: string;
      retryable: boolean;
      status?: number;
      retryAfterMs?: number;
      cause?: unknown;
    },
  ) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.provider = options.provider;
    this.status = options.status;
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/**
 * Whether a failure to send may go away by itself. Provider errors say so
 * themselves; anything else (a timeout, a network stack's error, a bug in a
 * custom provider) is worth another attempt, bounded by `maxAttempts`.
 */
export function isRetryable(error: unknown): boolean {
  return error instanceof EmailDeliveryError ? error.retryable : true;
}
