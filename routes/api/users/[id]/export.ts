import { exportAccountData } from "../../../../commerce/identity/mod.ts";
import type { RouteHandler } from "../../../../edge/define.ts";
import { accountId } from "../_access.ts";

/**
 * `GET /api/users/{id}/export`: everything the store keeps about the
 * account (profile, roles, addresses, sessions; never a secret), as a JSON
 * download.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c) {
    const data = await exportAccountData(c.var.db.sql, accountId(c, "read"));
    c.header(
      "Content-Disposition",
      `attachment; filename="account-${data.profile.id}.json"`,
    );
    return c.json(data);
  },
};
