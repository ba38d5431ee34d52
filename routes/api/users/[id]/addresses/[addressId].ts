import {
  deleteAddress,
  updateAddress,
} from "../../../../../commerce/identity/mod.ts";
import type { RouteHandler } from "../../../../../edge/define.ts";
import { parseJson } from "../../../../../edge/validate.ts";
import { accountId } from "../../_access.ts";
import { AddressBody } from "../../_validators.ts";

/**
 * `/api/users/{id}/addresses/{addressId}`: `PATCH` some fields of an
 * address (validated as a whole afterwards), `DELETE` it (204). An address
 * of another account is a 404, like one that does not exist.
 */
export const handler: { PATCH: RouteHandler; DELETE: RouteHandler } = {
  async PATCH(c) {
    const userId = accountId(c, "write");
    const patch = await parseJson(c, AddressBody);
    const address = await updateAddress(c.var.db.sql, {
      userId,
      addressId: c.req.param("addressId") ?? "",
      patch,
      t: c.var.t,
    });
    return c.json(address);
  },
  async DELETE(c) {
    await deleteAddress(c.var.db.sql, {
      userId: accountId(c, "write"),
      addressId: c.req.param("addressId") ?? "",
    });
    return c.body(null, 204);
  },
};
