import {
  deleteAccount,
  getProfile,
  ProfilePatch,
  updateProfile,
} from "../../../../commerce/identity/mod.ts";
import type { RouteHandler } from "../../../../edge/define.ts";
import { parseJson } from "../../../../edge/validate.ts";
import { accountId } from "../_access.ts";

/**
 * `/api/users/{id}` (`me` for the caller): `GET` the profile, `PATCH` it
 * (name, phone, language, currency, marketing consent), `DELETE` the
 * account (its owner only; 204). A deleted or unknown account is a 404.
 */
export const handler: {
  GET: RouteHandler;
  PATCH: RouteHandler;
  DELETE: RouteHandler;
} = {
  async GET(c) {
    return c.json(await getProfile(c.var.db.sql, accountId(c, "read")));
  },
  async PATCH(c) {
    const userId = accountId(c, "write");
    const patch = await parseJson(c, ProfilePatch);
    return c.json(
      await updateProfile(c.var.db.sql, {
        userId,
        patch,
        currencies: c.var.config.CURRENCIES,
      }),
    );
  },
  async DELETE(c) {
    await deleteAccount(c.var.db.sql, accountId(c, "self"));
    return c.body(null, 204);
  },
};
