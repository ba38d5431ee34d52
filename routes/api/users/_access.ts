/**
 * Who may act on which account through `/api/users/{id}/...`: the one rule
 * every route of this folder applies.
 *
 * - Anonymous: 401.
 * - `me`, or the caller's own id: allowed.
 * - Someone else's account: reads need `customers:read` (admins); writes
 *   need a permission no role has yet, so admins read but never change a
 *   customer's data (a `customers:write` permission in
 *   `commerce/identity/roles.ts` would be checked here); deleting an
 *   account is for its owner only. Otherwise 403, whether or not the
 *   account exists, so the answer never tells.
 *
 * An allowed id that names no active account is a 404 from the commerce
 * function that reads it.
 *
 * @module
 */
import { can } from "../../../commerce/identity/mod.ts";
import type { AppContext } from "../../../edge/env.ts";
import { Forbidden, Unauthorized } from "../../../edge/errors.ts";

/**
 * What a route does with the account: `read` it, `write` it, or act as
 * its owner only (`self`: deleting it).
 */
export type AccountAccess = "read" | "write" | "self";

/**
 * The id of the account the request's `{id}` names (`me` being the
 * caller's), once the caller may act on it as `access` says; throws
 * `Unauthorized` or `Forbidden` otherwise.
 */
export function accountId(c: AppContext, access: AccountAccess): string {
  const { user } = c.var;
  if (!user) throw new Unauthorized();
  const id = c.req.param("id");
  if (id === undefined || id === "me" || id === user.id) return user.id;
  if (access === "read" && can(user.roles, "customers:read")) return id;
  throw new Forbidden();
}
