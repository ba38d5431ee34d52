/**
 * Signing in, as the HTTP layer sees it: an access token (a 15-minute JWT)
 * and a refresh token (opaque, rotated on every use). Browsers get both as
 * HttpOnly cookies, the refresh cookie only sent to `/api/auth`; API clients
 * that ask with `"client": "api"` get them in the body instead and send the
 * access token as `Authorization: Bearer`.
 *
 * @module
 */
import { deleteCookie, setCookie } from "hono/cookie";
import type { CookieOptions } from "hono/utils/cookie";
import {
  authenticate,
  type AuthenticatedUser,
  getProfile,
  InvalidCredentials,
  issueRefreshToken,
  type Role,
} from "../../commerce/identity/mod.ts";
import { isLanguage } from "../../commerce/localization/mod.ts";
import { savePreferences } from "../preferences.ts";
import {
  accountKey,
  clearFailures,
  failureDelaySeconds,
  recordFailure,
  tooManyRequests,
} from "../middleware/rate_limit.ts";
import { mergeCartOnSignIn } from "../cart_session.ts";
import type { AppContext } from "../env.ts";
import { ACCESS_COOKIE } from "../middleware/auth.ts";
import { publicOrigin } from "../origin.ts";
import { DEFAULT_EXPIRES_IN_SECONDS, signAccessToken } from "./jwt.ts";

/** The cookie a browser's refresh token travels in (path `/api/auth`). */
export const REFRESH_COOKIE = "refresh_token";
const REFRESH_PATH = "/api/auth";

/** Who the session is for. */
export interface SessionUser {
  id: string;
  roles: readonly Role[] | readonly string[];
}

/** What a sign-in or refresh answers. */
export interface SessionBody {
  tokenType: "Bearer";
  accessToken: string;
  expiresIn: number;
  /** Only for `"client": "api"`; browsers hold it in an HttpOnly cookie. */
  refreshToken?: string;
  refreshExpiresAt: string;
}

function cookieBase(c: AppContext): CookieOptions {
  return {
    httpOnly: true,
    secure: publicOrigin(c).startsWith("https:"),
    sameSite: "Lax",
  };
}

/**
 * Sign `user` in on this response: a fresh access token, and the refresh
 * token issued for them, as cookies (browsers) or in the body (API clients).
 */
export async function startSession(
  c: AppContext,
  options: {
    user: SessionUser;
    refresh: { token: string; familyId: string; expiresAt: Date };
    client: "browser" | "api";
  },
): Promise<SessionBody> {
  const { user, refresh, client } = options;
  const accessToken = await signAccessToken(c.var.keys, {
    sub: user.id,
    roles: [...user.roles],
    sessionId: refresh.familyId,
  });
  const body: SessionBody = {
    tokenType: "Bearer",
    accessToken,
    expiresIn: DEFAULT_EXPIRES_IN_SECONDS,
    refreshExpiresAt: refresh.expiresAt.toISOString(),
  };
  if (client === "api") return { ...body, refreshToken: refresh.token };
  setCookie(c, ACCESS_COOKIE, accessToken, {
    ...cookieBase(c),
    path: "/",
    maxAge: DEFAULT_EXPIRES_IN_SECONDS,
  });
  setCookie(c, REFRESH_COOKIE, refresh.token, {
    ...cookieBase(c),
    // Strict and path-scoped: the refresh token goes nowhere but here.
    sameSite: "Strict",
    path: REFRESH_PATH,
    expires: refresh.expiresAt,
  });
  return body;
}

/** Forget the session's cookies in this browser. */
export function endSession(c: AppContext): void {
  deleteCookie(c, ACCESS_COOKIE, { ...cookieBase(c), path: "/" });
  deleteCookie(c, REFRESH_COOKIE, { ...cookieBase(c), path: REFRESH_PATH });
}

/**
 * Sign in with email and password on this response, for the API and the
 * sign-in page alike: an account that failed too often waits
 * (`TooManyRequests`, 429 with `Retry-After`), a wrong password counts as a
 * failure (`InvalidCredentials`), success clears the count, issues a refresh
 * token and starts the session. In a browser, the account's saved language
 * and currency become the browser's choice, which locale resolution reads.
 */
export async function signIn(
  c: AppContext,
  options: { email: string; password: string; client: "browser" | "api" },
): Promise<{ session: SessionBody; user: AuthenticatedUser }> {
  const { cache, db, config } = c.var;
  const account = `login:${accountKey(options.email)}`;
  const wait = await failureDelaySeconds(cache, account).catch(() => 0);
  if (wait > 0) throw tooManyRequests(c, wait);
  let user;
  try {
    user = await authenticate(db.sql, options);
  } catch (error) {
    if (error instanceof InvalidCredentials) {
      await recordFailure(cache, account).catch(() => {});
    }
    throw error;
  }
  await clearFailures(cache, account).catch(() => {});
  // The guest's cart joins the account's (quantities add, capped by stock).
  await mergeCartOnSignIn(c, user.id);
  const refresh = await issueRefreshToken(db.sql, {
    userId: user.id,
    userAgent: c.req.header("user-agent"),
  });
  const session = await startSession(c, {
    user,
    refresh,
    client: options.client,
  });
  if (options.client === "browser") {
    const profile = await getProfile(db.sql, user.id);
    savePreferences(c, {
      language: isLanguage(profile.preferredLanguage)
        ? profile.preferredLanguage
        : undefined,
      currency: profile.preferredCurrency &&
          config.CURRENCIES.includes(profile.preferredCurrency)
        ? profile.preferredCurrency
        : undefined,
    });
  }
  return { session, user };
}

/**
 * The links account emails carry, on the public origin and in `language`:
 * the page that verifies an address and the one that resets a password.
 */
export function accountEmailLinks(
  c: AppContext,
  language: string,
): { verifyUrl(token: string): string; resetUrl(token: string): string } {
  const base = `${publicOrigin(c)}/${language}/account`;
  return {
    verifyUrl: (token) => `${base}/verify?token=${encodeURIComponent(token)}`,
    resetUrl: (token) => `${base}/reset?token=${encodeURIComponent(token)}`,
  };
}
