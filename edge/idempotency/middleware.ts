/**
 * The `Idempotency-Key` middleware: a state-changing request sent again with
 * the same key gets the first response again instead of running twice.
 *
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { ContentfulStatusCode, StatusCode } from "hono/utils/http-status";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import type { AppEnv } from "../env.ts";
import { Invalid } from "../errors.ts";
import { clientIp } from "../middleware/rate_limit.ts";
import { IdempotencyKeyInProgress, IdempotencyKeyReused } from "./errors.ts";
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  DEFAULT_IDEMPOTENCY_TTL_HOURS,
  type IdempotencyKeyId,
  releaseIdempotencyKey,
  type StoredResponse,
} from "./store.ts";

/** The request header that carries the client's key. */
export const IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
/** The response header that marks a replayed response. */
export const IDEMPOTENCY_REPLAYED_HEADER = "Idempotency-Replayed";

/** Options of {@link idempotency}. */
export interface IdempotencyOptions {
  /** Methods the key applies to (`POST`, `PUT`, `PATCH`, `DELETE`). */
  methods?: readonly string[];
  /** Hours a key and its response are kept (24). */
  ttlHours?: number;
  /** The cookie that identifies an anonymous shopper's cart (`cart`). */
  cartCookie?: string;
  /**
   * Headers naming the client's IP behind the proxy, for anonymous callers
   * without a cart; see `clientIp()` in `edge/middleware/rate_limit.ts`.
   */
  clientIpHeaders?: readonly string[];
}

const DEFAULT_METHODS = ["POST", "PUT", "PATCH", "DELETE"];
// 1 to 255 printable ASCII characters, space included.
const VALID_KEY = /^[\x20-\x7e]{1,255}$/;
// What a replay needs to mean the same thing. Never `set-cookie`: it may
// carry a session or a token, which must not outlive the first response.
const REPLAYED_HEADERS = ["content-type", "location", "retry-after"];
// Responses that may not have a body, whatever was stored.
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * Make POST, PUT, PATCH and DELETE requests that carry an `Idempotency-Key`
 * header run at most once per caller, route and key for 24 hours. The first
 * request claims the key, runs, and its response (status, body and the
 * `Content-Type`, `Location` and `Retry-After` headers) is stored unless it
 * is a 5xx or a 429, in which case, as when the route throws, the claim is
 * released and a retry runs again. A retry of the same request (same method,
 * path, query and body) gets the stored response with `Idempotency-Replayed:
 * true`; one with another request is refused 422 `idempotency_key_reused`;
 * one that arrives while the first still runs gets 409
 * `idempotency_in_progress` with `Retry-After: 1`. A malformed key (not 1 to
 * 255 printable ASCII characters) is 400 `invalid_idempotency_key`.
 * Requests without the header, and other methods, pass untouched; an
 * answer that sets the cart cookie is never stored (its retry runs again).
 *
 * The caller is the signed-in user, else the `cart` cookie's shopper, else
 * the client IP, so two callers never share a key. Mount it after the
 * authentication middleware and on the routes it guards.
 */
export function idempotency(
  options: IdempotencyOptions = {},
): MiddlewareHandler<AppEnv> {
  const methods = new Set(
    (options.methods ?? DEFAULT_METHODS).map((m) => m.toUpperCase()),
  );
  const ttlHours = options.ttlHours ?? DEFAULT_IDEMPOTENCY_TTL_HOURS;
  const cartCookie = options.cartCookie ?? "cart";
  const ipHeaders = options.clientIpHeaders;
  if (!Number.isFinite(ttlHours) || ttlHours <= 0) {
    throw new RangeError(
      `Idempotency keys must be kept a positive number of hours, got '${ttlHours}'`,
    );
  }

  return async function idempotencyMiddleware(c, next) {
    const key = c.req.header(IDEMPOTENCY_KEY_HEADER);
    if (key === undefined || !methods.has(c.req.method)) return await next();
    if (!VALID_KEY.test(key)) {
      throw new Invalid(
        "The Idempotency-Key header must be 1 to 255 printable ASCII characters",
        { code: "invalid_idempotency_key" },
      );
    }

    const who = caller(c, cartCookie, ipHeaders);
    const id: IdempotencyKeyId = {
      scope: `${who} ${c.req.method} ${c.req.path}`,
      key,
    };
    const requestHash = await hashRequest(c);
    const { sql } = c.var.db;
    const claim = await claimIdempotencyKey(sql, {
      ...id,
      requestHash,
      ttlHours,
    });
    if (!claim.claimed) {
      if (claim.requestHash !== requestHash) {
        throw new IdempotencyKeyReused(key);
      }
      if (claim.response === null) throw new IdempotencyKeyInProgress(key);
      return replay(c, claim.response);
    }

    let response: StoredResponse | undefined;
    try {
      await next();
      // A 5xx or a 429 asks the client to retry: keeping it would replay
      // the failure to the very retry it invites. An answer that mints
      // the cart cookie (a guest's first item) is not kept either: a
      // replay without the cookie would strand the shopper's new cart.
      if (
        c.res.status < 500 && c.res.status !== 429 &&
        !setsCookie(c.res, cartCookie)
      ) {
        response = await toStoredResponse(c.res);
      }
    } finally {
      await settle(c, { ...id, claim: claim.claim }, response);
    }
  };
}

function setsCookie(res: Response, name: string): boolean {
  return res.headers.getSetCookie().some((cookie) =>
    cookie.startsWith(`${name}=`)
  );
}

// Who is asking: the scope's first part.
function caller(
  c: Context<AppEnv>,
  cartCookie: string,
  ipHeaders: readonly string[] | undefined,
): string {
  const userId = c.var.user?.id;
  if (userId) return `user:${userId}`;
  const cart = getCookie(c, cartCookie);
  if (cart) return `cart:${sha256Hex(utf8ToBytes(cart))}`;
  return `anon:${clientIp(c, ipHeaders ? { headers: ipHeaders } : {})}`;
}

// The request's fingerprint: method, path with query, and the body's bytes.
// The body is read as an ArrayBuffer, which Hono caches and converts on
// demand: the handler can still call `json()`, `text()`, `parseBody()` or
// `formData()`. Reading it as text instead would turn the bytes of a binary
// upload into U+FFFD for the handler too.
async function hashRequest(c: Context<AppEnv>): Promise<string> {
  const { pathname, search } = new URL(c.req.url);
  const hash = sha256.create();
  hash.update(utf8ToBytes(`${c.req.method} ${pathname}${search}\n`));
  hash.update(new Uint8Array(await c.req.arrayBuffer()));
  return bytesToHex(hash.digest());
}

function sha256Hex(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

async function toStoredResponse(res: Response): Promise<StoredResponse> {
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = res.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  // A clone, so the client still gets the original body.
  const body = res.body === null ? "" : await res.clone().text();
  return { status: res.status, headers, body };
}

function replay(c: Context<AppEnv>, stored: StoredResponse): Response {
  const headers = {
    ...stored.headers,
    [IDEMPOTENCY_REPLAYED_HEADER]: "true",
  };
  const status = stored.status as StatusCode;
  return NULL_BODY_STATUSES.has(stored.status)
    ? c.body(null, status, headers)
    : c.body(stored.body, status as ContentfulStatusCode, headers);
}

// Complete the claim with the response, or release it. The route has run by
// now: a failure to record its outcome must not replace its response, so it
// is logged, and the key stays claimed until it expires.
async function settle(
  c: Context<AppEnv>,
  id: IdempotencyKeyId & { claim: string },
  response: StoredResponse | undefined,
): Promise<void> {
  try {
    if (response) {
      await completeIdempotencyKey(c.var.db.sql, { ...id, response });
    } else await releaseIdempotencyKey(c.var.db.sql, id);
  } catch (error) {
    c.var.logger.error(
      response
        ? "idempotency: cannot store the response"
        : "idempotency: cannot release the key",
      { requestId: c.var.requestId, key: id.key, error },
    );
  }
}
