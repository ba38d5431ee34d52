import { z } from "zod";
import { LANGUAGES } from "../../../../../../commerce/localization/mod.ts";

/** `POST /api/admin/products/{id}/images`. */
export const AttachImageBody = z.object({
  // An upload's key as `POST /api/admin/media` answers it, or a drawing's.
  key: z.string().trim().min(1).max(200).regex(
    /^[a-z0-9][a-z0-9.-]*$/,
    "must be the key of an uploaded image",
  ),
  alt: z.partialRecord(z.enum(LANGUAGES), z.string().trim().max(300))
    .optional(),
}).strict();
/** `POST /api/admin/products/{id}/images` (see the schema of the same name). */
export type AttachImageBody = z.infer<typeof AttachImageBody>;

/** `PUT /api/admin/products/{id}/images`: every image id, in the new order. */
export const ImageOrderBody = z.object({
  imageIds: z.array(z.uuid()).min(1).max(50),
}).strict();
/** `PUT /api/admin/products/{id}/images` (see the schema of the same name). */
export type ImageOrderBody = z.infer<typeof ImageOrderBody>;
