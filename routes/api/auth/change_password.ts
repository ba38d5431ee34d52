import { changePassword } from "../../../commerce/identity/mod.ts";
import type { RouteHandler } from "../../../edge/define.ts";
import { Unauthorized } from "../../../edge/errors.ts";
import { parseJson } from "../../../edge/validate.ts";
import { ChangePasswordBody } from "./_validators.ts";

/**
 * `POST /api/auth/change_password`: signed in, with the current password;
 * every other session of the account is signed out, this one stays.
 */
export const handler: { POST: RouteHandler } = {
  async POST(c) {
    const { user } = c.var;
    if (!user) throw new Unauthorized();
    const body = await parseJson(c, ChangePasswordBody);
    await changePassword(c.var.db.sql, {
      userId: user.id,
      currentPassword: body.currentPassword,
      newPassword: body.newPassword,
      keepFamilyId: user.sessionId,
    });
    return c.body(null, 204);
  },
};
