import { z } from "zod";
import { ISO_COUNTRY_CODES } from "../../../../commerce/identity/mod.ts";
import { LANGUAGES } from "../../../../commerce/localization/mod.ts";

/** Every localization list: `?page=1&limit=50`. */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).strict();
/** A list page (see the schema of the same name). */
export type PageQuery = z.infer<typeof PageQuery>;

/** `PATCH /api/admin/localization/languages/{code}`. */
export const LanguagePatch = z.object({ enabled: z.boolean() }).strict();
/** `PATCH .../languages/{code}` (see the schema of the same name). */
export type LanguagePatch = z.infer<typeof LanguagePatch>;

/** `PUT /api/admin/localization/languages/default`. */
export const DefaultLanguageBody = z.object({ code: z.enum(LANGUAGES) })
  .strict();
/** `PUT .../languages/default` (see the schema of the same name). */
export type DefaultLanguageBody = z.infer<typeof DefaultLanguageBody>;

/** A presentation rounding rule in minor units (bounds per currency). */
export const RoundingBody = z.object({
  increment: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  ending: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable()
    .default(null),
}).strict();

/** `PATCH /api/admin/localization/currencies/{code}`. */
export const CurrencyPatch = z.object({
  enabled: z.boolean().optional(),
  // null: no rounding.
  rounding: RoundingBody.nullable().optional(),
}).strict().refine(
  (patch) => patch.enabled !== undefined || patch.rounding !== undefined,
  "must change `enabled` or `rounding`",
);
/** `PATCH .../currencies/{code}` (see the schema of the same name). */
export type CurrencyPatch = z.infer<typeof CurrencyPatch>;

/** `PUT /api/admin/localization/rates/{code}/override`. */
export const OverrideBody = z.object({
  // Units of the currency per 1 base unit, as an exact decimal string
  // ("1.0832"); its form is checked exactly by the pricing module
  // (400 `invalid_rate`).
  rate: z.string().min(1).max(40),
  expiresAt: z.iso.datetime({ offset: true }).transform((v) => new Date(v)),
}).strict();
/** `PUT .../rates/{code}/override` (see the schema of the same name). */
export type OverrideBody = z.infer<typeof OverrideBody>;

const Country = z.string().trim().toUpperCase().refine(
  (code) => ISO_COUNTRY_CODES.has(code),
  "must be an ISO 3166-1 alpha-2 country code",
);

const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code");

// Exact decimal strings; checked against the currency's decimals by the
// pricing module (400 `invalid_amount`).
const Amount = z.string().regex(
  /^\d{1,15}(\.\d{1,4})?$/,
  "must be a decimal such as '4.95'",
);

const ShippingPrice = z.object({
  currency: CurrencyCode,
  flatAmount: Amount,
  perKgAmount: Amount.default("0"),
  freeOver: Amount.nullable().default(null),
}).strict();

const ShippingMethod = z.object({
  key: z.string().regex(
    /^[a-z0-9_-]{1,40}$/,
    "must be a slug such as 'express'",
  ),
  kind: z.enum(["flat", "weight"]),
  name: z.partialRecord(z.enum(LANGUAGES), z.string().trim().min(1).max(100))
    .refine((names) => "en" in names, "must have an English name"),
  minDays: z.number().int().min(0).max(365),
  maxDays: z.number().int().min(0).max(365),
  prices: z.array(ShippingPrice).min(1).max(50).refine(
    (prices) => new Set(prices.map((p) => p.currency)).size === prices.length,
    "must price each currency once",
  ),
}).strict().refine(
  (method) => method.maxDays >= method.minDays,
  { message: "must not be below minDays", path: ["maxDays"] },
).refine(
  (method) =>
    method.kind === "weight" ||
    method.prices.every((p) => /^0+(\.0+)?$/.test(p.perKgAmount)),
  { message: "a flat method has no per-kg price", path: ["prices"] },
);

const Countries = z.array(z.union([z.literal("*"), Country])).min(1).max(300)
  .refine(
    (countries) => new Set(countries).size === countries.length,
    "must list each country once",
  );

const Methods = z.array(ShippingMethod).min(1).max(20).refine(
  (methods) => new Set(methods.map((m) => m.key)).size === methods.length,
  "must use each method key once",
);

const ZoneKey = z.string().regex(
  /^[a-z0-9_-]{1,60}$/,
  "must be a slug such as 'europe'",
);

/** `POST /api/admin/localization/shipping-zones`. */
export const ShippingZoneBody = z.object({
  key: ZoneKey,
  countries: Countries,
  position: z.number().int().min(0).max(10_000).default(0),
  methods: Methods,
}).strict();
/** `POST .../shipping-zones` (see the schema of the same name). */
export type ShippingZoneBody = z.infer<typeof ShippingZoneBody>;

/** `PATCH /api/admin/localization/shipping-zones/{id}`. */
export const ShippingZonePatch = z.object({
  key: ZoneKey.optional(),
  countries: Countries.optional(),
  position: z.number().int().min(0).max(10_000).optional(),
  // The zone's complete list of methods (matched by key).
  methods: Methods.optional(),
}).strict().refine(
  (patch) => Object.keys(patch).length > 0,
  "must change something",
);
/** `PATCH .../shipping-zones/{id}` (see the schema of the same name). */
export type ShippingZonePatch = z.infer<typeof ShippingZonePatch>;

/** `GET /api/admin/localization/tax-rates`. */
export const TaxRatesQuery = PageQuery.extend({ country: Country.optional() })
  .strict();
/** `GET .../tax-rates` (see the schema of the same name). */
export type TaxRatesQuery = z.infer<typeof TaxRatesQuery>;

/** The path of a tax rate: a country, and optionally a region of it. */
export const TaxRatePath = z.object({
  country: Country,
  // The subdivision part of an ISO 3166-2 code ("CA" of US-CA, "QC").
  region: z.string().trim().toUpperCase()
    .regex(/^[A-Z0-9]{1,3}$/, "must be a region code such as 'CA'")
    .default(""),
});
/** A tax rate's path (see the schema of the same name). */
export type TaxRatePath = z.infer<typeof TaxRatePath>;

/** `PUT /api/admin/localization/tax-rates/{country}[/{region}]`. */
export const TaxRateBody = z.object({
  // A fraction: "0.19" is 19 %.
  rate: z.string().regex(
    /^0(\.\d{1,6})?$/,
    "must be a fraction below 1 with at most six decimals, such as '0.19'",
  ),
  name: z.string().trim().min(1).max(60),
  inclusive: z.boolean(),
  appliesToShipping: z.boolean().default(true),
}).strict();
/** `PUT .../tax-rates/{country}` (see the schema of the same name). */
export type TaxRateBody = z.infer<typeof TaxRateBody>;
