import type { RouteHandler } from "../../../../../edge/define.ts";
import { moderation } from "./_moderate.ts";

/**
 * `POST /api/admin/reviews/{id}/reject`: keep a review off the storefront
 * (taking it down if it was approved), with an optional `note`; 200 with
 * the review.
 */
export const handler: { POST: RouteHandler } = {
  POST: moderation("reject"),
};
