import { verifyEmail } from "../../../commerce/identity/mod.ts";
import type { RouteHandler } from "../../../edge/define.ts";
import { publicOrigin } from "../../../edge/origin.ts";
import { parseJson } from "../../../edge/validate.ts";
import { VerifyEmailBody } from "./_validators.ts";

/** `POST /api/auth/verify_email`: confirm an address with the emailed token. */
export const handler: { POST: RouteHandler } = {
  async POST(c) {
    const body = await parseJson(c, VerifyEmailBody);
    await verifyEmail(c.var.db.sql, {
      token: body.token,
      shopUrl: `${publicOrigin(c)}/${c.var.locale.language}/`,
    });
    return c.json({ status: "verified" });
  },
};
