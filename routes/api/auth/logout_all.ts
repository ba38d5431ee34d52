import { revokeAllSessions } from "../../../commerce/identity/mod.ts";
import { endSession } from "../../../edge/auth/session.ts";
import type { RouteHandler } from "../../../edge/define.ts";
import { Unauthorized } from "../../../edge/errors.ts";

/**
 * `POST /api/auth/logout_all`: sign out everywhere. Every refresh token of
 * the account is revoked; access tokens already issued lapse within 15
 * minutes.
 */
export const handler: { POST: RouteHandler } = {
  async POST(c) {
    const { user } = c.var;
    if (!user) throw new Unauthorized();
    const revoked = await revokeAllSessions(c.var.db.sql, user.id);
    endSession(c);
    return c.json({ revoked });
  },
};
