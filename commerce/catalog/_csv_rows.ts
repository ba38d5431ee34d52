/**
 * The columns of the product CSV file and what one row of it means, read
 * and checked on its own (no database): the header is mapped to known
 * columns, each row validated with zod into a {@link CsvRow} or a list of
 * `{ column, message }` errors.
 *
 * One row per variant; product fields repeat on every row of the product.
 * Columns: `product_id`, `product_key`, `status`, `category` (the
 * category's English slug, or its key), `base_price`, `brand`,
 * `name_<lang>` and `description_<lang>` per store language, `sku`,
 * `options` (`color=Black;size=M`), `weight_grams`, `stock` (units on
 * hand), `variant_price` (the variant's own price in the base currency)
 * and `price_<CUR>` per sold currency other than the base one (the
 * product's price-list entry).
 *
 * @module
 */
import { z } from "zod";
import {
  DEFAULT_LANGUAGE,
  isLanguage,
  type Language,
  LANGUAGES,
} from "../localization/mod.ts";
import { minorUnitExponent } from "../pricing/mod.ts";
import { exactAmount } from "./_admin_copy.ts";
import type { ProductStatus } from "./admin_types.ts";
import { InvalidCsvError } from "./csv_errors.ts";

/** The product columns before the per-language ones, as exported. */
const HEAD = [
  "product_id",
  "product_key",
  "status",
  "category",
  "base_price",
  "brand",
] as const;
/** The variant columns after the per-language ones, as exported. */
const VARIANT = [
  "sku",
  "options",
  "weight_grams",
  "stock",
  "variant_price",
] as const;
const REQUIRED = ["category", "base_price", "sku", `name_${DEFAULT_LANGUAGE}`];
const LOCALIZED = /^(name|description)_(.+)$/;
const PRICE = /^price_(.+)$/;

/** What an import knows of the store: its languages and currencies. */
export interface CsvStore {
  baseCurrency: string;
  /** Every currency the store sells (the base one among them). */
  currencies: readonly string[];
}

/** The columns of a file: their position, and which languages and prices. */
export interface CsvLayout {
  /** Each known column's position in a record. */
  columns: Map<string, number>;
  /** Languages with a `name_` column. */
  languages: Language[];
  /** Languages with a `description_` column too. */
  descriptions: Language[];
  /** Currencies with a `price_` column. */
  currencies: string[];
  /** How many fields every record has. */
  width: number;
}

/**
 * The columns an export writes, in order: every language of the store and
 * every sold currency but the base one.
 */
export function exportColumns(store: CsvStore): string[] {
  return [
    ...HEAD,
    ...LANGUAGES.flatMap((l) => [`name_${l}`, `description_${l}`]),
    ...VARIANT,
    ...priceCurrencies(store).map((currency) => `price_${currency}`),
  ];
}

function priceCurrencies(store: CsvStore): string[] {
  return store.currencies.filter((c) => c !== store.baseCurrency);
}

/**
 * Map a header record to the known columns (trimmed, any case; a
 * currency code in upper case). Throws {@link InvalidCsvError} for an
 * unknown, repeated or missing column, a language the store does not have,
 * a currency it does not sell, or a description without its name column.
 */
export function readHeader(
  fields: readonly string[],
  store: CsvStore,
): CsvLayout {
  const known = new Set([...HEAD, ...VARIANT]);
  const sold = priceCurrencies(store);
  const columns = new Map<string, number>();
  const problems: string[] = [];
  const languages: Language[] = [];
  const descriptions: Language[] = [];
  const currencies: string[] = [];
  fields.forEach((raw, position) => {
    let name = raw.trim().toLowerCase();
    const localized = LOCALIZED.exec(name);
    const price = PRICE.exec(name);
    if (localized) {
      const language = localized[2];
      if (!isLanguage(language)) {
        problems.push(
          `'${raw}': the store has no language '${language}' (it has ${
            LANGUAGES.join(", ")
          })`,
        );
        return;
      }
      (localized[1] === "name" ? languages : descriptions).push(language);
    } else if (price) {
      const currency = price[1].toUpperCase();
      name = `price_${currency}`;
      if (currency === store.baseCurrency) {
        problems.push(
          `'${raw}': ${currency} is the base currency, whose price is 'base_price' (or 'variant_price')`,
        );
        return;
      }
      if (!sold.includes(currency)) {
        problems.push(
          `'${raw}': the store does not sell in '${currency}' (it sells in ${
            sold.join(", ")
          })`,
        );
        return;
      }
      currencies.push(currency);
    } else if (!known.has(name as typeof HEAD[number])) {
      problems.push(`'${raw}' is not a column of the product file`);
      return;
    }
    if (columns.has(name)) {
      problems.push(`'${raw}' appears twice`);
      return;
    }
    columns.set(name, position);
  });
  for (const required of REQUIRED) {
    if (!columns.has(required)) problems.push(`'${required}' is missing`);
  }
  for (const language of descriptions) {
    if (!languages.includes(language)) {
      problems.push(
        `'description_${language}' needs a 'name_${language}' column beside it`,
      );
    }
  }
  if (problems.length) {
    throw new InvalidCsvError("The header of the file is not valid", {
      line: 1,
      problems,
    });
  }
  return {
    columns,
    languages: LANGUAGES.filter((l) => languages.includes(l)),
    descriptions: LANGUAGES.filter((l) => descriptions.includes(l)),
    currencies,
    width: fields.length,
  };
}

/** One language's copy on a row: null removes it. */
export type CsvCopy = { name: string; description: string | undefined } | null;

/**
 * One row, read. Product fields are null when the cell is empty and
 * undefined when the file has no such column (then they stay as they are).
 */
export interface CsvRow {
  line: number;
  productId: string | null;
  /** Null: the product has no key (an existing one loses it). */
  key: string | null | undefined;
  /** Null: `draft` for a new product, unchanged for an existing one. */
  status: ProductStatus | null;
  /** The category's English slug or key, as given. */
  category: string;
  /** Exact, in the base currency. */
  basePrice: string;
  brand: string | undefined;
  /** The languages with a `name_` column. */
  copy: Partial<Record<Language, CsvCopy>>;
  /** The currencies with a `price_` column: the entry, or null for none. */
  prices: Record<string, string | null>;
  /** Null: the row carries only product fields (a product without variants). */
  sku: string | null;
  options: Record<string, string> | undefined;
  weightGrams: number | null | undefined;
  /** Units on hand; null: unchanged (0 for a new variant). */
  stock: number | null;
  priceOverride: string | null | undefined;
}

/** One problem of a row: the column (null: the row as a whole) and why. */
export interface CsvCellError {
  column: string | null;
  message: string;
}

const DECIMAL = /^\d{1,15}(\.\d{1,4})?$/;
const KEY = /^[a-z0-9][a-z0-9_-]*$/;
const SKU = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
const CODE = /^[a-z][a-z0-9_]{0,39}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Ctx = z.RefinementCtx;

function fail(ctx: Ctx, message: string): typeof z.NEVER {
  ctx.addIssue({ code: "custom", message });
  return z.NEVER;
}

const cell = z.string().trim();

function text(max: number) {
  return cell.max(max, `must be at most ${max} characters`);
}

/** An exact amount in `currency`, or null for an empty cell unless required. */
function amount(currency: string, required = false) {
  return cell.transform((value, ctx) => {
    if (!value) return required ? fail(ctx, "is required") : null;
    if (!DECIMAL.test(value)) {
      return fail(
        ctx,
        `must be a decimal such as '12.50', not '${clip(value)}'`,
      );
    }
    try {
      return exactAmount(value, currency);
    } catch {
      const digits = minorUnitExponent(currency);
      return fail(
        ctx,
        digits
          ? `'${value}' is not exact in ${currency}, which has ${digits} decimal places`
          : `'${value}' is not exact in ${currency}, which has no decimals`,
      );
    }
  });
}

/** A whole number from 0 to 1,000,000, or null for an empty cell. */
const units = cell.transform((value, ctx) => {
  if (!value) return null;
  if (!/^\d{1,7}$/.test(value) || Number(value) > 1_000_000) {
    return fail(
      ctx,
      `must be a whole number from 0 to 1000000, not '${clip(value)}'`,
    );
  }
  return Number(value);
});

const options = cell.transform((value, ctx) => {
  const parsed = parseOptions(value);
  return typeof parsed === "string" ? fail(ctx, parsed) : parsed;
});

function clip(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

/**
 * Options as written in the file, `color=Black;size=M`: name=value pairs
 * split by `;` (a `;` or `\` inside a value is escaped with `\`). The
 * options, or what is wrong with them.
 */
export function parseOptions(value: string): Record<string, string> | string {
  const pairs: string[][] = [];
  let current = [""];
  for (let i = 0; i < value.length; i++) {
    const char = value[i];
    if (
      char === "\\" && i + 1 < value.length && "\\;=".includes(value[i + 1])
    ) {
      current[current.length - 1] += value[++i];
    } else if (char === ";") {
      pairs.push(current);
      current = [""];
    } else if (char === "=" && current.length === 1) {
      current.push("");
    } else {
      current[current.length - 1] += char;
    }
  }
  pairs.push(current);
  const result: Record<string, string> = {};
  for (const pair of pairs) {
    if (pair.length === 1 && !pair[0].trim()) continue;
    if (pair.length === 1) {
      return `'${
        clip(pair[0].trim())
      }' is not name=value (as 'color=Black;size=M')`;
    }
    const name = pair[0].trim();
    const option = pair[1].trim();
    if (!CODE.test(name)) {
      return `the option name '${
        clip(name)
      }' must be a lowercase code such as 'color'`;
    }
    if (!option) return `the option '${name}' has no value`;
    if (option.length > 100) {
      return `the value of '${name}' must be at most 100 characters`;
    }
    if (name in result) return `the option '${name}' is given twice`;
    result[name] = option;
  }
  if (Object.keys(result).length > 10) return "at most 10 options";
  return result;
}

/**
 * Options as the file writes them: by name, `;` and `\` in values
 * escaped, so {@link parseOptions} reads them back the same.
 */
export function formatOptions(options: Record<string, string>): string {
  return Object.keys(options).sort().map((name) =>
    `${name}=${String(options[name]).replace(/[\\;]/g, "\\$&")}`
  ).join(";");
}

/** The zod schema of one row of a file with `layout`. */
function rowSchema(layout: CsvLayout, store: CsvStore) {
  const shape: Record<string, z.ZodType> = {
    product_id: cell.transform((value, ctx) =>
      !value
        ? null
        : UUID.test(value)
        ? value.toLowerCase()
        : fail(ctx, `must be a product id (a UUID), not '${clip(value)}'`)
    ),
    product_key: cell.transform((value, ctx) =>
      !value ? null : value.length <= 100 && KEY.test(value) ? value : fail(
        ctx,
        `must be lowercase letters, digits, '-' and '_', not '${clip(value)}'`,
      )
    ),
    status: cell.transform((value, ctx) =>
      !value
        ? null
        : ["draft", "active", "archived"].includes(value)
        ? value
        : fail(ctx, `must be draft, active or archived, not '${clip(value)}'`)
    ),
    category: text(200).min(1, "is required"),
    base_price: amount(store.baseCurrency, true),
    brand: text(100),
    sku: cell.transform((value, ctx) =>
      !value ? null : value.length <= 64 && SKU.test(value) ? value : fail(
        ctx,
        `must be letters, digits, '.', '_', '/' and '-' (at most 64), not '${
          clip(value)
        }'`,
      )
    ),
    options,
    weight_grams: units,
    stock: units,
    variant_price: amount(store.baseCurrency),
  };
  for (const language of layout.languages) {
    shape[`name_${language}`] = language === DEFAULT_LANGUAGE
      ? text(200).min(
        1,
        `is required (${DEFAULT_LANGUAGE} is the default language)`,
      )
      : text(200);
  }
  for (const language of layout.descriptions) {
    shape[`description_${language}`] = text(20_000);
  }
  for (const currency of layout.currencies) {
    shape[`price_${currency}`] = amount(currency);
  }
  const present = Object.fromEntries(
    Object.entries(shape).filter(([column]) => layout.columns.has(column)),
  );
  return z.object(present);
}

/**
 * What depends on more than one cell of a row, checked on the trimmed
 * cells whatever zod found: a description needs its name, and a row
 * without a SKU (product fields only) has no variant fields.
 */
function crossChecks(
  cells: Record<string, string>,
  layout: CsvLayout,
): CsvCellError[] {
  const errors: CsvCellError[] = [];
  for (const language of layout.descriptions) {
    // The default language's name is required anyway (zod says so).
    if (language === DEFAULT_LANGUAGE) continue;
    if (!cells[`name_${language}`] && cells[`description_${language}`]) {
      errors.push({
        column: `name_${language}`,
        message: `is required with a description in '${language}'`,
      });
    }
  }
  if (!cells.sku) {
    for (const column of VARIANT) {
      if (column !== "sku" && cells[column]) {
        errors.push({
          column,
          message: "needs a SKU on the row (a row without one is product only)",
        });
      }
    }
  }
  return errors;
}

/** A row of the file, or why it cannot be read. */
export type RowReading =
  | { ok: true; row: CsvRow }
  | { ok: false; errors: CsvCellError[]; sku?: string };

/** Read rows of a file with `layout`: one zod parse per row. */
export function rowReader(
  layout: CsvLayout,
  store: CsvStore,
): (record: { line: number; fields: readonly string[] }) => RowReading {
  const schema = rowSchema(layout, store);
  const names = [...layout.columns.keys()];
  return ({ line, fields }) => {
    const skuAt = layout.columns.get("sku")!;
    const sku = fields[skuAt]?.trim() || undefined;
    if (fields.length !== layout.width) {
      return {
        ok: false,
        sku,
        errors: [{
          column: null,
          message:
            `has ${fields.length} fields where the header has ${layout.width}`,
        }],
      };
    }
    const input = Object.fromEntries(
      names.map((column) => [column, fields[layout.columns.get(column)!]]),
    );
    const parsed = schema.safeParse(input);
    const errors = [
      ...(parsed.success ? [] : parsed.error.issues.map((issue) => ({
        column: String(issue.path[0] ?? "") || null,
        message: issue.message,
      }))),
      ...crossChecks(
        Object.fromEntries(
          Object.entries(input).map((
            [column, value],
          ) => [column, value.trim()]),
        ),
        layout,
      ),
    ];
    if (!parsed.success || errors.length) {
      const at = (column: string | null) =>
        column === null ? -1 : layout.columns.get(column) ?? -1;
      return {
        ok: false,
        sku,
        errors: errors.sort((a, b) => at(a.column) - at(b.column)),
      };
    }
    const data = parsed.data as Record<string, unknown>;
    const copy: Partial<Record<Language, CsvCopy>> = {};
    for (const language of layout.languages) {
      const name = data[`name_${language}`] as string;
      const description = data[`description_${language}`] as
        | string
        | undefined;
      copy[language] = name ? { name, description } : null;
    }
    const prices: Record<string, string | null> = {};
    for (const currency of layout.currencies) {
      prices[currency] = data[`price_${currency}`] as string | null;
    }
    return {
      ok: true,
      row: {
        line,
        productId: (data.product_id as string | null | undefined) ?? null,
        key: data.product_key as string | null | undefined,
        status: (data.status as ProductStatus | null | undefined) ?? null,
        category: data.category as string,
        basePrice: data.base_price as string,
        brand: data.brand as string | undefined,
        copy,
        prices,
        sku: data.sku as string | null,
        options: data.options as Record<string, string> | undefined,
        weightGrams: data.weight_grams as number | null | undefined,
        stock: (data.stock as number | null | undefined) ?? null,
        priceOverride: data.variant_price as string | null | undefined,
      },
    };
  };
}
