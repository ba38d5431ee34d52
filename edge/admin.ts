/**
 * What every admin route does first: check the caller's permission for
 * the action and name them for the audit log (their id, their roles and
 * the request id), so each admin write records who made it.
 *
 * @module
 */
import type { AuditActor } from "../commerce/admin/mod.ts";
import type { Permission } from "../commerce/identity/mod.ts";
import type { AppContext } from "./env.ts";
import { authorize } from "./middleware/auth.ts";

/**
 * The signed-in staff member allowed `permission`, as the audit log names
 * them; throws `Unauthorized` (401) or `Forbidden` (403) otherwise.
 */
export function staffActor(c: AppContext, permission: Permission): AuditActor {
  const user = authorize(c, permission);
  return { id: user.id, roles: user.roles, requestId: c.var.requestId };
}
