import {
  adminCategoryTree,
  createCategory,
} from "../../../../commerce/catalog/mod.ts";
import { LANGUAGES } from "../../../../commerce/localization/mod.ts";
import { staffActor } from "../../../../edge/admin.ts";
import type { RouteHandler } from "../../../../edge/define.ts";
import { parseJson } from "../../../../edge/validate.ts";
import { CreateCategoryBody } from "./_validators.ts";

/**
 * `GET /api/admin/categories`: the whole tree, every language's name and
 * slug with a completeness flag per language (the store's languages in
 * `languages`). `POST`: create a category under a parent; 201 with it.
 */
export const handler: { GET: RouteHandler; POST: RouteHandler } = {
  async GET(c) {
    staffActor(c, "catalog:read");
    return c.json({
      languages: LANGUAGES,
      items: await adminCategoryTree(c.var.db.sql),
    });
  },
  async POST(c) {
    const actor = staffActor(c, "catalog:write");
    const body = await parseJson(c, CreateCategoryBody);
    const category = await createCategory(
      { sql: c.var.db.sql, cache: c.var.reads },
      { ...body, actor },
    );
    return c.json(category, 201);
  },
};
