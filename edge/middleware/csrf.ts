/**
 * CSRF protection for cookie-authenticated, state-changing requests.
 *
 * Browsers tell where a request comes from (`Sec-Fetch-Site`, `Origin`):
 * {@link csrfProtection} refuses the cross-site ones. Forms also carry a
 * token ({@link csrfToken}): a random nonce signed with HMAC-SHA256 under a
 * per-browser secret kept in the HttpOnly `csrf` cookie (a signed double
 * submit), sent as the hidden field `_csrf` or the `X-CSRF-Token` header.
 * Requests without the store's auth cookies (API clients with
 * `Authorization: Bearer`) carry no ambient credential and pass.
 *
 * Pages that embed a token are per-browser: they must not be cached for
 * others (`Cache-Control: private, no-store`).
 *
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, hexToBytes, utf8ToBytes } from "@noble/hashes/utils.js";
import type { AppContext, AppEnv } from "../env.ts";
import { errorBody } from "../errors.ts";
import { publicOrigin } from "../origin.ts";

/** The cookie holding the browser's CSRF secret. */
export const CSRF_COOKIE = "csrf";
/** The form field a token is posted in. */
export const CSRF_FIELD = "_csrf";
/** The header a token is sent in by scripts. */
export const CSRF_HEADER = "X-CSRF-Token";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "TRACE"]);
const FORM_TYPES = new Set([
  "application/x-www-form-urlencoded",
  "multipart/form-data",
]);
const SECRET = /^[0-9a-f]{64}$/;
const TOKEN = /^([0-9a-f]{32})\.([0-9a-f]{64})$/;
const ONE_YEAR = 60 * 60 * 24 * 365;

/** Options of {@link csrfProtection}. */
export interface CsrfOptions {
  /** The cookies that authenticate a browser (session, refresh token). */
  cookieNames: string[];
  /**
   * Also refuse cross-site requests that carry no auth cookie (sign-in and
   * registration forms, against login CSRF). Only explicit cross-site
   * signals are refused for them: API clients without `Origin` still pass.
   */
  checkAnonymous?: boolean;
}

/**
 * Refuse cross-site state-changing requests made with the store's cookies:
 * a POST, PUT, PATCH or DELETE carrying one of `cookieNames` is answered 403
 * `csrf_failed` when `Sec-Fetch-Site` names another site, when `Origin` is
 * not the store's, when a token is sent but invalid, when a form body comes
 * without a token, or when the browser sends neither header and no valid
 * token. Form bodies are read with `c.req.parseBody()`, which Hono caches,
 * so the handler can read them again (`parseBody()` or `formData()`), minus
 * the `_csrf` field.
 */
export function csrfProtection(
  options: CsrfOptions,
): MiddlewareHandler<AppEnv> {
  const cookieNames = [...options.cookieNames];
  const checkAnonymous = options.checkAnonymous ?? false;
  return async function csrfProtectionMiddleware(c, next) {
    if (SAFE_METHODS.has(c.req.method)) return await next();
    const cookies = getCookie(c);
    const authenticated = cookieNames.some((name) => Boolean(cookies[name]));
    if (!authenticated && !checkAnonymous) return await next();

    const fetchSite = c.req.header("sec-fetch-site");
    if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") {
      return refuse(c, "cross_site", "Cross-site requests are not accepted");
    }
    const origin = c.req.header("origin");
    if (origin && !isStoreOrigin(c, origin)) {
      return refuse(c, "cross_site", "Cross-site requests are not accepted");
    }
    if (!authenticated) return await next();

    const isForm = FORM_TYPES.has(mediaType(c));
    let token = c.req.header(CSRF_HEADER);
    if (token === undefined && isForm) {
      let field;
      try {
        field = (await c.req.parseBody())[CSRF_FIELD];
      } catch {
        return c.json(
          errorBody("invalid_request", "The form could not be read"),
          400,
        );
      }
      if (typeof field === "string") token = field;
      // Handlers validate forms with strict schemas: they never see the field.
      (await c.req.bodyCache.formData)?.delete(CSRF_FIELD);
    }
    if (token !== undefined) {
      if (!verifyToken(cookies[CSRF_COOKIE], token)) {
        return refuse(
          c,
          "invalid_token",
          "The form has expired or was not issued by this store; reload the page and try again",
        );
      }
    } else if (isForm || (!fetchSite && !origin)) {
      return refuse(
        c,
        "missing_token",
        "The request lacks a CSRF token; reload the page and try again",
      );
    }
    await next();
  };
}

/**
 * Whether `origin` (an `Origin` header) is the store's own: its public
 * origin, or the origin the request was addressed to (local development
 * with `PUBLIC_URL` set). `null` and other sites are not.
 */
export function isStoreOrigin(c: AppContext, origin: string): boolean {
  return origin === publicOrigin(c) || origin === new URL(c.req.url).origin;
}

/**
 * A CSRF token for a form this response renders: put it in a hidden `_csrf`
 * field (or send it as `X-CSRF-Token`). Sets the browser's `csrf` secret
 * cookie when it has none yet; each call returns a fresh token, and every
 * token stays valid for as long as the browser keeps its secret.
 */
export function csrfToken(c: AppContext): string {
  const secret = browserSecret(c);
  const nonce = bytesToHex(crypto.getRandomValues(new Uint8Array(16)));
  return `${nonce}.${sign(secret, nonce)}`;
}

// Secrets minted during a request, so several forms on one page share one.
const minted = new WeakMap<Context, string>();

function browserSecret(c: AppContext): string {
  const existing = getCookie(c, CSRF_COOKIE);
  if (existing && SECRET.test(existing)) return existing;
  const already = minted.get(c);
  if (already) return already;
  const secret = bytesToHex(crypto.getRandomValues(new Uint8Array(32)));
  minted.set(c, secret);
  setCookie(c, CSRF_COOKIE, secret, {
    path: "/",
    maxAge: ONE_YEAR,
    httpOnly: true,
    sameSite: "Lax",
    secure: publicOrigin(c).startsWith("https:") ||
      new URL(c.req.url).protocol === "https:",
  });
  return secret;
}

function sign(secret: string, nonce: string): string {
  return bytesToHex(
    hmac(sha256, hexToBytes(secret), utf8ToBytes(`csrf:${nonce}`)),
  );
}

/** Whether `token` was signed under the browser's `secret`. */
function verifyToken(secret: string | undefined, token: string): boolean {
  if (!secret || !SECRET.test(secret)) return false;
  const match = TOKEN.exec(token);
  if (!match) return false;
  return constantTimeEqual(sign(secret, match[1]), match[2]);
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

function mediaType(c: Context): string {
  return (c.req.header("content-type") ?? "").split(";")[0].trim()
    .toLowerCase();
}

function refuse(c: Context, reason: string, message: string): Response {
  return c.json(
    errorBody("csrf_failed", message, { details: { reason } }),
    403,
  );
}
