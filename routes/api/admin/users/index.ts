import { listUsers } from "../../../../commerce/identity/mod.ts";
import { staffActor } from "../../../../edge/admin.ts";
import type { RouteHandler } from "../../../../edge/define.ts";
import { Invalid } from "../../../../edge/errors.ts";
import { parseQuery } from "../../../../edge/validate.ts";
import { UserListQuery } from "./_validators.ts";

/**
 * `GET /api/admin/users`: accounts newest first, searched by a part of the
 * email or name (`q`, case-insensitive), filtered by `role` and `status`
 * (deleted accounts only when asked for); cursor pages.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c) {
    staffActor(c, "customers:read");
    const page = await listUsers(c.var.db.sql, parseQuery(c, UserListQuery));
    if (!page) {
      throw new Invalid("The cursor is not valid", { code: "invalid_cursor" });
    }
    return c.json(page);
  },
};
