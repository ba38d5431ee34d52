import { enableUser } from "../../../../../commerce/identity/mod.ts";
import { staffActor } from "../../../../../edge/admin.ts";
import type { RouteHandler } from "../../../../../edge/define.ts";
import { parseOptionalJson } from "../../../../../edge/validate.ts";
import { UserStatusBody } from "../_validators.ts";

/**
 * `POST /api/admin/users/{id}/enable`: a disabled account can sign in
 * again (its old sessions stay ended). 403 for one's own account.
 */
export const handler: { POST: RouteHandler } = {
  async POST(c) {
    const actor = staffActor(c, "customers:write");
    const body = await parseOptionalJson(c, UserStatusBody);
    const change = await enableUser(c.var.db.sql, actor, {
      userId: c.req.param("id") ?? "",
      reason: body.reason,
    });
    return c.json(change);
  },
};
