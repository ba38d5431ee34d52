/**
 * What every admin route does first: check the caller's permission for
 * the action and name them for the audit log (their id, their roles and
 * the request id), so each admin write records who made it.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import type { AuditActor } from "../commerce/admin/mod.ts";
import { activeRoles, type Permission } from "../commerce/identity/mod.ts";
import { endSession } from "./auth/session.ts";
import type { AppContext, AppEnv } from "./env.ts";
import { authorize } from "./middleware/auth.ts";

/**
 * The signed-in staff member allowed `permission`, as the audit log names
 * them; throws `Unauthorized` (401) or `Forbidden` (403) otherwise.
 */
export function staffActor(c: AppContext, permission: Permission): AuditActor {
  const user = authorize(c, permission);
  return { id: user.id, roles: user.roles, requestId: c.var.requestId };
}

/**
 * Staff areas do not trust the roles in the access token alone: the
 * account's status and roles are read again on every request, so a
 * disabled admin is out, and a removed role gone, at once rather than when
 * the 15-minute token expires. A signed-in caller whose account is no
 * longer active loses the session's cookies and goes on as anonymous (the
 * route then answers 401, or the dashboard sends them to sign in).
 */
export function currentStaff(): MiddlewareHandler<AppEnv> {
  return async function currentStaffMiddleware(c, next) {
    const { user } = c.var;
    if (user) {
      const roles = await activeRoles(c.var.db.sql, user.id);
      if (roles === null) {
        endSession(c);
        c.set("user", undefined);
      } else {
        c.set("user", { ...user, roles });
      }
    }
    await next();
  };
}
