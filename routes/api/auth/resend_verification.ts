import { resendVerification } from "../../../commerce/identity/mod.ts";
import type { RouteHandler } from "../../../edge/define.ts";
import { accountEmailLinks } from "../../../edge/auth/session.ts";
import { parseJson } from "../../../edge/validate.ts";
import { ResendVerificationBody } from "./_validators.ts";

/**
 * `POST /api/auth/resend_verification`: a fresh verification link for an
 * unverified account. Always the same 202, so it reveals nothing.
 */
export const handler: { POST: RouteHandler } = {
  async POST(c) {
    const body = await parseJson(c, ResendVerificationBody);
    const language = c.var.locale.language;
    await resendVerification(c.var.db.sql, {
      email: body.email,
      verifyUrl: accountEmailLinks(c, language).verifyUrl,
    });
    return c.json({ status: "sent_if_unverified" }, 202);
  },
};
