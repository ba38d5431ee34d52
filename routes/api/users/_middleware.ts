import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../../../edge/env.ts";
import { requireUser } from "../../../edge/middleware/auth.ts";
import { privateNoStore } from "../../../edge/middleware/private.ts";

/** Account routes: signed-in callers only (401), answers never cached. */
export const handler: MiddlewareHandler<AppEnv>[] = [
  privateNoStore(),
  requireUser(),
];
