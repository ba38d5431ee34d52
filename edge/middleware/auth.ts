import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { Permission } from "../../commerce/identity/mod.ts";
import { can } from "../../commerce/identity/mod.ts";
import { InvalidTokenError, verifyAccessToken } from "../auth/jwt.ts";
import type { AppEnv } from "../env.ts";
import { Forbidden, Unauthorized } from "../errors.ts";

/** The cookie a browser's access token travels in. */
export const ACCESS_COOKIE = "access_token";

/**
 * Who is asking: verify the access token from `Authorization: Bearer` or the
 * access cookie with the public keys (no database trip) and put the user on
 * the context. A bad Bearer token is a 401 (an API client should know); a
 * bad or expired cookie just leaves the request anonymous, so the browser
 * can refresh it.
 */
export function authentication(): MiddlewareHandler<AppEnv> {
  return async function authenticationMiddleware(c, next) {
    const header = c.req.header("authorization");
    const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const token = bearer ?? getCookie(c, ACCESS_COOKIE);
    if (token) {
      try {
        const claims = await verifyAccessToken(c.var.keys, token);
        c.set("user", {
          id: claims.sub,
          roles: claims.roles,
          sessionId: claims.sid,
          expiresAt: claims.exp,
        });
      } catch (error) {
        if (!(error instanceof InvalidTokenError) || bearer) throw error;
      }
    } else if (header) {
      throw new InvalidTokenError("malformed");
    }
    await next();
  };
}

/** Only signed-in users pass (401 otherwise). */
export function requireUser(): MiddlewareHandler<AppEnv> {
  return async function requireUserMiddleware(c, next) {
    if (!c.var.user) throw new Unauthorized();
    await next();
  };
}

/**
 * The signed-in caller, once their roles grant `permission`: throws
 * `Unauthorized` (401) when anonymous and `Forbidden` (403) without it.
 * For a route whose methods need different permissions.
 */
export function authorize(
  c: Context<AppEnv>,
  permission: Permission,
): NonNullable<AppEnv["Variables"]["user"]> {
  const { user } = c.var;
  if (!user) throw new Unauthorized();
  if (!can(user.roles, permission)) throw new Forbidden();
  return user;
}

/**
 * Only users whose roles grant `permission` pass: 401 when anonymous, 403
 * when signed in without it. Permissions come from the one table in
 * `commerce/identity/roles.ts`.
 */
export function requirePermission(
  permission: Permission,
): MiddlewareHandler<AppEnv> {
  return async function requirePermissionMiddleware(c, next) {
    authorize(c, permission);
    await next();
  };
}
