import type { RouteHandler } from "../edge/define.ts";

/** `GET /health`: the process is up (liveness; checks nothing else). */
export const handler: { GET: RouteHandler } = {
  GET: (c) => c.json({ status: "ok" }),
};
