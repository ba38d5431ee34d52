import { getCookie } from "hono/cookie";
import {
  InvalidRefreshToken,
  rotateRefreshToken,
} from "../../../commerce/identity/mod.ts";
import {
  endSession,
  REFRESH_COOKIE,
  startSession,
} from "../../../edge/auth/session.ts";
import type { RouteHandler } from "../../../edge/define.ts";
import { parseOptionalJson } from "../../../edge/validate.ts";
import { RefreshBody } from "./_validators.ts";

/**
 * `POST /api/auth/refresh`: trade a refresh token (body or cookie) for a new
 * access token and a new refresh token. Presenting one that was already
 * used signs out its whole session family.
 */
export const handler: { POST: RouteHandler } = {
  async POST(c) {
    const body = await parseOptionalJson(c, RefreshBody);
    const token = body.refreshToken ?? getCookie(c, REFRESH_COOKIE);
    if (!token) throw new InvalidRefreshToken();
    try {
      const rotated = await rotateRefreshToken(c.var.db.sql, {
        token,
        userAgent: c.req.header("user-agent"),
      });
      const session = await startSession(c, {
        user: { id: rotated.userId, roles: rotated.roles },
        refresh: rotated,
        client: body.client,
      });
      return c.json(session);
    } catch (error) {
      if (error instanceof InvalidRefreshToken) endSession(c);
      throw error;
    }
  },
};
