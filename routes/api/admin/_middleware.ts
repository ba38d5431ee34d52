import type { MiddlewareHandler } from "hono";
import { REFRESH_COOKIE } from "../../../edge/auth/session.ts";
import { currentStaff } from "../../../edge/admin.ts";
import type { AppEnv } from "../../../edge/env.ts";
import { idempotency } from "../../../edge/idempotency/mod.ts";
import { ACCESS_COOKIE, requireUser } from "../../../edge/middleware/auth.ts";
import { csrfProtection } from "../../../edge/middleware/csrf.ts";
import { privateNoStore } from "../../../edge/middleware/private.ts";

/**
 * Admin API: signed-in staff only, as the database has them now (401;
 * each route checks its permission, 403), answers never cached, cross-site writes refused (the dashboard
 * rides on the browser's cookies) and `Idempotency-Key` honoured on every
 * write.
 */
export const handler: MiddlewareHandler<AppEnv>[] = [
  privateNoStore(),
  currentStaff(),
  requireUser(),
  csrfProtection({ cookieNames: [ACCESS_COOKIE, REFRESH_COOKIE] }),
  idempotency(),
];
