import {
  deleteCategory,
  updateCategory,
} from "../../../../commerce/catalog/mod.ts";
import { staffActor } from "../../../../edge/admin.ts";
import type { RouteHandler } from "../../../../edge/define.ts";
import { parseJson } from "../../../../edge/validate.ts";
import { UpdateCategoryBody } from "./_validators.ts";

/**
 * `PATCH /api/admin/categories/{id}`: rename or re-slug per language, add
 * or remove a language, move under another parent, reorder; 200 with the
 * category. `DELETE`: remove an empty category; 204.
 */
export const handler: { PATCH: RouteHandler; DELETE: RouteHandler } = {
  async PATCH(c) {
    const actor = staffActor(c, "catalog:write");
    const patch = await parseJson(c, UpdateCategoryBody);
    return c.json(
      await updateCategory({ sql: c.var.db.sql, cache: c.var.reads }, {
        id: c.req.param("id") ?? "",
        patch,
        actor,
      }),
    );
  },
  async DELETE(c) {
    const actor = staffActor(c, "catalog:write");
    await deleteCategory({ sql: c.var.db.sql, cache: c.var.reads }, {
      id: c.req.param("id") ?? "",
      actor,
    });
    return c.body(null, 204);
  },
};
