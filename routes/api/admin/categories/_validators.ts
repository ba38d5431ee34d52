import { z } from "zod";
import { LANGUAGES } from "../../../../commerce/localization/mod.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const Name = z.string().trim().min(1).max(200);

// What `slugify()` makes: lowercase letters or digits of any script (with
// their combining marks), in runs joined by single hyphens.
const Slug = z.string().trim().max(120).regex(
  /^[\p{Ll}\p{Lo}\p{Lm}\p{N}\p{M}]+(?:-[\p{Ll}\p{Lo}\p{Lm}\p{N}\p{M}]+)*$/u,
  "must be a URL slug: lowercase letters or digits (any script) joined by single hyphens",
).refine((slug) => !UUID.test(slug), "must not look like an id");

const Language = z.enum(LANGUAGES);

const Position = z.number().int().min(0).max(100_000);

/** `POST /api/admin/categories`. */
export const CreateCategoryBody = z.object({
  parentId: z.uuid().nullable().optional(),
  key: z.string().regex(
    /^[a-z0-9][a-z0-9_-]{0,79}$/,
    "must be lowercase ASCII letters, digits, '-' or '_'",
  ).optional(),
  position: Position.optional(),
  translations: z.partialRecord(
    Language,
    z.object({ name: Name, slug: Slug.optional() }).strict(),
  ),
}).strict();
/** `POST /api/admin/categories` (see the schema of the same name). */
export type CreateCategoryBody = z.infer<typeof CreateCategoryBody>;

/** `PATCH /api/admin/categories/{id}`. */
export const UpdateCategoryBody = z.object({
  parentId: z.uuid().nullable().optional(),
  position: Position.optional(),
  translations: z.partialRecord(
    Language,
    z.object({ name: Name.optional(), slug: Slug.optional() }).strict()
      .refine(
        (copy) => copy.name !== undefined || copy.slug !== undefined,
        "must change the name or the slug (null removes the language)",
      )
      .nullable(),
  ).optional(),
}).strict().refine(
  (patch) => Object.values(patch).some((value) => value !== undefined),
  "must change something",
);
/** `PATCH /api/admin/categories/{id}` (see the schema of the same name). */
export type UpdateCategoryBody = z.infer<typeof UpdateCategoryBody>;
