import { requestPasswordReset } from "../../../commerce/identity/mod.ts";
import type { RouteHandler } from "../../../edge/define.ts";
import { accountEmailLinks } from "../../../edge/auth/session.ts";
import { parseJson } from "../../../edge/validate.ts";
import { ForgotPasswordBody } from "./_validators.ts";

/**
 * `POST /api/auth/forgot_password`: email a reset link if the address has an
 * account. Always the same 202, so it reveals nothing.
 */
export const handler: { POST: RouteHandler } = {
  async POST(c) {
    const body = await parseJson(c, ForgotPasswordBody);
    const language = body.language ?? c.var.locale.language;
    await requestPasswordReset(c.var.db.sql, {
      email: body.email,
      language,
      resetUrl: accountEmailLinks(c, language).resetUrl,
    });
    return c.json({ status: "sent_if_registered" }, 202);
  },
};
