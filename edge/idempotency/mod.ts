/**
 * `Idempotency-Key` support for the store's state-changing APIs: a client
 * that retries a POST, PUT, PATCH or DELETE with the same key gets the first
 * response again instead of placing a second order or charging twice.
 *
 * - {@link idempotency} is the middleware to mount on a route, after the
 *   authentication middleware. Keys are scoped to the caller (user, cart
 *   cookie or client IP), the method and the path, and kept 24 hours.
 * - The store functions own `api.idempotency_keys`;
 *   {@link purgeIdempotencyKeys} reclaims expired rows from a schedule.
 * - {@link IdempotencyKeyReused} (422) and {@link IdempotencyKeyInProgress}
 *   (409, `Retry-After: 1`) are what a misused or busy key answers.
 *
 * @module
 */
export { IdempotencyKeyInProgress, IdempotencyKeyReused } from "./errors.ts";
export {
  idempotency,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_REPLAYED_HEADER,
  type IdempotencyOptions,
} from "./middleware.ts";
export {
  claimIdempotencyKey,
  completeIdempotencyKey,
  DEFAULT_IDEMPOTENCY_TTL_HOURS,
  type IdempotencyClaim,
  type IdempotencyKeyId,
  IN_PROGRESS_LEASE_SECONDS,
  purgeIdempotencyKeys,
  releaseIdempotencyKey,
  type StoredResponse,
} from "./store.ts";
