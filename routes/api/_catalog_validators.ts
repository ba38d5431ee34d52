/**
 * Query validators of the catalog API routes. A failure becomes the one 400
 * shape (`validation_failed`, with the failing fields).
 *
 * @module
 */
import { z } from "zod";
import { LANGUAGES } from "../../commerce/localization/mod.ts";

const decimal = z.string().regex(
  /^\d{1,15}(\.\d{1,4})?$/,
  "must be a decimal amount such as 25 or 19.99",
);

const flag = z.enum(["true", "false", "1", "0"]).transform((value) =>
  value === "true" || value === "1"
);

const common = {
  lang: z.enum(LANGUAGES).optional(),
  currency: z.string().regex(/^[A-Za-z]{3}$/, "must be an ISO 4217 code")
    .optional(),
};

/** `GET /api/products` query. */
export const ProductListQuery = z.object({
  ...common,
  category: z.string().min(1).max(200).optional(),
  q: z.string().trim().max(200).optional(),
  min_price: decimal.optional(),
  max_price: decimal.optional(),
  in_stock: flag.optional(),
  // `attr=color:black` (repeat for more values or attributes).
  attr: z.array(
    z.string().regex(
      /^[a-z][a-z0-9_]{0,39}:[^:]{1,80}$/,
      "must be name:value, e.g. color:black",
    ),
  ).max(20).optional(),
  sort: z.enum(["relevance", "price_asc", "price_desc", "newest", "rating"])
    .default("relevance"),
  cursor: z.string().max(600).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(24),
}).strict().refine(
  (query) =>
    query.min_price === undefined || query.max_price === undefined ||
    Number(query.min_price) <= Number(query.max_price),
  { message: "min_price must not exceed max_price", path: ["min_price"] },
);
/** A validated `GET /api/products` query. */
export type ProductListQuery = z.infer<typeof ProductListQuery>;

/** `GET /api/products/{id}` query. */
export const ProductQuery = z.object(common).strict();

/** `GET /api/categories` query. */
export const CategoriesQuery = z.object(common).strict();

/** `GET /api/products/{id}/reviews` query. */
export const ReviewsQuery = z.object({
  ...common,
  language: z.enum(LANGUAGES).optional(),
  cursor: z.string().max(600).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
}).strict();

/** `GET /api/stores` query. */
export const StoresQuery = z.object({
  ...common,
  near: z.string().transform((value, ctx) => {
    const match = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(
      value,
    );
    const lat = match ? Number(match[1]) : NaN;
    const lng = match ? Number(match[2]) : NaN;
    if (!(Math.abs(lat) <= 90 && Math.abs(lng) <= 180)) {
      ctx.addIssue({
        code: "custom",
        message: "must be latitude,longitude, e.g. 48.85,2.35",
      });
      return z.NEVER;
    }
    return { lat, lng };
  }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
}).strict();
