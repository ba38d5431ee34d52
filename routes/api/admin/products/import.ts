import { z } from "zod";
import {
  CsvMediaTypeError,
  importProductsCsv,
} from "../../../../commerce/catalog/mod.ts";
import type { RouteHandler } from "../../../../edge/define.ts";
import { parseQuery } from "../../../../edge/validate.ts";
import { catalogWriter } from "./_deps.ts";

/** `POST /api/admin/products/import`: a dry run, or the real thing. */
const ImportQuery = z.object({
  mode: z.enum(["validate", "commit"]),
}).strict();

const CSV_TYPES = new Set(["text/csv", "text/plain", "application/csv"]);

/**
 * `POST /api/admin/products/import?mode=validate|commit`: a product CSV
 * file as the body (`text/csv`, UTF-8). `validate` reports each rejected
 * row and what a commit would create and update, writing nothing;
 * `commit` applies the whole file in one transaction, or nothing at all
 * (422 `import_rejected` with the report) when a row is rejected.
 */
export const handler: { POST: RouteHandler } = {
  async POST(c) {
    const deps = catalogWriter(c);
    const { mode } = parseQuery(c, ImportQuery);
    const type = c.req.header("content-type") ?? "";
    if (!CSV_TYPES.has(type.split(";")[0].trim().toLowerCase())) {
      throw new CsvMediaTypeError(type);
    }
    const body = new Uint8Array(await c.req.arrayBuffer());
    return c.json(await importProductsCsv(deps, { body, mode }));
  },
};
