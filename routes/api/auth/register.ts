import { registerUser } from "../../../commerce/identity/mod.ts";
import type { RouteHandler } from "../../../edge/define.ts";
import { accountEmailLinks } from "../../../edge/auth/session.ts";
import { parseJson } from "../../../edge/validate.ts";
import { RegisterBody } from "./_validators.ts";

/**
 * `POST /api/auth/register`: create an account and send the verification
 * email. Answers the same 202 whether or not the address was free, so it
 * never tells anyone who has an account.
 */
export const handler: { POST: RouteHandler } = {
  async POST(c) {
    const body = await parseJson(c, RegisterBody);
    const language = body.language ?? c.var.locale.language;
    const result = await registerUser(c.var.db.sql, {
      ...body,
      language,
      verifyUrl: accountEmailLinks(c, language).verifyUrl,
    });
    return c.json(result, 202);
  },
};
