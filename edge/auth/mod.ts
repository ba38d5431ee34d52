/**
 * Access tokens verified at the edge without a database trip: short-lived
 * JWTs signed with Ed25519 (or P-256), a `kid` per key for rotation, and the
 * public keys as a JWKS for `/.well-known/jwks.json`.
 *
 * - `generateSigningKey()`, `importSigningKey()`, `exportSigningKey()`: make
 *   a key, and move its private JWK in and out of storage.
 * - `rotateKeys()`, `jwks()`: a key set's rotation and its public face.
 * - `signAccessToken()`, `verifyAccessToken()`: issue and check tokens; every
 *   refusal is an `InvalidTokenError` (401 `invalid_token`) with a `reason`.
 *
 * Pure functions over a key set the caller provides; where keys are stored
 * and which routes serve them is decided elsewhere. Each export is documented
 * where it is declared, in `jwt.ts`.
 *
 * @module
 */
export {
  CLOCK_TOLERANCE_SECONDS,
  DEFAULT_AUDIENCE,
  DEFAULT_EXPIRES_IN_SECONDS,
  DEFAULT_ISSUER,
  exportSigningKey,
  generateSigningKey,
  importSigningKey,
  InvalidTokenError,
  jwks,
  rotateKeys,
  signAccessToken,
  verifyAccessToken,
} from "./jwt.ts";
export type {
  AccessTokenClaims,
  InvalidTokenReason,
  JWK,
  Jwks,
  KeySet,
  SigningAlgorithm,
  SigningKey,
} from "./jwt.ts";
