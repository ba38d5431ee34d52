import { signIn } from "../../../edge/auth/session.ts";
import type { RouteHandler } from "../../../edge/define.ts";
import { parseJson } from "../../../edge/validate.ts";
import { LoginBody } from "./_validators.ts";

/**
 * `POST /api/auth/login`: sign in with email and password. Repeated failures
 * slow that account down (429 with `Retry-After`), never lock it for good.
 */
export const handler: { POST: RouteHandler } = {
  async POST(c) {
    const body = await parseJson(c, LoginBody);
    const { session, user } = await signIn(c, body);
    return c.json({ ...session, user });
  },
};
