/**
 * Address validation: the shape every address has (zod), the country rules
 * on top (`country_rules.ts`), structured errors a form can show next to
 * each field, and their messages in the shopper's language.
 *
 * @module
 */
import { z } from "zod";
import type { Translate } from "../../../edge/i18n.ts";
import { ISO_COUNTRY_CODES } from "./_iso_countries.ts";
import { countryRule } from "./country_rules.ts";

/** What an address is used for. */
export const ADDRESS_TYPES = ["shipping", "billing"] as const;

/** What an address is used for: `shipping` or `billing`. */
export type AddressType = typeof ADDRESS_TYPES[number];

/** The codes an `AddressError` can carry; each has a message in `locales/`. */
export type AddressErrorCode =
  | "required"
  | "invalid"
  | "too_long"
  | "unknown_field"
  | "invalid_country"
  | "invalid_postal_code"
  | "invalid_region"
  | "invalid_phone";

/**
 * One problem with one field of an address. `field` is the input's key (""
 * for the address as a whole, the unknown key itself for `unknown_field`);
 * `params` hold the values its message interpolates (`example`, `max`) and,
 * for the fields whose label depends on it, the address's `country`.
 */
export interface AddressError {
  field: string;
  code: AddressErrorCode;
  params?: Record<string, string>;
}

/** The outcome of `validateAddress`: the clean address, or every problem. */
export type AddressValidation =
  | { ok: true; address: Address }
  | { ok: false; errors: AddressError[] };

/** The fields in form order: errors are reported in this order. */
const FIELDS: readonly string[] = [
  "type",
  "isDefault",
  "name",
  "company",
  "line1",
  "line2",
  "city",
  "region",
  "postalCode",
  "country",
  "phone",
];

/** Fields whose label (and so whose messages) depend on the country. */
const COUNTRY_LABELED_FIELDS: ReadonlySet<string> = new Set([
  "city",
  "region",
  "postalCode",
]);

/** `address.fields.<field>_<country>` keys that exist in every locale. */
const LABEL_OVERRIDES: ReadonlySet<string> = new Set([
  "city_GB",
  "region_AU",
  "region_BR",
  "region_CA",
  "region_CN",
  "region_ES",
  "region_GB",
  "region_IE",
  "region_IN",
  "region_JP",
  "region_US",
  "postalCode_AU",
  "postalCode_BR",
  "postalCode_GB",
  "postalCode_IE",
  "postalCode_IN",
  "postalCode_US",
]);

const MIN_PHONE_DIGITS = 6;
const MAX_PHONE_DIGITS = 20;

/** A shopper-facing phone number shown in the `invalid_phone` message. */
const PHONE_EXAMPLE = "+1 202 555 0143";

function requiredText(max: number) {
  return z.string().trim().min(1).max(max);
}

/**
 * Absent, null and blank all mean "not given" (forms post empty strings);
 * `check` sees only non-blank values.
 */
function optionalText(
  max: number,
  check?: {
    test: (value: string) => boolean;
    message: string;
    params: { code: AddressErrorCode } & Record<string, string>;
  },
) {
  let schema = z.string().trim().max(max);
  if (check) {
    schema = schema.refine((value) => value === "" || check.test(value), {
      message: check.message,
      params: check.params,
    });
  }
  return schema.nullish().transform((value) => value || undefined);
}

function isPhone(value: string): boolean {
  const digits = value.replace(/\D/g, "").length;
  return /^\+?[\d\s()-]+$/.test(value) && digits >= MIN_PHONE_DIGITS &&
    digits <= MAX_PHONE_DIGITS;
}

const AddressFields = z.object({
  type: z.enum(ADDRESS_TYPES),
  isDefault: z.boolean().default(false),
  name: requiredText(100),
  company: optionalText(100),
  line1: requiredText(200),
  line2: optionalText(200),
  city: requiredText(100),
  region: optionalText(100),
  postalCode: optionalText(20),
  country: z.string().trim().toUpperCase().refine(
    (code) => ISO_COUNTRY_CODES.has(code),
    {
      message: "Expected an ISO 3166-1 alpha-2 country code",
      params: { code: "invalid_country" },
    },
  ),
  // Japanese keyboards type full-width digits and hyphens; NFKC folds them.
  phone: optionalText(30, {
    test: (value) => isPhone(value.normalize("NFKC")),
    message:
      `Expected ${MIN_PHONE_DIGITS} to ${MAX_PHONE_DIGITS} digits, with only +, spaces, hyphens and parentheses`,
    params: { code: "invalid_phone", example: PHONE_EXAMPLE },
  }).transform((value) => value?.normalize("NFKC")),
}).strict();

type AddressFields = z.output<typeof AddressFields>;

/**
 * A valid address, normalized: text trimmed, blank optional fields absent,
 * country and region codes uppercase, postal code in its country's spelling.
 */
export type Address = AddressFields;

interface CountryCheck {
  errors: AddressError[];
  region?: string;
  postalCode?: string;
}

/**
 * Apply the country's rules to the fields that passed the shape check:
 * required fields, the postal-code format and the region list. Values come
 * back normalized ("k1a0b1" → "K1A 0B1", "on" → "ON").
 */
function checkCountry(
  fields: Pick<AddressFields, "country" | "region" | "postalCode">,
): CountryCheck {
  const rule = countryRule(fields.country);
  const errors: AddressError[] = [];
  let { region, postalCode } = fields;
  if (region === undefined) {
    if (rule.region === "required") {
      errors.push({ field: "region", code: "required" });
    }
  } else if (rule.regionCodes) {
    const code = region.toUpperCase();
    if (rule.regionCodes.codes.has(code)) region = code;
    else {
      errors.push({
        field: "region",
        code: "invalid_region",
        params: { example: rule.regionCodes.example },
      });
    }
  }
  if (postalCode === undefined) {
    if (rule.postalCode === "required") {
      errors.push({ field: "postalCode", code: "required" });
    }
  } else if (rule.postalCodeFormat) {
    const { pattern, example, format } = rule.postalCodeFormat;
    const match = postalCode.normalize("NFKC").toUpperCase()
      .replace(/\s+/g, " ").match(pattern);
    if (match) postalCode = format ? format(match) : match[0];
    else {
      errors.push({
        field: "postalCode",
        code: "invalid_postal_code",
        params: { example },
      });
    }
  }
  return { errors, region, postalCode };
}

/** Give the errors whose label depends on the country that country. */
function withCountry(error: AddressError, country?: string): AddressError {
  if (!country || !COUNTRY_LABELED_FIELDS.has(error.field)) return error;
  return { ...error, params: { ...error.params, country } };
}

function developerMessage(error: AddressError, country: string): string {
  switch (error.code) {
    case "required":
      return `Required for an address in ${country}`;
    case "invalid_postal_code":
      return `Expected a postal code like '${error.params?.example}' for ${country}`;
    case "invalid_region":
      return `Expected a region code like '${error.params?.example}' for ${country}`;
    default:
      return `Not valid for an address in ${country}`;
  }
}

/**
 * The fields with the country's rules applied: the normalized address, or
 * the errors (each with the country where its label depends on it).
 */
function applyCountryRules(fields: AddressFields): AddressValidation {
  const checked = checkCountry(fields);
  if (checked.errors.length > 0) {
    return {
      ok: false,
      errors: checked.errors.map((error) => withCountry(error, fields.country)),
    };
  }
  const address = {
    ...fields,
    region: checked.region,
    postalCode: checked.postalCode,
  };
  // One shape whether a field was absent, null or blank: absent.
  for (const [key, value] of Object.entries(address)) {
    if (value === undefined) delete address[key as keyof Address];
  }
  return { ok: true, address };
}

/**
 * An address as a request sends it, checked as a zod schema: the shape
 * (`.strict()`, so unknown keys fail), trimmed text with length limits, an
 * ISO 3166-1 country and a plausible phone number, then the country's rules
 * from `COUNTRY_RULES` (required region and postal code, their formats). The
 * output is the normalized `Address`. Routes that want per-field codes and
 * translated messages use `validateAddress` instead; the country issues
 * raised here carry the same code and values in `params`.
 */
export const AddressInput = AddressFields.transform((fields, ctx): Address => {
  const result = applyCountryRules(fields);
  if (result.ok) return result.address;
  for (const error of result.errors) {
    ctx.issues.push({
      code: "custom",
      path: [error.field],
      message: developerMessage(error, fields.country),
      params: { code: error.code, ...error.params },
      input: fields[error.field as keyof AddressFields],
    });
  }
  return z.NEVER;
});

/** What `AddressInput` accepts. */
export type AddressInput = z.input<typeof AddressInput>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isRequired(field: string): boolean {
  const schema = AddressFields.shape[field as keyof AddressFields];
  return schema !== undefined && !schema.safeParse(undefined).success;
}

function toAddressErrors(
  issue: z.core.$ZodIssue,
  input: unknown,
): AddressError[] {
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((field) => ({ field, code: "unknown_field" }));
  }
  const field = issue.path.map(String).join(".");
  if (issue.code === "custom" && typeof issue.params?.code === "string") {
    const { code, ...params } = issue.params;
    return [{
      field,
      code: code as AddressErrorCode,
      ...(Object.keys(params).length > 0 ? { params } : {}),
    }];
  }
  if (issue.code === "too_big") {
    return [{
      field,
      code: "too_long",
      params: { max: String(issue.maximum) },
    }];
  }
  // min(1) fails only on blank text: as good as missing.
  if (issue.code === "too_small") return [{ field, code: "required" }];
  // A missing field fails as the wrong type (or enum value) of undefined;
  // null is missing too, except where the field may be left out.
  if (
    (issue.code === "invalid_type" || issue.code === "invalid_value") &&
    isRecord(input) && input[field] == null &&
    isRequired(field)
  ) {
    return [{ field, code: "required" }];
  }
  return [{ field, code: "invalid" }];
}

/**
 * The country rules for an input whose shape failed: run on the fields that
 * did pass, so one round trip shows the shopper every problem.
 */
function checkCountryOfPartial(
  input: unknown,
  failed: ReadonlySet<string>,
): AddressError[] {
  if (!isRecord(input) || failed.has("country")) return [];
  const { shape } = AddressFields;
  const country = shape.country.safeParse(input.country);
  if (!country.success) return [];
  const region = shape.region.safeParse(input.region);
  const postalCode = shape.postalCode.safeParse(input.postalCode);
  return checkCountry({
    country: country.data,
    region: region.success ? region.data : undefined,
    postalCode: postalCode.success ? postalCode.data : undefined,
  }).errors.filter((error) => !failed.has(error.field));
}

function fieldOrder(field: string): number {
  const index = FIELDS.indexOf(field);
  return index === -1 ? FIELDS.length : index;
}

/**
 * Validate and normalize an address from any input (a parsed JSON body, a
 * form): the result is either the clean `Address` or every problem at once,
 * in form order, each a field, a code and the values its message needs.
 * Country rules run even when other fields fail, so a shopper fixing a name
 * does not discover the postal-code format on the next try.
 */
export function validateAddress(input: unknown): AddressValidation {
  const shape = AddressFields.safeParse(input);
  if (shape.success) return applyCountryRules(shape.data);
  const errors = shape.error.issues.flatMap((issue) =>
    toAddressErrors(issue, input)
  );
  errors.push(
    ...checkCountryOfPartial(input, new Set(errors.map((e) => e.field))),
  );
  const country = isRecord(input)
    ? AddressFields.shape.country.safeParse(input.country).data
    : undefined;
  return {
    ok: false,
    errors: errors
      .map((error) => withCountry(error, country))
      .sort((a, b) => fieldOrder(a.field) - fieldOrder(b.field)),
  };
}

/**
 * The label of an address field in the shopper's language, as the address's
 * country calls it: "ZIP code" in the US, "Postcode" in Great Britain,
 * "Prefecture" in Japan, else the generic "Postal code" or "Region". A key
 * that is not an address field comes back as is.
 */
export function addressFieldLabel(
  t: Translate,
  field: string,
  country?: string,
): string {
  const name = field === "" ? "address" : field;
  if (name !== "address" && !FIELDS.includes(name)) {
    return field;
  }
  const override = `${name}_${country}`;
  const key = LABEL_OVERRIDES.has(override) ? override : name;
  return t(`address.fields.${key}`);
}

/**
 * The message for one `AddressError` in the shopper's language, naming the
 * field as its country labels it and filling in the values it carries
 * ("ZIP code should look like 12345", "郵便番号の形式が正しくありません（例：
 * 100-0001）").
 */
export function addressErrorMessage(t: Translate, error: AddressError): string {
  const { country, ...values } = error.params ?? {};
  const field = addressFieldLabel(t, error.field, country);
  const code = error.code;
  return t(`address.errors.${code}`, { ...values, field });
}
