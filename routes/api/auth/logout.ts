import { getCookie } from "hono/cookie";
import { revokeRefreshToken } from "../../../commerce/identity/mod.ts";
import { endSession, REFRESH_COOKIE } from "../../../edge/auth/session.ts";
import type { RouteHandler } from "../../../edge/define.ts";
import { parseOptionalJson } from "../../../edge/validate.ts";
import { LogoutBody } from "./_validators.ts";

/**
 * `POST /api/auth/logout`: end this session (its refresh token's family) and
 * clear the cookies. Idempotent: 204 whether or not there was a session.
 */
export const handler: { POST: RouteHandler } = {
  async POST(c) {
    const body = await parseOptionalJson(c, LogoutBody);
    const token = body.refreshToken ?? getCookie(c, REFRESH_COOKIE);
    if (token) await revokeRefreshToken(c.var.db.sql, token);
    endSession(c);
    return c.body(null, 204);
  },
};
