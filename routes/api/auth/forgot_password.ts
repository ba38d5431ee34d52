import { requestPasswordReset } from "../../../commerce/identity/mod.ts";
import type { RouteHandler } from "../../../edge/define.ts";
import { publicOrigin } from "../../../edge/origin.ts";
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
    const origin = publicOrigin(c);
    await requestPasswordReset(c.var.db.sql, {
      email: body.email,
      language,
      resetUrl: (token) =>
        `${origin}/${language}/account/reset?token=${
          encodeURIComponent(token)
        }`,
    });
    return c.json({ status: "sent_if_registered" }, 202);
  },
};
