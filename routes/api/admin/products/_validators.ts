import { z } from "zod";
import { LANGUAGES } from "../../../../commerce/localization/mod.ts";

// Exact decimals as text; the pricing module then checks them against the
// currency's minor units (400 `invalid_amount`).
const Decimal = z.string().regex(
  /^\d{1,15}(\.\d{1,4})?$/,
  "must be a decimal such as '12.50'",
);
const Language = z.enum(LANGUAGES);
const Key = z.string().max(100).regex(
  /^[a-z0-9][a-z0-9_-]*$/,
  "must be lowercase letters, digits, '-' and '_'",
);
const Code = z.string().regex(
  /^[a-z][a-z0-9_]{0,39}$/,
  "must be a lowercase code such as 'material'",
);
const Attributes = z.record(
  Code,
  z.union([z.string().max(200), z.number().finite(), z.boolean()]),
).refine((value) => Object.keys(value).length <= 50, "at most 50 attributes");
const Options = z.record(Code, z.string().trim().min(1).max(100))
  .refine((value) => Object.keys(value).length <= 10, "at most 10 options");
const Sku = z.string().trim().min(1).max(64).regex(
  /^[A-Za-z0-9][A-Za-z0-9._/-]*$/,
  "must be letters, digits, '.', '_', '/' and '-'",
);
const Units = z.number().int().min(0).max(1_000_000);
const Name = z.string().trim().min(1).max(200);
const Description = z.string().trim().max(20_000);
// Checked for shape (lowercase, hyphens) by the catalog, which says how.
const Slug = z.string().trim().min(1).max(120);
const SeoTitle = z.string().trim().max(200).nullable();
const SeoDescription = z.string().trim().max(500).nullable();

const CopyInput = z.object({
  name: Name,
  description: Description.optional(),
  slug: Slug.optional(),
  seoTitle: SeoTitle.optional(),
  seoDescription: SeoDescription.optional(),
}).strict();

const CopyPatch = z.object({
  name: Name.optional(),
  description: Description.optional(),
  slug: Slug.optional(),
  seoTitle: SeoTitle.optional(),
  seoDescription: SeoDescription.optional(),
}).strict();

const VariantFields = {
  options: Options.optional(),
  weightGrams: Units.nullable().optional(),
  priceOverride: Decimal.nullable().optional(),
  lowStockThreshold: Units.optional(),
  position: z.number().int().min(0).max(10_000).optional(),
};

const nonEmpty = (value: object) => Object.keys(value).length > 0;

/** `POST /api/admin/products/{id}/variants`, and each variant of a new product. */
export const NewVariantBody = z.object({
  sku: Sku,
  ...VariantFields,
  stock: Units.optional(),
}).strict();
/** `POST /api/admin/products/{id}/variants` (see the schema of the same name). */
export type NewVariantBody = z.infer<typeof NewVariantBody>;

/** `POST /api/admin/products`. */
export const CreateProductBody = z.object({
  key: Key.nullable().optional(),
  categoryId: z.uuid(),
  brand: z.string().trim().max(100).optional(),
  basePrice: Decimal,
  status: z.enum(["draft", "active"]).optional(),
  featured: z.boolean().optional(),
  attributes: Attributes.optional(),
  copy: z.partialRecord(Language, CopyInput),
  variants: z.array(NewVariantBody).max(100).optional(),
}).strict();
/** `POST /api/admin/products` (see the schema of the same name). */
export type CreateProductBody = z.infer<typeof CreateProductBody>;

/** `PATCH /api/admin/products/{id}`: at least one field. */
export const UpdateProductBody = z.object({
  key: Key.nullable().optional(),
  categoryId: z.uuid().optional(),
  brand: z.string().trim().max(100).optional(),
  basePrice: Decimal.optional(),
  status: z.enum(["draft", "active"]).optional(),
  featured: z.boolean().optional(),
  attributes: Attributes.optional(),
  copy: z.partialRecord(Language, CopyPatch.nullable()).optional(),
  images: z.array(
    z.object({
      id: z.uuid(),
      alt: z.partialRecord(Language, z.string().trim().max(300).nullable()),
    }).strict(),
  ).max(50).optional(),
}).strict().refine(nonEmpty, "give at least one field to change");
/** `PATCH /api/admin/products/{id}` (see the schema of the same name). */
export type UpdateProductBody = z.infer<typeof UpdateProductBody>;

/** `GET /api/admin/products`. */
export const AdminProductListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  status: z.enum(["draft", "active", "archived"]).optional(),
  category: z.uuid().optional(),
  missingLanguage: Language.optional(),
  lowStock: z.enum(["true", "false"]).transform((v) => v === "true")
    .optional(),
  sort: z.enum(["updated", "created", "name"]).default("updated"),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).strict();
/** `GET /api/admin/products` (see the schema of the same name). */
export type AdminProductListQuery = z.infer<typeof AdminProductListQuery>;

/** `PATCH /api/admin/variants/{variantId}`: at least one field. */
export const UpdateVariantBody = z.object({
  sku: Sku.optional(),
  ...VariantFields,
}).strict().refine(nonEmpty, "give at least one field to change");
/** `PATCH /api/admin/variants/{variantId}` (see the schema of the same name). */
export type UpdateVariantBody = z.infer<typeof UpdateVariantBody>;

/** `POST /api/admin/variants/{variantId}/stock`. */
export const StockAdjustmentBody = z.object({
  delta: z.number().int().min(-1_000_000).max(1_000_000)
    .refine((delta) => delta !== 0, "must not be zero"),
  reason: z.string().trim().min(1).max(500),
}).strict();
/** `POST /api/admin/variants/{variantId}/stock` (see the schema of the same name). */
export type StockAdjustmentBody = z.infer<typeof StockAdjustmentBody>;

/** `GET /api/admin/variants/{variantId}/stock-movements`. */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).strict();
/** `GET /api/admin/variants/{variantId}/stock-movements` (see the schema of the same name). */
export type PageQuery = z.infer<typeof PageQuery>;

/** `PUT /api/admin/products/{id}/prices/{currency}`. */
export const PriceBody = z.object({ amount: Decimal }).strict();
/** `PUT /api/admin/products/{id}/prices/{currency}` (see the schema of the same name). */
export type PriceBody = z.infer<typeof PriceBody>;

/** The `{currency}` of a price-list route: an ISO 4217 code, any case. */
export const CurrencyParam = z.object({
  currency: z.string().regex(/^[A-Za-z]{3}$/, "must be an ISO 4217 code")
    .transform((code) => code.toUpperCase()),
});
