/**
 * Helpers of the catalog's admin writes: localized slugs, the search text
 * kept beside each language's copy, per-language completeness, exact
 * decimals, what changed between two states, and unique violations mapped
 * to the errors callers tell apart.
 *
 * @module
 */
import type postgres from "postgres";
import { Invalid } from "../../edge/errors.ts";
import {
  DEFAULT_LANGUAGE,
  type Language,
  LANGUAGES,
} from "../localization/mod.ts";
import { parseMoney, toDecimalString } from "../pricing/mod.ts";
import type { Completeness } from "./admin_types.ts";
import {
  ProductKeyTakenError,
  ProductSlugTakenError,
  SkuTakenError,
} from "./product_errors.ts";
import { searchConfig, searchText } from "./search.ts";
import { slugify, uniqueSlug } from "./slug.ts";

type Tx = postgres.TransactionSql;

// Lowercase letters (or letters of scripts without case), digits and marks,
// in runs joined by single hyphens: what slugify() makes of any name.
const SLUG =
  /^[\p{Ll}\p{Lm}\p{Lo}\p{N}\p{M}]+(?:-[\p{Ll}\p{Lm}\p{Lo}\p{N}\p{M}]+)*$/u;
const MAX_SLUG = 120;

/**
 * A slug for the product's copy in `language`: the one given (checked for
 * shape and that no other product uses it: `ProductSlugTakenError`), or one
 * made from `name` with the slug helper, suffixed `-2`, `-3`... when taken.
 */
export async function claimSlug(
  tx: Tx,
  options: {
    language: Language;
    slug?: string;
    name: string;
    productId?: string;
  },
): Promise<string> {
  const { language, slug, productId } = options;
  if (slug !== undefined) {
    if (
      slug.length > MAX_SLUG || !SLUG.test(slug) ||
      slug !== slug.normalize("NFC")
    ) {
      throw new Invalid(
        `The slug '${
          slug.slice(0, 140)
        }' is not valid: use lowercase letters, digits and single hyphens (as '${
          slugify(slug, language)
        }')`,
        {
          code: "invalid_slug",
          details: { language, slug: slug.slice(0, 140) },
        },
      );
    }
    const [taken] = await tx`
      select 1 from catalog.product_localized_details
      where language = ${language} and slug = ${slug}
        and product_id is distinct from ${productId ?? null}::uuid`;
    if (taken) throw new ProductSlugTakenError({ language, slug });
    return slug;
  }
  const base = slugify(options.name, language);
  const rows = await tx`
    select slug from catalog.product_localized_details
    where language = ${language}
      and product_id is distinct from ${productId ?? null}::uuid
      and (slug = ${base} or slug like ${likePrefix(base) + "-%"})`;
  return uniqueSlug(base, new Set(rows.map((row) => row.slug as string)));
}

function likePrefix(text: string): string {
  return text.replace(/[%_\\]/g, "\\$&");
}

/** The search columns of a product's copy in `language`. */
export function searchFields(
  language: Language,
  copy: {
    name: string;
    description: string;
    brand: string;
    categoryName: string;
  },
): { search_config: string; search_name: string; search_body: string } {
  return {
    search_config: searchConfig(language),
    search_name: searchText(language, `${copy.name} ${copy.brand}`),
    search_body: searchText(
      language,
      `${copy.description} ${copy.categoryName}`,
    ),
  };
}

/** A category's name per language, the default language's where missing. */
export async function categoryNames(
  tx: Tx,
  categoryId: string,
): Promise<(language: Language) => string> {
  const rows = await tx`
    select language, name from catalog.category_localized
    where category_id = ${categoryId}`;
  const names = new Map(rows.map((row) => [row.language, row.name as string]));
  return (language) => names.get(language) ?? names.get(DEFAULT_LANGUAGE) ?? "";
}

/**
 * Rewrite the search text of every language of a product from its copy,
 * brand and category (after any of them changed).
 */
export async function refreshSearchText(
  tx: Tx,
  productId: string,
): Promise<void> {
  const [product] = await tx`
    select brand, category_id from catalog.products where id = ${productId}`;
  const category = await categoryNames(tx, product.category_id);
  const rows = await tx`
    select language, name, description from catalog.product_localized_details
    where product_id = ${productId}`;
  for (const row of rows) {
    const language = row.language as Language;
    const fields = searchFields(language, {
      name: row.name,
      description: row.description,
      brand: product.brand,
      categoryName: category(language),
    });
    await tx`
      update catalog.product_localized_details
      set ${tx(fields)}
      where product_id = ${productId} and language = ${language}`;
  }
}

/**
 * Per language of the store: whether `copy` has both a name and a
 * description in it.
 */
export function completenessOf(
  copy: Partial<Record<string, { name: string; description: string } | null>>,
): Completeness {
  return Object.fromEntries(
    LANGUAGES.map((language) => {
      const text = copy[language];
      return [
        language,
        Boolean(text && text.name.trim() && text.description.trim()),
      ];
    }),
  ) as Completeness;
}

/**
 * An exact amount in `currency` as stored: the input read by the pricing
 * module (400 `invalid_amount` for more decimals than the currency has).
 */
export function exactAmount(input: string, currency: string): string {
  return toDecimalString(parseMoney(input, currency));
}

/**
 * A stored `numeric` amount shown in `currency`'s minor units ("49.9000" is
 * "49.90"); as stored when it has more decimals than that (a base currency
 * changed since), so a read never fails on old data.
 */
export function shownAmount(stored: string, currency: string): string {
  try {
    return toDecimalString(parseMoney(stored, currency));
  } catch {
    return stored;
  }
}

function stable(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, v) =>
      v && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(
          Object.entries(v).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0),
        )
        : v,
  );
}

/**
 * What changed from `before` to `after`, as the audit log keeps it: the
 * keys whose values differ, and inside objects on both sides (the copy per
 * language, attributes, alt texts) only the entries that differ, down to
 * single fields. A key on one side only is null on the other. Null when
 * nothing changed.
 */
export function changes(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } | null {
  const was: Record<string, unknown> = {};
  const now: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const [old, value] = [before[key], after[key]];
    if (stable(old) === stable(value)) continue;
    const inner = isRecord(old) && isRecord(value) ? changes(old, value) : null;
    was[key] = inner ? inner.before : old ?? null;
    now[key] = inner ? inner.after : value ?? null;
  }
  return Object.keys(now).length ? { before: was, after: now } : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Run a write, turning a unique violation that slipped past its checks (a
 * concurrent write took the slug, SKU or key between check and insert)
 * into the error the check would have thrown.
 */
export async function mapUniqueViolations<T>(
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const pg = error as {
      code?: string;
      constraint_name?: string;
      detail?: string;
    };
    if (pg?.code !== "23505") throw error;
    // The detail names the values: "Key (language, slug)=(de, messer) ...".
    const values = /\)=\((.*)\)/.exec(pg.detail ?? "")?.[1]?.split(", ") ??
      [];
    switch (pg.constraint_name) {
      case "product_localized_details_language_slug_key":
        throw new ProductSlugTakenError(
          { language: values[0] ?? "", slug: values.slice(1).join(", ") },
          error,
        );
      case "variants_sku_key":
        throw new SkuTakenError(values.join(", "), error);
      case "products_key_key":
        throw new ProductKeyTakenError(values.join(", "), error);
    }
    throw error;
  }
}
