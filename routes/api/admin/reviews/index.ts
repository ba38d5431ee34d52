import {
  reviewQueue,
  type ReviewStatus,
} from "../../../../commerce/catalog/mod.ts";
import { staffActor } from "../../../../edge/admin.ts";
import type { RouteHandler } from "../../../../edge/define.ts";
import { parseQuery } from "../../../../edge/validate.ts";
import { ReviewQueueQuery } from "./_validators.ts";

/**
 * `GET /api/admin/reviews?status=pending`: the moderation queue (pending
 * reviews oldest first; approved or rejected ones newest first), with the
 * product's name in the request's language; cursor pages.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c) {
    staffActor(c, "reviews:moderate");
    const { lang: _, ...query } = parseQuery(c, ReviewQueueQuery);
    return c.json(
      await reviewQueue(c.var.db.sql, {
        ...query,
        status: query.status as ReviewStatus,
        displayLanguage: c.var.locale.language,
      }),
    );
  },
};
