import { moderateReview } from "../../../../../commerce/catalog/mod.ts";
import { staffActor } from "../../../../../edge/admin.ts";
import type { RouteHandler } from "../../../../../edge/define.ts";
import { parseOptionalJson } from "../../../../../edge/validate.ts";
import { ModerationBody } from "../_validators.ts";

/**
 * The handler of `POST /api/admin/reviews/{id}/approve` and `/reject`:
 * the same steps with a different decision.
 */
export function moderation(decision: "approve" | "reject"): RouteHandler {
  return async function moderate(c) {
    const actor = staffActor(c, "reviews:moderate");
    const body = await parseOptionalJson(c, ModerationBody);
    return c.json(
      await moderateReview({ sql: c.var.db.sql, cache: c.var.reads }, {
        id: c.req.param("id") ?? "",
        decision,
        note: body.note,
        actor,
        displayLanguage: c.var.locale.language,
      }),
    );
  };
}
