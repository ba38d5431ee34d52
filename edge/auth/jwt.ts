/**
 * Short-lived access tokens: signing keys, key sets with rotation, a public
 * JWKS, and signing and verification of compact JWTs.
 *
 * Everything here is a pure function over a key set handed in by the caller:
 * no configuration, no storage, no network. Verification picks the key by
 * `kid` and accepts only that key's own algorithm, so `alg: "none"` and
 * HS256-with-a-public-key confusion are refused before any cryptography runs.
 *
 * @module
 */
import {
  calculateJwkThumbprint,
  errors,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  jwtVerify,
  SignJWT,
} from "jose";
import { Unauthorized } from "../errors.ts";

export type { JWK } from "jose";

/** Signature algorithms this module signs and verifies with. */
export type SigningAlgorithm = "EdDSA" | "ES256";

/** A key that signs access tokens, plus its public half as a JWK. */
export interface SigningKey {
  /** The key id written into each token's header and the JWKS. */
  kid: string;
  /** The private key; only signing uses it. */
  privateKey: CryptoKey;
  /** The public key with `kid`, `alg` and `use: "sig"`, as published. */
  publicJwk: JWK;
}

/**
 * The keys of one issuer: the key that signs new tokens, and older public
 * keys that still verify tokens signed before the last rotation.
 */
export interface KeySet {
  /** Signs every new token; its public key verifies too. */
  current: SigningKey;
  /** Verification-only public keys of earlier signing keys. */
  previous?: readonly JWK[];
}

/** A JSON Web Key Set, as served at `/.well-known/jwks.json`. */
export interface Jwks {
  /** The public keys, each with `kid`, `alg` and `use: "sig"`. */
  keys: JWK[];
}

/** What a verified access token says about its bearer. */
export interface AccessTokenClaims {
  /** The account id. */
  sub: string;
  /** The account's roles when the token was issued. */
  roles: string[];
  /** The session the token was issued for, when there is one. */
  sid?: string;
  /** Expiry, in seconds since the epoch. */
  exp: number;
}

/** Why a token was refused; logged, and telling a client whether to refresh. */
export type InvalidTokenReason =
  | "malformed"
  | "bad_signature"
  | "unknown_key"
  | "wrong_algorithm"
  | "wrong_type"
  | "expired"
  | "not_yet_valid"
  | "wrong_issuer"
  | "wrong_audience";

/** Issuer written into and expected from tokens unless told otherwise. */
export const DEFAULT_ISSUER = "globex-store";
/** Audience written into and expected from tokens unless told otherwise. */
export const DEFAULT_AUDIENCE = "globex-store";
/** Lifetime of an access token unless told otherwise: 15 minutes. */
export const DEFAULT_EXPIRES_IN_SECONDS = 900;
/** Clock skew tolerated between the signer and a verifying edge instance. */
export const CLOCK_TOLERANCE_SECONDS = 30;

// A real access token is a few hundred bytes; refusing huge input early keeps
// junk from costing base64 and JSON work.
const MAX_TOKEN_LENGTH = 8192;
const TOKEN_TYPE = "JWT";

/**
 * An access token that cannot be trusted. Answers 401 with code
 * `invalid_token`; `reason` says which check failed, for logs and for the
 * client to tell an expired token (refresh) from a forged one.
 */
export class InvalidTokenError extends Unauthorized {
  /** Always `invalid_token`, as in RFC 6750's `WWW-Authenticate` error. */
  override readonly code = "invalid_token";
  /** Which check refused the token. */
  readonly reason: InvalidTokenReason;

  /** A refusal for `reason`; `cause` keeps jose's error for the logs. */
  constructor(reason: InvalidTokenReason, cause?: unknown) {
    super(
      reason === "expired"
        ? "The access token has expired"
        : "The access token is not valid",
    );
    this.reason = reason;
    if (cause !== undefined) this.cause = cause;
  }
}

/**
 * Generate a fresh signing key: Ed25519 (`EdDSA`) by default, or P-256
 * (`ES256`) for verifiers without Ed25519. The private key is extractable so
 * `exportSigningKey()` can store it; `kid` defaults to the RFC 7638 thumbprint
 * of the public key.
 */
export async function generateSigningKey(
  kid?: string,
  options: { alg?: SigningAlgorithm } = {},
): Promise<SigningKey> {
  const alg = options.alg ?? "EdDSA";
  const { privateKey, publicKey } = alg === "EdDSA"
    ? await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true })
    : await generateKeyPair("ES256", { extractable: true });
  const jwk = await exportJWK(publicKey);
  const id = kid ?? await calculateJwkThumbprint(jwk);
  return {
    kid: id,
    privateKey,
    publicJwk: { ...jwk, kid: id, alg, use: "sig" },
  };
}

/**
 * Rebuild a signing key from the private JWK that `exportSigningKey()`
 * produced (parsed from JSON). Throws a `TypeError` when the JWK has no `kid`,
 * no private part, or a key type this module does not sign with.
 */
export async function importSigningKey(privateJwk: JWK): Promise<SigningKey> {
  const { kid, d } = privateJwk;
  if (typeof kid !== "string" || kid === "") {
    throw new TypeError("Cannot import a signing key without a 'kid'");
  }
  if (typeof d !== "string") {
    throw new TypeError(`Cannot import signing key '${kid}': no private part`);
  }
  const alg = algorithmOf(privateJwk);
  if (alg === undefined) {
    throw new TypeError(
      `Cannot import signing key '${kid}': unsupported key type '${privateJwk.kty}'`,
    );
  }
  const privateKey = await importJWK({ ...privateJwk, alg }, alg, {
    extractable: true,
  });
  if (!(privateKey instanceof CryptoKey)) {
    throw new TypeError(`Cannot import signing key '${kid}': not a key pair`);
  }
  return { kid, privateKey, publicJwk: publicPart(privateJwk, alg) };
}

/**
 * The private JWK of a signing key, with `kid`, `alg` and `use`, ready to be
 * stored as JSON (an environment variable, a secret store, a table). This is
 * secret material: never publish or log it.
 */
export async function exportSigningKey(key: SigningKey): Promise<JWK> {
  const jwk = await exportJWK(key.privateKey);
  const alg = key.publicJwk.alg ?? algorithmOf(jwk);
  return { ...jwk, kid: key.kid, alg, use: "sig" };
}

/**
 * Rotate: `next` becomes the signing key and the old current key joins the
 * verification-only keys, so tokens it signed stay valid until they expire.
 * Drop it from `previous` once the longest token lifetime has passed.
 */
export function rotateKeys(keySet: KeySet, next: SigningKey): KeySet {
  return {
    current: next,
    previous: [keySet.current.publicJwk, ...(keySet.previous ?? [])],
  };
}

/**
 * The public JWKS of a key set, for `/.well-known/jwks.json`: every key with
 * `kid`, `alg` and `use: "sig"`, and only public members, whatever the key
 * set holds.
 */
export function jwks(keySet: KeySet): Jwks {
  return {
    keys: [keySet.current.publicJwk, ...(keySet.previous ?? [])].flatMap(
      (jwk) => {
        const alg = algorithmOf(jwk);
        return alg === undefined || jwk.kid === undefined
          ? []
          : [publicPart(jwk, alg)];
      },
    ),
  };
}

/**
 * Sign an access token for `sub` with the key set's current key: a compact
 * JWS with header `{ alg, kid, typ: "JWT" }` and claims `sub`, `roles`,
 * `sid` (when given), `iat`, `exp`, `iss` and `aud`. `now` is injectable for
 * tests; the lifetime defaults to 15 minutes.
 */
export function signAccessToken(
  keySet: KeySet,
  options: {
    sub: string;
    roles: readonly string[];
    sessionId?: string;
    expiresInSeconds?: number;
    now?: Date;
    issuer?: string;
    audience?: string;
  },
): Promise<string> {
  const { current } = keySet;
  const alg = current.publicJwk.alg ?? algorithmOf(current.publicJwk);
  if (alg === undefined) {
    throw new TypeError(`Signing key '${current.kid}' has no usable algorithm`);
  }
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const claims: Record<string, unknown> = { roles: [...options.roles] };
  if (options.sessionId !== undefined) claims.sid = options.sessionId;
  return new SignJWT(claims)
    .setProtectedHeader({ alg, kid: current.kid, typ: TOKEN_TYPE })
    .setSubject(options.sub)
    .setIssuer(options.issuer ?? DEFAULT_ISSUER)
    .setAudience(options.audience ?? DEFAULT_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(
      iat + (options.expiresInSeconds ?? DEFAULT_EXPIRES_IN_SECONDS),
    )
    .sign(current.privateKey);
}

/**
 * Verify an access token against a key set or a public JWKS, with no I/O.
 * The key is chosen by `kid` and only its own algorithm is accepted; `exp`,
 * `iat` and `sub` are required, `iss` and `aud` must match, and clocks may
 * differ by 30 seconds. Throws `InvalidTokenError` for every bad token, never
 * another error.
 */
export async function verifyAccessToken(
  keys: KeySet | Jwks,
  token: string,
  options: { now?: Date; issuer?: string; audience?: string } = {},
): Promise<AccessTokenClaims> {
  if (typeof token !== "string" || token.length > MAX_TOKEN_LENGTH) {
    throw new InvalidTokenError("malformed");
  }
  const header = readHeader(token);
  const jwk = findKey(keys, header.kid);
  if (jwk === undefined) throw new InvalidTokenError("unknown_key");
  const alg = algorithmOf(jwk);
  if (alg === undefined) throw new InvalidTokenError("unknown_key");
  if (header.alg !== alg) throw new InvalidTokenError("wrong_algorithm");

  let key;
  try {
    key = await publicKeyOf(jwk, alg);
  } catch (error) {
    // A JWKS entry that is not a valid key cannot vouch for anything.
    throw new InvalidTokenError("unknown_key", error);
  }

  const now = options.now ?? new Date();
  let payload;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: [alg],
      typ: TOKEN_TYPE,
      issuer: options.issuer ?? DEFAULT_ISSUER,
      audience: options.audience ?? DEFAULT_AUDIENCE,
      currentDate: now,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ["exp", "iat", "sub"],
    }));
  } catch (error) {
    throw new InvalidTokenError(reasonOf(error), error);
  }

  const { sub, roles, sid, exp, iat } = payload;
  // jose checks `iat` is a number but, without maxTokenAge, not that it is in
  // the past: a token "issued" tomorrow would outlive its stated lifetime.
  if (
    typeof iat === "number" &&
    iat > now.getTime() / 1000 + CLOCK_TOLERANCE_SECONDS
  ) {
    throw new InvalidTokenError("not_yet_valid");
  }
  if (
    typeof sub !== "string" || sub === "" || typeof exp !== "number" ||
    !isStringArray(roles) || (sid !== undefined && typeof sid !== "string")
  ) {
    throw new InvalidTokenError("malformed");
  }
  return sid === undefined
    ? { sub, roles, exp }
    : { sub, roles, sid: sid as string, exp };
}

function readHeader(token: string): { alg: unknown; kid: unknown } {
  const parts = token.split(".");
  if (parts.length !== 3) throw new InvalidTokenError("malformed");
  try {
    const json = new TextDecoder("utf-8", { fatal: true }).decode(
      base64UrlDecode(parts[0]),
    );
    const header: unknown = JSON.parse(json);
    if (
      typeof header !== "object" || header === null || Array.isArray(header)
    ) {
      throw new TypeError("Header is not an object");
    }
    const { alg, kid } = header as Record<string, unknown>;
    return { alg, kid };
  } catch (error) {
    throw new InvalidTokenError("malformed", error);
  }
}

function base64UrlDecode(input: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]+$/.test(input)) {
    throw new TypeError("Not base64url");
  }
  const base64 = input.replaceAll("-", "+").replaceAll("_", "/");
  return Uint8Array.from(
    atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, "=")),
    (c) => c.charCodeAt(0),
  );
}

function findKey(keys: KeySet | Jwks, kid: unknown): JWK | undefined {
  if (typeof kid !== "string") return undefined;
  const candidates = "keys" in keys
    ? keys.keys
    : [keys.current.publicJwk, ...(keys.previous ?? [])];
  return candidates.find((jwk) => jwk.kid === kid && jwk.use !== "enc");
}

// The algorithm a key is for, from its own `alg` or, failing that, its curve.
// Only keys this module signs with are usable: an RSA or symmetric key in a
// JWKS is never picked, whatever a token's header claims.
function algorithmOf(jwk: JWK): SigningAlgorithm | undefined {
  const byCurve = jwk.kty === "OKP" && jwk.crv === "Ed25519"
    ? "EdDSA"
    : jwk.kty === "EC" && jwk.crv === "P-256"
    ? "ES256"
    : undefined;
  if (byCurve === undefined) return undefined;
  if (jwk.alg === undefined || jwk.alg === byCurve) return byCurve;
  // RFC 9864 names Ed25519 by its own algorithm identifier.
  if (byCurve === "EdDSA" && jwk.alg === "Ed25519") return byCurve;
  return undefined;
}

function publicPart(jwk: JWK, alg: SigningAlgorithm): JWK {
  const { kty, crv, x, y, kid } = jwk;
  return y === undefined
    ? { kty, crv, x, kid, alg, use: "sig" }
    : { kty, crv, x, y, kid, alg, use: "sig" };
}

// Importing a key is async WebCrypto work; doing it once per JWK object keeps
// the hot path to one signature check. Weak keys: a dropped key set frees it.
const importedKeys = new WeakMap<JWK, Promise<CryptoKey>>();

function publicKeyOf(jwk: JWK, alg: SigningAlgorithm): Promise<CryptoKey> {
  let key = importedKeys.get(jwk);
  if (key === undefined) {
    key = importJWK(publicPart(jwk, alg), alg) as Promise<CryptoKey>;
    // A key that fails to import must not stay cached as a rejection.
    key.catch(() => importedKeys.delete(jwk));
    importedKeys.set(jwk, key);
  }
  return key;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === "string");
}

function reasonOf(error: unknown): InvalidTokenReason {
  if (error instanceof errors.JWTExpired) return "expired";
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return "bad_signature";
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return "wrong_algorithm";
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case "iss":
        return "wrong_issuer";
      case "aud":
        return "wrong_audience";
      case "typ":
        return "wrong_type";
      case "nbf":
        return error.reason === "check_failed" ? "not_yet_valid" : "malformed";
    }
  }
  return "malformed";
}
