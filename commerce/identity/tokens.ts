import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js";
import { timingSafeEqual } from "./_constant_time.ts";

/** How many random bytes an opaque token carries (256 bits). */
export const OPAQUE_TOKEN_BYTES = 32;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const HASH_PATTERN = /^[0-9a-fA-F]{64}$/;

/**
 * Makes a new opaque token: 32 bytes from the system's CSPRNG as unpadded
 * base64url, 43 characters safe in URLs, cookies and headers. It backs
 * refresh, email-verification and password-reset tokens: the token goes to
 * the user once, and only `hashToken(token)` is stored.
 */
export function newOpaqueToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(OPAQUE_TOKEN_BYTES));
  return bytes.toBase64({ alphabet: "base64url", omitPadding: true });
}

/**
 * Tells whether a value has the shape `newOpaqueToken` produces, so a route
 * can refuse garbage before it reaches the database. It says nothing about
 * whether such a token was ever issued.
 */
export function isOpaqueToken(value: unknown): value is string {
  return typeof value === "string" && TOKEN_PATTERN.test(value);
}

/**
 * Hashes a token for storage and lookup: SHA-256 of its UTF-8 bytes as 64
 * lowercase hex characters. Synchronous and deterministic, so the hash of a
 * presented token can be looked up by equality in an indexed column. A plain
 * hash without salt is enough here because tokens are 256-bit random values,
 * not guessable secrets like passwords.
 */
export function hashToken(token: string): string {
  return bytesToHex(digest(token));
}

/**
 * Tells whether a presented token is the one whose `hashToken` was stored,
 * comparing the hashes in constant time. Anything unusable (a non-string, a
 * stored value that is not a 64-hex-digit hash) answers `false`; it never
 * throws.
 */
export function tokenMatches(token: string, storedHash: string): boolean {
  if (typeof token !== "string" || typeof storedHash !== "string") {
    return false;
  }
  if (!HASH_PATTERN.test(storedHash)) return false;
  return timingSafeEqual(digest(token), hexToBytes(storedHash.toLowerCase()));
}

function digest(token: string): Uint8Array {
  return sha256(new TextEncoder().encode(token));
}
