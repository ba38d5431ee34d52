import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../../../edge/env.ts";
import { privateNoStore } from "../../../edge/middleware/private.ts";

/** Order pages are one shopper's: never cached, their 404s included. */
export const handler: MiddlewareHandler<AppEnv>[] = [privateNoStore()];
