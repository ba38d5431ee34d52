import { setUserRoles } from "../../../../../commerce/identity/mod.ts";
import { staffActor } from "../../../../../edge/admin.ts";
import type { RouteHandler } from "../../../../../edge/define.ts";
import { parseJson } from "../../../../../edge/validate.ts";
import { UserRolesBody } from "../_validators.ts";

/**
 * `PUT /api/admin/users/{id}/roles`: the roles the account holds
 * (`customer` always kept), for super admins only. The change reaches the
 * account at its next token refresh (`takesEffect: "next_token_refresh"`).
 */
export const handler: { PUT: RouteHandler } = {
  async PUT(c) {
    const actor = staffActor(c, "roles:grant");
    const body = await parseJson(c, UserRolesBody);
    const change = await setUserRoles(c.var.db.sql, actor, {
      userId: c.req.param("id") ?? "",
      roles: body.roles,
    });
    return c.json(change);
  },
};
