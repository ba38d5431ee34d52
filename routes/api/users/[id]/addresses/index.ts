import {
  addAddress,
  listAddresses,
} from "../../../../../commerce/identity/mod.ts";
import type { RouteHandler } from "../../../../../edge/define.ts";
import { parseJson } from "../../../../../edge/validate.ts";
import { accountId } from "../../_access.ts";
import { AddressBody } from "../../_validators.ts";

/**
 * `/api/users/{id}/addresses`: `GET` the address book, `POST` a new
 * address (201; 400 `invalid_address` with localized messages per field).
 */
export const handler: { GET: RouteHandler; POST: RouteHandler } = {
  async GET(c) {
    const items = await listAddresses(c.var.db.sql, accountId(c, "read"));
    return c.json({ items });
  },
  async POST(c) {
    const userId = accountId(c, "write");
    const input = await parseJson(c, AddressBody);
    const address = await addAddress(c.var.db.sql, {
      userId,
      input,
      t: c.var.t,
    });
    return c.json(address, 201);
  },
};
