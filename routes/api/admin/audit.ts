import { auditLog } from "../../../commerce/admin/mod.ts";
import { staffActor } from "../../../edge/admin.ts";
import type { RouteHandler } from "../../../edge/define.ts";
import { Invalid } from "../../../edge/errors.ts";
import { parseQuery } from "../../../edge/validate.ts";
import { AuditQuery } from "./_validators.ts";

/**
 * `GET /api/admin/audit`: the audit log, newest first, filtered by entity,
 * actor, action (or area) and time; cursor pages.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c) {
    staffActor(c, "audit:read");
    const query = parseQuery(c, AuditQuery);
    const page = await auditLog(c.var.db.sql, query);
    if (!page) {
      throw new Invalid("The cursor is not valid", { code: "invalid_cursor" });
    }
    return c.json(page);
  },
};
