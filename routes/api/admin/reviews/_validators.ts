import { z } from "zod";
import { REVIEW_STATUSES } from "../../../../commerce/catalog/mod.ts";
import { LANGUAGES } from "../../../../commerce/localization/mod.ts";

/** `GET /api/admin/reviews`. */
export const ReviewQueueQuery = z.object({
  status: z.enum(REVIEW_STATUSES as [string, ...string[]]).default("pending"),
  productId: z.uuid().optional(),
  // Only reviews written in this language.
  language: z.enum(LANGUAGES).optional(),
  // The language product names are shown in (the locale resolver reads it).
  lang: z.enum(LANGUAGES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(600).optional(),
}).strict();
/** `GET /api/admin/reviews` (see the schema of the same name). */
export type ReviewQueueQuery = z.infer<typeof ReviewQueueQuery>;

/** `POST /api/admin/reviews/{id}/approve` and `/reject` (body optional). */
export const ModerationBody = z.object({
  // Kept with the decision: a rejection's reason, or an approval's note.
  note: z.string().trim().min(1).max(1000).optional(),
}).strict();
/** `POST /api/admin/reviews/{id}/approve|reject` (see the schema of the same name). */
export type ModerationBody = z.infer<typeof ModerationBody>;
