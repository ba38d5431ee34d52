import { z } from "zod";

/** `GET /api/admin/media`. */
export const MediaListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(300).optional(),
}).strict();
/** `GET /api/admin/media` (see the schema of the same name). */
export type MediaListQuery = z.infer<typeof MediaListQuery>;
