import openapi from "../../docs/openapi.json" with { type: "json" };
import type { RouteHandler } from "../../edge/define.ts";

/** `GET /api/openapi.json`: the API's OpenAPI document. */
export const handler: { GET: RouteHandler } = {
  GET: (c) => c.json(openapi),
};
