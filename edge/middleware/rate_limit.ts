/**
 * Rate limits counted in the regional cache, and the per-account slow-down
 * that follows repeated failed sign-ins.
 *
 * `rateLimit()` guards a route per IP ({@link clientIp}) or per account
 * ({@link accountKey}); over the limit it answers 429 with `Retry-After` and
 * the store's error body. A cache outage fails open: better a few unlimited
 * requests than every shopper locked out of signing in.
 *
 * `recordFailure()` / `failureDelaySeconds()` / `clearFailures()` slow down
 * an account after repeated failures with an escalating, always temporary
 * wait; a success clears it.
 *
 * Until `edge/errors.ts` learns about {@link TooManyRequests}, its
 * `toErrorResponse()` does not add `Retry-After` for it: the middleware
 * answers its 429 itself, and handlers throw the error built by
 * {@link tooManyRequests}, which puts the header on the context first.
 *
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import { getConnInfo } from "hono/deno";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import type { Cache } from "../cache/types.ts";
import type { AppContext, AppEnv } from "../env.ts";
import { AppError, errorBody } from "../errors.ts";

/** Too many attempts; the client may retry after a while (429). */
export class TooManyRequests extends AppError {
  /** Seconds the client should wait, sent as `Retry-After`. */
  readonly retryAfterSeconds: number;

  constructor(
    retryAfterSeconds: number,
    options?: { message?: string; details?: unknown; cause?: unknown },
  ) {
    super(options?.message ?? "Too many attempts; please retry later", {
      status: 429,
      code: "rate_limited",
      details: options?.details,
      cause: options?.cause,
    });
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  }
}

/**
 * Build a {@link TooManyRequests} for a handler to throw, after setting its
 * `Retry-After` on the context: the app's error handler answers with
 * `c.json()`, which keeps headers already set on the context.
 *
 * ```ts
 * const wait = await failureDelaySeconds(c.var.cache, account);
 * if (wait > 0) throw tooManyRequests(c, wait);
 * ```
 */
export function tooManyRequests(
  c: Context,
  retryAfterSeconds: number,
): TooManyRequests {
  const error = new TooManyRequests(retryAfterSeconds);
  c.header("Retry-After", String(error.retryAfterSeconds));
  return error;
}

/** Options of {@link rateLimit}. */
export interface RateLimitOptions {
  /** Names the limit in cache keys and logs: `login-ip`, `login-account`. */
  name: string;
  /** Requests allowed per window. */
  limit: number;
  /** Length of the fixed window, in seconds. */
  windowSeconds: number;
  /**
   * Whom a request counts against (an IP, an account digest); `undefined`
   * skips the limit for this request. Reading the body here is fine: Hono
   * caches `c.req.json()` / `c.req.parseBody()` for the handler.
   */
  key: (c: AppContext) => string | undefined | Promise<string | undefined>;
}

/**
 * Limit requests per key to `limit` per `windowSeconds`, counted in
 * `c.var.cache` under `ratelimit:<name>:<key>`. Responses carry
 * `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (seconds);
 * a request over the limit is answered 429 with `Retry-After` and the error
 * body `rate_limited`, without reaching the handler. When the cache fails,
 * the request goes through and a warning is logged.
 */
export function rateLimit(
  options: RateLimitOptions,
): MiddlewareHandler<AppEnv> {
  const { name, limit, windowSeconds, key } = options;
  if (!/^[\w-]+$/.test(name)) {
    throw new TypeError(
      `Rate limit name '${name}' must be letters, digits, '_' or '-'`,
    );
  }
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`Rate limit '${name}' needs a positive integer limit`);
  }
  if (!Number.isInteger(windowSeconds) || windowSeconds < 1) {
    throw new RangeError(
      `Rate limit '${name}' needs a window of at least 1 second`,
    );
  }
  return async function rateLimitMiddleware(c, next) {
    const subject = await key(c);
    if (subject === undefined) return await next();
    let result;
    try {
      // The cache adds the `ratelimit:` prefix itself.
      result = await c.var.cache.hit(`${name}:${subject}`, {
        limit,
        windowSeconds,
      });
    } catch (error) {
      c.var.logger.warn("rate limit skipped: the cache failed", {
        requestId: c.var.requestId,
        limit: name,
        error,
      });
      return await next();
    }
    const headers = {
      "RateLimit-Limit": String(limit),
      "RateLimit-Remaining": String(Math.max(0, limit - result.count)),
      "RateLimit-Reset": String(result.retryAfterSeconds),
    };
    if (!result.allowed) {
      const error = new TooManyRequests(result.retryAfterSeconds);
      return c.json(
        errorBody(error.code, error.message, {
          details: { retryAfterSeconds: error.retryAfterSeconds },
        }),
        429,
        { ...headers, "Retry-After": String(error.retryAfterSeconds) },
      );
    }
    await next();
    // With several limits on one route, report the tightest.
    const shown = c.res.headers.get("RateLimit-Remaining");
    if (
      shown !== null && Number(shown) <= Number(headers["RateLimit-Remaining"])
    ) {
      return;
    }
    for (const [header, value] of Object.entries(headers)) {
      c.header(header, value);
    }
  };
}

/** Headers, in order of trust, that name the client behind a proxy. */
export const DEFAULT_CLIENT_IP_HEADERS: readonly string[] = [
  "cf-connecting-ip",
  "x-forwarded-for",
  "x-real-ip",
];

const IP_ADDRESS = /^[0-9A-Fa-f:.]{2,45}$/;

/**
 * The client's IP address: the first entry of the first present header in
 * `headers` that holds an address, else the connection's remote address,
 * else `unknown` (in-process test requests have no connection).
 *
 * Only list headers the deployment's proxy sets or overwrites: a client can
 * send any of them itself, and a spoofed `X-Forwarded-For` would let it
 * dodge per-IP limits. With no proxy in front, pass `headers: []`.
 */
export function clientIp(
  c: Context,
  options: { headers?: readonly string[] } = {},
): string {
  for (const name of options.headers ?? DEFAULT_CLIENT_IP_HEADERS) {
    const first = c.req.header(name)?.split(",")[0].trim();
    if (first && IP_ADDRESS.test(first)) return first.toLowerCase();
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    // `c.env` holds no connection info outside `Deno.serve`.
    return "unknown";
  }
}

/**
 * A rate-limit key for an account identifier (an email): a SHA-256 digest of
 * it trimmed and lowercased, so `Ann@x.io` and `ann@x.io ` count together and
 * no address is stored in the cache.
 */
export function accountKey(identifier: string): string {
  return bytesToHex(sha256(utf8ToBytes(identifier.trim().toLowerCase())));
}

/** How {@link recordFailure} escalates; the defaults suit sign-in. */
export interface BackoffOptions {
  /** Failures allowed within the window before any wait (5). */
  freeFailures?: number;
  /** Window over which failures are counted, in seconds (15 minutes). */
  windowSeconds?: number;
  /** Longest single wait, in seconds (15 minutes). */
  maxDelaySeconds?: number;
  /** The clock in milliseconds; tests pass the cache's fake one. */
  now?: () => number;
}

const BACKOFF_DEFAULTS = {
  freeFailures: 5,
  windowSeconds: 15 * 60,
  maxDelaySeconds: 15 * 60,
  now: Date.now,
};

// `Cache.hit` stores its counters under this prefix in both implementations
// (memory and Upstash); `clearFailures` deletes the counter through it.
const HIT_PREFIX = "ratelimit:";

function failureCounter(key: string): string {
  return `failures:${key}`;
}

function backoffUntil(key: string): string {
  return `backoff:${key}`;
}

/**
 * Count a failed attempt for `key` (an {@link accountKey}) and return the
 * wait it imposes. The first `freeFailures` failures within the window cost
 * nothing; the n-th after that makes the next attempt wait 2^n seconds (2,
 * 4, 8...), capped at `maxDelaySeconds`. Waits and counts expire on their
 * own: an account is slowed down, never locked out for good.
 */
export async function recordFailure(
  cache: Cache,
  key: string,
  options: BackoffOptions = {},
): Promise<{ failures: number; delaySeconds: number }> {
  const { freeFailures, windowSeconds, maxDelaySeconds, now } = {
    ...BACKOFF_DEFAULTS,
    ...options,
  };
  const { count } = await cache.hit(failureCounter(key), {
    limit: freeFailures,
    windowSeconds,
  });
  const over = count - freeFailures;
  if (over <= 0) return { failures: count, delaySeconds: 0 };
  const delaySeconds = Math.min(2 ** over, maxDelaySeconds);
  await cache.set(backoffUntil(key), now() + delaySeconds * 1000, delaySeconds);
  return { failures: count, delaySeconds };
}

/**
 * Seconds `key` must still wait before its next attempt (0 when it may try
 * now). Check it before verifying a password, so waiting is enforced even
 * for the right one.
 */
export async function failureDelaySeconds(
  cache: Cache,
  key: string,
  options: Pick<BackoffOptions, "now"> = {},
): Promise<number> {
  const until = await cache.get<number>(backoffUntil(key));
  if (until === undefined) return 0;
  const now = options.now ?? Date.now;
  return Math.max(0, Math.ceil((until - now()) / 1000));
}

/** Forget `key`'s failures and any wait: call it after a success. */
export async function clearFailures(cache: Cache, key: string): Promise<void> {
  await cache.delete(HIT_PREFIX + failureCounter(key), backoffUntil(key));
}
