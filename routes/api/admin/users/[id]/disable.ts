import { disableUser } from "../../../../../commerce/identity/mod.ts";
import { staffActor } from "../../../../../edge/admin.ts";
import type { RouteHandler } from "../../../../../edge/define.ts";
import { parseOptionalJson } from "../../../../../edge/validate.ts";
import { UserStatusBody } from "../_validators.ts";

/**
 * `POST /api/admin/users/{id}/disable`: the account can no longer sign in
 * and every session of it is signed out (at its next refresh; access
 * tokens expire within minutes). 403 for one's own account or, unless a
 * super admin, a super admin's.
 */
export const handler: { POST: RouteHandler } = {
  async POST(c) {
    const actor = staffActor(c, "customers:write");
    const body = await parseOptionalJson(c, UserStatusBody);
    const change = await disableUser(c.var.db.sql, actor, {
      userId: c.req.param("id") ?? "",
      reason: body.reason,
    });
    return c.json(change);
  },
};
