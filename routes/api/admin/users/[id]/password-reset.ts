import { sendPasswordReset } from "../../../../../commerce/identity/mod.ts";
import { staffActor } from "../../../../../edge/admin.ts";
import { accountEmailLinks } from "../../../../../edge/auth/session.ts";
import type { RouteHandler } from "../../../../../edge/define.ts";
import { parseOptionalJson } from "../../../../../edge/validate.ts";
import { PasswordResetBody } from "../_validators.ts";

/**
 * `POST /api/admin/users/{id}/password-reset`: email the account the
 * forgot-password link, in its language (202). The password is unchanged
 * until its owner follows the link; 409 `account_disabled` for a disabled
 * account.
 */
export const handler: { POST: RouteHandler } = {
  async POST(c) {
    const actor = staffActor(c, "customers:write");
    await parseOptionalJson(c, PasswordResetBody);
    const sent = await sendPasswordReset(c.var.db.sql, actor, {
      userId: c.req.param("id") ?? "",
      resetUrl: (token, language) =>
        accountEmailLinks(c, language).resetUrl(token),
      fallbackLanguage: c.var.locale.language,
    });
    return c.json({ status: "sent", ...sent }, 202);
  },
};
