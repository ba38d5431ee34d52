import { resetPassword } from "../../../commerce/identity/mod.ts";
import type { RouteHandler } from "../../../edge/define.ts";
import { parseJson } from "../../../edge/validate.ts";
import { ResetPasswordBody } from "./_validators.ts";

/**
 * `POST /api/auth/reset_password`: set a new password with the emailed token
 * (single use, 60 minutes); every session of the account is signed out.
 */
export const handler: { POST: RouteHandler } = {
  async POST(c) {
    const body = await parseJson(c, ResetPasswordBody);
    await resetPassword(c.var.db.sql, body);
    return c.json({ status: "password_reset" });
  },
};
