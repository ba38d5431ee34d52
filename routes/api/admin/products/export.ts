import { exportProductsCsv } from "../../../../commerce/catalog/mod.ts";
import type { RouteHandler } from "../../../../edge/define.ts";
import { catalogReader } from "./_deps.ts";

/**
 * `GET /api/admin/products/export`: every product as CSV, one row per
 * variant, as a download (`products-YYYY-MM-DD.csv`) that
 * `POST /api/admin/products/import` reads back unchanged.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c) {
    const file = await exportProductsCsv(catalogReader(c));
    return c.body(file.csv, 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.filename}"`,
    });
  },
};
