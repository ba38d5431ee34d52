import type { RouteHandler } from "../../../../../edge/define.ts";
import { moderation } from "./_moderate.ts";

/**
 * `POST /api/admin/reviews/{id}/approve`: publish a review (it counts in
 * the product's rating from now on); 200 with the review.
 */
export const handler: { POST: RouteHandler } = {
  POST: moderation("approve"),
};
