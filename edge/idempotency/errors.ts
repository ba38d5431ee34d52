/**
 * The error classes of idempotent requests, thrown by the middleware and
 * mapped to HTTP by `edge/errors.ts` like every other {@link AppError}.
 *
 * @module
 */
import { AppError } from "../errors.ts";

/**
 * An `Idempotency-Key` was sent again with a different request (another
 * body, method or path) than the one it was first used for (422
 * `idempotency_key_reused`). The client must pick a new key for a new
 * request; nothing ran.
 */
export class IdempotencyKeyReused extends AppError {
  /** The key that was reused. */
  readonly key: string;

  constructor(key: string, options?: { cause?: unknown }) {
    super(
      `Idempotency key '${key}' was already used for a different request`,
      { status: 422, code: "idempotency_key_reused", cause: options?.cause },
    );
    this.key = key;
  }
}

/**
 * The first request with this `Idempotency-Key` is still running (409
 * `idempotency_in_progress`): the client should retry after
 * {@link IdempotencyKeyInProgress.retryAfterSeconds}, when it will get the
 * first request's response. Nothing ran.
 */
export class IdempotencyKeyInProgress extends AppError {
  /** The key whose first request is still running. */
  readonly key: string;
  /** Seconds the client should wait, sent as `Retry-After`. */
  readonly retryAfterSeconds: number;

  constructor(key: string, retryAfterSeconds = 1) {
    super(
      `A request with idempotency key '${key}' is still in progress; retry shortly`,
      { status: 409, code: "idempotency_in_progress" },
    );
    this.key = key;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
