import { jwks } from "../../edge/auth/jwt.ts";
import type { RouteHandler } from "../../edge/define.ts";

/**
 * `GET /.well-known/jwks.json`: the public keys access tokens are verified
 * with, for other services and edge workers. Never private material.
 */
export const handler: { GET: RouteHandler } = {
  GET(c) {
    c.header("Cache-Control", "public, max-age=300");
    return c.json(jwks(c.var.keys));
  },
};
