/**
 * Bulk product CSV: export the whole catalog as one row per variant, and
 * import such a file back, as a dry run (`validate`) or for real
 * (`commit`). The columns are described in `_csv_rows.ts`.
 *
 * An import reads every row on its own (zod), then against the catalog:
 * the product each row names (by `product_id`, else `product_key`, else
 * the variant's SKU; none of these: a new product), a known category, a
 * SKU used once in the file and by no other product, product fields the
 * same on every row of a product, stock not below what orders reserved.
 * A commit applies the whole file in one transaction, and only when no row
 * was rejected: otherwise {@link CsvImportRejectedError} (422) and nothing
 * is written. It keeps the rules of the product admin writes: slugs made
 * per language from the name (unique in the language), search text beside
 * each copy, stock changes kept as stock movements, one audit row per
 * product created (`product.create`) or updated (`product.update`, with
 * what changed) plus one `product.import` row with the counts; then the
 * price index of the products whose prices moved is rebuilt once and the
 * catalog version bumped once. A file that changes nothing writes nothing.
 *
 * @module
 */
import type postgres from "postgres";
import type { Sql } from "../../db/client.ts";
import { recordAudit } from "../admin/mod.ts";
import {
  DEFAULT_LANGUAGE,
  type Language,
  LANGUAGES,
} from "../localization/mod.ts";
import { CsvSyntaxError, parseCsv, writeCsv } from "./_csv.ts";
import {
  type CsvCopy,
  type CsvLayout,
  type CsvRow,
  exportColumns,
  formatOptions,
  readHeader,
  rowReader,
} from "./_csv_rows.ts";
import {
  changes,
  mapUniqueViolations,
  searchFields,
  shownAmount,
} from "./_admin_copy.ts";
import type {
  ProductAdminDeps,
  ProductAdminReadDeps,
  ProductStatus,
} from "./admin_types.ts";
import { INITIAL_STOCK_REASON } from "./admin_variants.ts";
import { CsvImportRejectedError, InvalidCsvError } from "./csv_errors.ts";
import type {
  CsvImportMode,
  CsvImportReport,
  CsvRejectedRow,
} from "./csv_types.ts";
import { StockBelowReservedError } from "./product_errors.ts";
import { slugify, uniqueSlug } from "./slug.ts";
import { settleCatalogWrite } from "./writes.ts";

type Tx = postgres.TransactionSql;
type Db = Sql | Tx;

/** The reason recorded for stock on hand set by an import. */
export const CSV_IMPORT_STOCK_REASON = "CSV import";

/** The most data rows one file may hold. */
export const MAX_CSV_ROWS = 20_000;

// Rows per multi-row insert: well under Postgres's 65,535 parameters.
const CHUNK = 500;
const BOM = "\uFEFF";

/** A product CSV export: the file's name and text. */
export interface ProductCsvFile {
  /** `products-YYYY-MM-DD.csv` (UTC). */
  filename: string;
  /** UTF-8 with a byte order mark (spreadsheets read the scripts right). */
  csv: string;
  /** Data rows written. */
  rows: number;
}

/**
 * Every product of every status as CSV, one row per variant (a product
 * without variants: one row with the variant columns empty), products in
 * the order they were created, variants by position. The same file
 * imports back unchanged.
 */
export async function exportProductsCsv(
  deps: ProductAdminReadDeps,
  options: { now?: Date } = {},
): Promise<ProductCsvFile> {
  const store = {
    baseCurrency: deps.baseCurrency,
    currencies: deps.currencies,
  };
  const columns = exportColumns(store);
  const { products, details, variants, prices } = await deps.sql.begin(
    "isolation level repeatable read, read only",
    async (tx) => {
      const [products, details, variants, prices] = await Promise.all([
        tx`
          select p.id, p.key, p.status, p.brand,
                 p.base_price::text as base_price,
                 coalesce(cl.slug, c.key) as category
          from catalog.products p
          join catalog.categories c on c.id = p.category_id
          left join catalog.category_localized cl
            on cl.category_id = c.id and cl.language = ${DEFAULT_LANGUAGE}
          order by p.created_at, p.id`,
        tx`
          select product_id, language, name, description
          from catalog.product_localized_details`,
        tx`
          select v.product_id, v.sku, v.options, v.weight_grams,
                 v.price_override::text as price_override,
                 coalesce(i.quantity, 0) as quantity
          from catalog.variants v
          left join catalog.inventory i on i.variant_id = v.id
          order by v.position, v.sku`,
        tx`
          select product_id, currency, amount::text as amount
          from catalog.price_list_entries`,
      ]);
      return { products, details, variants, prices };
    },
  );
  const group = <T extends postgres.Row>(rows: readonly T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) {
      const list = map.get(row.product_id) ?? [];
      list.push(row);
      map.set(row.product_id, list);
    }
    return map;
  };
  const copyOf = group(details);
  const variantsOf = group(variants);
  const pricesOf = group(prices);
  const records: string[][] = [columns];
  for (const product of products) {
    const copy = new Map(
      (copyOf.get(product.id) ?? []).map((d) => [d.language, d]),
    );
    const listed = new Map(
      (pricesOf.get(product.id) ?? []).map((p) => [p.currency, p.amount]),
    );
    const values: Record<string, string> = {
      product_id: product.id,
      product_key: product.key ?? "",
      status: product.status,
      category: product.category,
      base_price: shownAmount(product.base_price, deps.baseCurrency),
      brand: product.brand,
    };
    for (const language of LANGUAGES) {
      values[`name_${language}`] = copy.get(language)?.name ?? "";
      values[`description_${language}`] = copy.get(language)?.description ??
        "";
    }
    for (const currency of deps.currencies) {
      const amount = listed.get(currency);
      values[`price_${currency}`] = amount === undefined
        ? ""
        : shownAmount(amount, currency);
    }
    const own = variantsOf.get(product.id) ?? [];
    for (const variant of own.length ? own : [null]) {
      const row = { ...values };
      if (variant) {
        row.sku = variant.sku;
        row.options = formatOptions(variant.options ?? {});
        row.weight_grams = variant.weight_grams === null
          ? ""
          : String(variant.weight_grams);
        row.stock = String(variant.quantity);
        row.variant_price = variant.price_override === null
          ? ""
          : shownAmount(variant.price_override, deps.baseCurrency);
      }
      records.push(columns.map((column) => row[column] ?? ""));
    }
  }
  const day = (options.now ?? new Date()).toISOString().slice(0, 10);
  return {
    filename: `products-${day}.csv`,
    csv: BOM + writeCsv(records),
    rows: records.length - 1,
  };
}

// ---------------------------------------------------------------------------
// Import

/** A product as the catalog holds it, in the terms of the file. */
interface Existing {
  id: string;
  key: string | null;
  status: ProductStatus;
  categoryId: string;
  brand: string;
  basePrice: string;
  copy: Map<Language, { name: string; description: string; slug: string }>;
  /** Price-list entries, shown in their currency's minor units. */
  prices: Map<string, string>;
  variants: Map<string, ExistingVariant>;
  nextPosition: number;
}

interface ExistingVariant {
  id: string;
  options: Record<string, string>;
  weightGrams: number | null;
  priceOverride: string | null;
  quantity: number;
  reserved: number;
  hasInventory: boolean;
}

/** The rows of one product in the file, and what they change. */
interface Group {
  existing: Existing | null;
  rows: CsvRow[];
  categoryId: string;
  rejected: boolean;
}

/** What applying one product's rows does. */
interface ProductPlan {
  id: string;
  created: boolean;
  group: Group;
  /** Column name → value, for `catalog.products`. */
  set: Record<string, unknown>;
  /** Final copy of the languages the file names (null: removed). */
  copy: Partial<Record<Language, CsvCopy>>;
  prices: Record<string, string | null>;
  newVariants: CsvRow[];
  variantUpdates: { row: CsvRow; variant: ExistingVariant }[];
  stock: { row: CsvRow; variant: ExistingVariant; quantity: number }[];
  /** Whether the price index of the product must be rebuilt. */
  reprice: boolean;
  /** Whether the search text of every language must be rewritten. */
  research: boolean;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
  /** Whether anything of an existing product changes (always, for a new one). */
  changed: boolean;
}

const same = (a: unknown, b: unknown) => stable(a) === stable(b);

function stable(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, v) =>
      v && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(
          Object.entries(v).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0),
        )
        : v,
  ) ?? "undefined";
}

function decode(body: string | Uint8Array): string {
  let text: string;
  if (typeof body === "string") {
    text = body;
  } else {
    try {
      // Drops a leading byte order mark.
      text = new TextDecoder("utf-8", { fatal: true }).decode(body);
    } catch (cause) {
      throw new InvalidCsvError(
        "The file is not UTF-8 text",
        { line: 1 },
        cause,
      );
    }
  }
  const nul = text.indexOf("\0");
  if (nul >= 0) {
    const line = text.slice(0, nul).split("\n").length;
    throw new InvalidCsvError(`Line ${line} contains a NUL character`, {
      line,
    });
  }
  return text;
}

interface ReadFile {
  layout: CsvLayout;
  rows: CsvRow[];
  total: number;
  rejected: Map<number, CsvRejectedRow>;
}

function readFile(
  body: string | Uint8Array,
  store: { baseCurrency: string; currencies: readonly string[] },
): ReadFile {
  let records;
  try {
    records = parseCsv(decode(body));
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    throw new InvalidCsvError(
      `The file is not valid CSV: ${error.message}`,
      { line: error.line },
      error,
    );
  }
  if (!records.length) {
    throw new InvalidCsvError("The file is empty: it needs a header row", {
      line: 1,
    });
  }
  if (records.length - 1 > MAX_CSV_ROWS) {
    throw new InvalidCsvError(
      `The file has ${
        records.length - 1
      } rows: at most ${MAX_CSV_ROWS} at once`,
      { line: records[MAX_CSV_ROWS + 1].line },
    );
  }
  const layout = readHeader(records[0].fields, store);
  const read = rowReader(layout, store);
  const rows: CsvRow[] = [];
  const rejected = new Map<number, CsvRejectedRow>();
  for (const record of records.slice(1)) {
    const reading = read(record);
    if (reading.ok) rows.push(reading.row);
    else {
      rejected.set(record.line, {
        line: record.line,
        ...(reading.sku ? { sku: reading.sku } : {}),
        errors: reading.errors,
      });
    }
  }
  return { layout, rows, total: records.length - 1, rejected };
}

/**
 * Import a product CSV file (`body`: its bytes, UTF-8, or its text):
 * `validate` reports what a commit would do and writes nothing;
 * `commit` applies every row in one transaction when none is rejected.
 * Throws `InvalidCsvError` (400) for a file that is not a readable
 * product CSV, `CsvImportRejectedError` (422, with the report) for a
 * commit with rejected rows, and a 409 when a concurrent write took a SKU,
 * key or reserved stock between the checks and the writes.
 */
export async function importProductsCsv(
  deps: ProductAdminDeps,
  options: { body: string | Uint8Array; mode: CsvImportMode },
): Promise<CsvImportReport> {
  const { mode } = options;
  const store = {
    baseCurrency: deps.baseCurrency,
    currencies: deps.currencies,
  };
  const file = readFile(options.body, store);
  if (mode === "validate") {
    const { report } = await planImport(deps.sql, {
      file,
      mode,
      lock: false,
      baseCurrency: deps.baseCurrency,
    });
    return report;
  }
  const outcome = await mapUniqueViolations(() =>
    deps.sql.begin(async (tx) => {
      // One import at a time; products and variants it touches are locked.
      await tx`select pg_advisory_xact_lock(hashtext('catalog csv import'))`;
      const planned = await planImport(tx, {
        file,
        mode,
        lock: true,
        baseCurrency: deps.baseCurrency,
      });
      if (planned.report.rejected.length) {
        throw new CsvImportRejectedError(planned.report);
      }
      const changed = planned.plans.filter((p) => p.created || p.changed);
      if (!changed.length) return { report: planned.report, reprice: null };
      await applyPlans(tx, { deps, plans: changed });
      await recordAudit(tx, deps.actor, {
        action: "product.import",
        entityType: "product_import",
        entityId: crypto.randomUUID(),
        after: {
          rows: planned.report.rows,
          products: planned.report.products,
          created: planned.report.created,
          updated: planned.report.updated,
          unchanged: planned.report.unchanged,
          createdIds: changed.filter((p) => p.created).map((p) => p.id),
          updatedIds: changed.filter((p) => !p.created).map((p) => p.id),
        },
      });
      return {
        report: planned.report,
        reprice: changed.filter((p) => p.reprice).map((p) => p.id),
      };
    })
  );
  if (outcome.reprice) {
    await settleCatalogWrite(deps, { reprice: outcome.reprice });
  }
  return outcome.report;
}

interface Planned {
  report: CsvImportReport;
  plans: ProductPlan[];
}

async function planImport(
  db: Db,
  options: {
    file: ReadFile;
    mode: CsvImportMode;
    lock: boolean;
    baseCurrency: string;
  },
): Promise<Planned> {
  const { file, mode, lock, baseCurrency } = options;
  const { layout } = file;
  // Rows rejected on their own, and those the catalog rejects below.
  const rejected = new Map(
    [...file.rejected].map(([line, row]) => [
      line,
      { ...row, errors: [...row.errors] },
    ]),
  );
  const reject = (row: CsvRow, column: string | null, message: string) => {
    const entry = rejected.get(row.line) ??
      { line: row.line, ...(row.sku ? { sku: row.sku } : {}), errors: [] };
    entry.errors.push({ column, message });
    rejected.set(row.line, entry);
  };

  const ids = [...new Set(file.rows.flatMap((r) => r.productId ?? []))];
  const keys = [...new Set(file.rows.flatMap((r) => r.key ?? []))];
  const skus = [...new Set(file.rows.flatMap((r) => r.sku ?? []))];
  const [known, skuRows, categories] = await Promise.all([
    db`
      select id, key from catalog.products
      where id = any(${ids}::uuid[]) or key = any(${keys}::text[])`,
    db`
      select v.sku, v.product_id, p.key from catalog.variants v
      join catalog.products p on p.id = v.product_id
      where v.sku = any(${skus}::text[])`,
    db`
      select c.id, c.key, cl.slug from catalog.categories c
      left join catalog.category_localized cl
        on cl.category_id = c.id and cl.language = ${DEFAULT_LANGUAGE}`,
  ]);
  const knownIds = new Set(known.map((p) => p.id as string));
  const idOfKey = new Map(known.filter((p) => p.key).map((p) => [p.key, p.id]));
  const skuOwner = new Map(skuRows.map((v) => [v.sku as string, v]));
  const categoryBySlug = new Map<string, string>();
  const categoryByKey = new Map<string, string>();
  for (const category of categories) {
    if (category.slug) categoryBySlug.set(category.slug, category.id);
    categoryByKey.set(category.key, category.id);
  }

  // Which product each row names, and its category.
  const refs = new Map<string, { rows: CsvRow[]; categoryIds: string[] }>();
  // Where each SKU first appears, rejected rows included: a duplicate is
  // named even when the first row has problems of its own.
  const firstLineOfSku = new Map<string, number>();
  const sightings = [
    ...file.rows.flatMap((r) => r.sku ? [[r.sku, r.line] as const] : []),
    ...[...rejected.values()].flatMap((r) =>
      r.sku ? [[r.sku, r.line] as const] : []
    ),
  ].sort((a, b) => a[1] - b[1]);
  for (const [sku, line] of sightings) {
    if (!firstLineOfSku.has(sku)) firstLineOfSku.set(sku, line);
  }
  for (const row of file.rows) {
    let ref: string | null = null;
    if (row.productId) {
      if (knownIds.has(row.productId)) ref = `id:${row.productId}`;
      else reject(row, "product_id", `No product '${row.productId}'`);
    } else if (row.key) {
      const id = idOfKey.get(row.key);
      ref = id ? `id:${id}` : `key:${row.key}`;
    } else if (row.sku && skuOwner.has(row.sku)) {
      ref = `id:${skuOwner.get(row.sku)!.product_id}`;
    } else {
      ref = `line:${row.line}`;
    }
    const categoryId = categoryBySlug.get(row.category) ??
      categoryByKey.get(row.category);
    if (!categoryId) {
      reject(
        row,
        "category",
        `No category '${row.category}' (give its English slug or its key)`,
      );
    }
    if (row.sku) {
      const first = firstLineOfSku.get(row.sku)!;
      const owner = skuOwner.get(row.sku);
      if (first < row.line) {
        reject(row, "sku", `The SKU '${row.sku}' is also on line ${first}`);
      } else if (owner && ref !== `id:${owner.product_id}`) {
        reject(
          row,
          "sku",
          `The SKU '${row.sku}' is used by another product (${
            owner.key ? `'${owner.key}'` : owner.product_id
          })`,
        );
      }
    }
    if (!ref || rejected.has(row.line)) continue;
    const entry = refs.get(ref) ?? { rows: [], categoryIds: [] };
    entry.rows.push(row);
    entry.categoryIds.push(categoryId!);
    refs.set(ref, entry);
  }

  const loaded = await loadProducts(db, {
    ids: [...refs.keys()].flatMap((r) => r.startsWith("id:") ? r.slice(3) : []),
    lock,
    baseCurrency,
  });
  const plans: Planned["plans"] = [];
  const keyClaims = new Map<string, number>();
  for (const [ref, entry] of refs) {
    const existing = ref.startsWith("id:")
      ? loaded.get(ref.slice(3)) ?? null
      : null;
    if (ref.startsWith("id:") && !existing) {
      // Gone since the rows were resolved (a dry run locks nothing).
      for (const row of entry.rows) {
        reject(row, null, `The product '${ref.slice(3)}' no longer exists`);
      }
      continue;
    }
    const group: Group = {
      existing,
      rows: entry.rows,
      categoryId: entry.categoryIds[0],
      rejected: false,
    };
    const refuse = (row: CsvRow, column: string, message: string) => {
      reject(row, column, message);
      group.rejected = true;
    };
    const [first] = entry.rows;
    const fields = productFields(first, group.categoryId, layout);
    entry.rows.forEach((row, index) => {
      if (!index) return;
      const theirs = productFields(row, entry.categoryIds[index], layout);
      for (const [column, value] of fields) {
        if (!same(value, theirs.get(column))) {
          refuse(
            row,
            column,
            `differs from line ${first.line}, which names the same product`,
          );
        }
      }
    });
    const plan = planProduct(group, layout);
    const key = plan.after.key as string | null;
    if (key && key !== existing?.key) {
      const owner = idOfKey.get(key);
      if (owner && owner !== existing?.id) {
        refuse(
          first,
          "product_key",
          `The product key '${key}' is used by another product`,
        );
      }
    }
    if (key) {
      const claimed = keyClaims.get(key);
      if (claimed !== undefined) {
        refuse(
          first,
          "product_key",
          `The product key '${key}' is also given to the product on line ${claimed}`,
        );
      } else keyClaims.set(key, first.line);
    }
    if (
      plan.after.status === "active" &&
      !Object.keys(plan.after.variants as object).length
    ) {
      refuse(
        first,
        "status",
        "An active product needs a variant: give its SKU",
      );
    }
    for (const { row, variant, quantity } of plan.stock) {
      if (quantity < variant.reserved) {
        refuse(
          row,
          "stock",
          `${variant.reserved} units of '${row.sku}' are reserved by orders: stock cannot go below that`,
        );
      }
    }
    plans.push(plan);
  }

  const valid = plans.filter((p) => !p.group.rejected);
  const report: CsvImportReport = {
    mode,
    rows: file.total,
    products: refs.size,
    created: valid.filter((p) => p.created).length,
    updated: valid.filter((p) => !p.created && p.changed).length,
    unchanged: valid.filter((p) => !p.created && !p.changed).length,
    rejected: [...rejected.values()].sort((a, b) => a.line - b.line),
  };
  return { report, plans };
}

/** The product fields of a row, by column, as rows of one product must agree on. */
function productFields(
  row: CsvRow,
  categoryId: string,
  layout: CsvLayout,
): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  if (layout.columns.has("product_key")) fields.set("product_key", row.key);
  if (layout.columns.has("status")) fields.set("status", row.status);
  fields.set("category", categoryId);
  fields.set("base_price", row.basePrice);
  if (layout.columns.has("brand")) fields.set("brand", row.brand);
  for (const language of layout.languages) {
    const copy = row.copy[language];
    fields.set(`name_${language}`, copy?.name ?? "");
    if (layout.descriptions.includes(language)) {
      fields.set(`description_${language}`, copy?.description ?? "");
    }
  }
  for (const currency of layout.currencies) {
    fields.set(`price_${currency}`, row.prices[currency]);
  }
  return fields;
}

/** What the audit log keeps of a product in the terms of the file. */
function stateOf(existing: Existing): Record<string, unknown> {
  return {
    key: existing.key,
    status: existing.status,
    categoryId: existing.categoryId,
    brand: existing.brand,
    basePrice: existing.basePrice,
    copy: Object.fromEntries(
      [...existing.copy].map(([language, c]) => [language, {
        name: c.name,
        description: c.description,
      }]),
    ),
    prices: Object.fromEntries(existing.prices),
    variants: Object.fromEntries(
      [...existing.variants].map(([sku, v]) => [sku, {
        options: v.options,
        weightGrams: v.weightGrams,
        priceOverride: v.priceOverride,
        quantity: v.quantity,
      }]),
    ),
  };
}

const EMPTY: Existing = {
  id: "",
  key: null,
  status: "draft",
  categoryId: "",
  brand: "",
  basePrice: "",
  copy: new Map(),
  prices: new Map(),
  variants: new Map(),
  nextPosition: 0,
};

/** What applying a group's rows to its product (or a new one) does. */
function planProduct(
  group: Group,
  layout: CsvLayout,
): ProductPlan {
  const { existing } = group;
  const current = existing ?? EMPTY;
  const first = group.rows[0];
  const has = (column: string) => layout.columns.has(column);
  const before = existing ? stateOf(existing) : null;
  const after = stateOf(current);
  const set: Record<string, unknown> = {};

  const key = has("product_key") ? first.key ?? null : current.key;
  if (!existing || key !== current.key) set.key = key;
  const status = first.status ?? current.status;
  if (!existing || status !== current.status) set.status = status;
  if (group.categoryId !== current.categoryId) {
    set.category_id = group.categoryId;
  }
  const brand = has("brand") ? first.brand ?? "" : current.brand;
  if (!existing || brand !== current.brand) set.brand = brand;
  if (first.basePrice !== current.basePrice) set.base_price = first.basePrice;
  Object.assign(after, {
    key,
    status,
    categoryId: group.categoryId,
    brand,
    basePrice: first.basePrice,
  });

  const copy: Partial<Record<Language, CsvCopy>> = {};
  const afterCopy = after.copy as Record<string, unknown>;
  for (const language of layout.languages) {
    const given = first.copy[language] ?? null;
    const old = current.copy.get(language);
    if (!given) {
      if (old) {
        copy[language] = null;
        delete afterCopy[language];
      }
      continue;
    }
    const description = given.description ?? old?.description ?? "";
    if (old && old.name === given.name && old.description === description) {
      continue;
    }
    copy[language] = { name: given.name, description };
    afterCopy[language] = { name: given.name, description };
  }

  const prices: Record<string, string | null> = {};
  const afterPrices = after.prices as Record<string, string>;
  for (const currency of layout.currencies) {
    const given = first.prices[currency];
    const old = current.prices.get(currency) ?? null;
    if (given === old) continue;
    prices[currency] = given;
    if (given === null) delete afterPrices[currency];
    else afterPrices[currency] = given;
  }

  const newVariants: CsvRow[] = [];
  const variantUpdates: ProductPlan["variantUpdates"] = [];
  const stock: ProductPlan["stock"] = [];
  const afterVariants = after.variants as Record<string, unknown>;
  for (const row of group.rows) {
    if (!row.sku) continue;
    const variant = current.variants.get(row.sku);
    if (!variant) {
      newVariants.push(row);
      afterVariants[row.sku] = {
        options: row.options ?? {},
        weightGrams: row.weightGrams ?? null,
        priceOverride: row.priceOverride ?? null,
        quantity: row.stock ?? 0,
      };
      continue;
    }
    const next = {
      options: row.options ?? variant.options,
      weightGrams: row.weightGrams === undefined
        ? variant.weightGrams
        : row.weightGrams,
      priceOverride: row.priceOverride === undefined
        ? variant.priceOverride
        : row.priceOverride,
      quantity: row.stock ?? variant.quantity,
    };
    afterVariants[row.sku] = next;
    if (
      !same(next.options, variant.options) ||
      next.weightGrams !== variant.weightGrams ||
      next.priceOverride !== variant.priceOverride
    ) {
      variantUpdates.push({ row, variant });
    }
    if (next.quantity !== variant.quantity) {
      stock.push({ row, variant, quantity: next.quantity });
    }
  }

  const research = Boolean(
    existing && ("brand" in set || "category_id" in set),
  );
  const reprice = !existing || "base_price" in set ||
    Object.keys(prices).length > 0 || newVariants.length > 0 ||
    variantUpdates.some(({ row, variant }) =>
      row.priceOverride !== undefined &&
      row.priceOverride !== variant.priceOverride
    );
  return {
    id: existing?.id ?? crypto.randomUUID(),
    created: !existing,
    group,
    set,
    copy,
    prices,
    newVariants,
    variantUpdates,
    stock,
    reprice,
    research,
    before,
    after,
    changed: !existing || !same(before, after),
  };
}

/** The products `ids` as the file sees them, locked for a commit. */
async function loadProducts(
  db: Db,
  options: { ids: string[]; lock: boolean; baseCurrency: string },
): Promise<Map<string, Existing>> {
  const { ids, lock, baseCurrency } = options;
  if (!ids.length) return new Map();
  const forUpdate = lock ? db`for update` : db``;
  const [products, details, variants, inventory, prices] = await Promise.all([
    db`
      select id, key, status, category_id, brand, base_price::text as base
      from catalog.products where id = any(${ids}::uuid[])
      ${forUpdate}`,
    db`
      select product_id, language, name, description, slug
      from catalog.product_localized_details
      where product_id = any(${ids}::uuid[])`,
    db`
      select id, product_id, sku, options, weight_grams, position,
             price_override::text as price_override
      from catalog.variants where product_id = any(${ids}::uuid[])
      ${forUpdate}`,
    db`
      select i.variant_id, i.quantity, i.reserved
      from catalog.inventory i join catalog.variants v on v.id = i.variant_id
      where v.product_id = any(${ids}::uuid[])
      ${lock ? db`for update of i` : db``}`,
    db`
      select product_id, currency, amount::text as amount
      from catalog.price_list_entries where product_id = any(${ids}::uuid[])`,
  ]);
  const result = new Map<string, Existing>();
  for (const p of products) {
    result.set(p.id, {
      id: p.id,
      key: p.key,
      status: p.status,
      categoryId: p.category_id,
      brand: p.brand,
      basePrice: shownAmount(p.base, baseCurrency),
      copy: new Map(),
      prices: new Map(),
      variants: new Map(),
      nextPosition: 0,
    });
  }
  for (const d of details) {
    result.get(d.product_id)!.copy.set(d.language, {
      name: d.name,
      description: d.description,
      slug: d.slug,
    });
  }
  for (const e of prices) {
    result.get(e.product_id)!.prices.set(
      e.currency,
      shownAmount(e.amount, e.currency),
    );
  }
  const stock = new Map(inventory.map((i) => [i.variant_id, i]));
  for (const v of variants) {
    const product = result.get(v.product_id)!;
    const counted = stock.get(v.id);
    product.variants.set(v.sku, {
      id: v.id,
      options: v.options ?? {},
      weightGrams: v.weight_grams,
      priceOverride: v.price_override === null
        ? null
        : shownAmount(v.price_override, baseCurrency),
      quantity: counted?.quantity ?? 0,
      reserved: counted?.reserved ?? 0,
      hasInventory: Boolean(counted),
    });
    product.nextPosition = Math.max(product.nextPosition, v.position + 1);
  }
  return result;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function* chunks<T>(rows: readonly T[], size = CHUNK): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

/** Write the plans of the changed products on the import's transaction. */
async function applyPlans(
  tx: Tx,
  options: {
    deps: ProductAdminDeps;
    plans: readonly ProductPlan[];
  },
): Promise<void> {
  const { deps, plans } = options;
  const { actor } = deps;
  const actorId = UUID.test(actor.id) ? actor.id : null;
  const created = plans.filter((p) => p.created);
  const updated = plans.filter((p) => !p.created);

  // Products.
  for (const chunk of chunks(created)) {
    await tx`insert into catalog.products ${
      tx(chunk.map((p) => ({ id: p.id, ...p.set })))
    }`;
  }
  await Promise.all(
    updated.filter((p) => Object.keys(p.set).length).map((p) =>
      tx`update catalog.products set ${tx(p.set)} where id = ${p.id}`
    ),
  );
  if (updated.length) {
    await tx`
      update catalog.products set updated_at = now()
      where id = any(${updated.map((p) => p.id)}::uuid[])`;
  }

  // Copy: removed languages, then new and changed ones with their search
  // text (every language of a product whose brand or category changed).
  const removed = updated.flatMap((p) =>
    Object.entries(p.copy).flatMap(([language, copy]) =>
      copy === null ? [[p.id, language]] : []
    )
  );
  if (removed.length) {
    await tx`
      delete from catalog.product_localized_details d
      using unnest(${removed.map((r) => r[0])}::uuid[],
                   ${removed.map((r) => r[1])}::text[]) as gone(id, language)
      where d.product_id = gone.id and d.language = gone.language`;
  }
  const categoryIds = [
    ...new Set(plans.map((p) => p.after.categoryId as string)),
  ];
  const categoryRows = await tx`
    select category_id, language, name from catalog.category_localized
    where category_id = any(${categoryIds}::uuid[])`;
  const categoryName = (categoryId: string, language: Language) => {
    const names = categoryRows.filter((r) => r.category_id === categoryId);
    return (names.find((r) => r.language === language) ??
      names.find((r) => r.language === DEFAULT_LANGUAGE))?.name ?? "";
  };
  const copies: {
    plan: ProductPlan;
    language: Language;
    name: string;
    description: string;
    slug: string | null;
  }[] = [];
  for (const plan of plans) {
    const final = plan.after.copy as Record<
      string,
      { name: string; description: string }
    >;
    const existing = plan.group.existing;
    for (const language of LANGUAGES) {
      const text = final[language];
      if (!text) continue;
      if (!plan.created && !plan.research && !plan.copy[language]) continue;
      copies.push({
        plan,
        language,
        ...text,
        slug: existing?.copy.get(language)?.slug ?? null,
      });
    }
  }
  await Promise.all(
    LANGUAGES.map((language) =>
      claimSlugs(tx, {
        language,
        copies: copies.filter((c) => c.language === language && !c.slug),
      })
    ),
  );
  const detailRows = copies.map((c) => ({
    product_id: c.plan.id,
    language: c.language,
    name: c.name,
    description: c.description,
    slug: c.slug!,
    ...searchFields(c.language, {
      name: c.name,
      description: c.description,
      brand: c.plan.after.brand as string,
      categoryName: categoryName(c.plan.after.categoryId as string, c.language),
    }),
  }));
  for (const chunk of chunks(detailRows)) {
    await tx`
      insert into catalog.product_localized_details ${tx(chunk)}
      on conflict (product_id, language) do update
        set name = excluded.name, description = excluded.description,
            search_config = excluded.search_config,
            search_name = excluded.search_name,
            search_body = excluded.search_body, updated_at = now()`;
  }

  // Price lists.
  const priceChanges = plans.flatMap((p) =>
    Object.entries(p.prices).map(([currency, amount]) => ({
      product_id: p.id,
      currency,
      amount,
    }))
  );
  const listed = priceChanges.filter((e) => e.amount !== null);
  for (const chunk of chunks(listed)) {
    await tx`
      insert into catalog.price_list_entries ${tx(chunk)}
      on conflict (product_id, currency) do update
        set amount = excluded.amount, updated_at = now()`;
  }
  const unlisted = priceChanges.filter((e) => e.amount === null);
  if (unlisted.length) {
    await tx`
      delete from catalog.price_list_entries e
      using unnest(${unlisted.map((e) => e.product_id)}::uuid[],
                   ${
      unlisted.map((e) => e.currency)
    }::text[]) as gone(id, currency)
      where e.product_id = gone.id and e.currency = gone.currency`;
  }

  // Variants: new ones with their inventory and initial stock movement.
  const newVariants = plans.flatMap((p) =>
    p.newVariants.map((row, index) => ({
      id: crypto.randomUUID(),
      product_id: p.id,
      sku: row.sku!,
      options: row.options ?? {},
      weight_grams: row.weightGrams ?? null,
      price_override: row.priceOverride ?? null,
      position: (p.group.existing?.nextPosition ?? 0) + index,
      stock: row.stock ?? 0,
    }))
  );
  for (const chunk of chunks(newVariants)) {
    await tx`insert into catalog.variants ${
      tx(chunk.map(({ stock: _, ...variant }) => variant))
    }`;
    await tx`insert into catalog.inventory ${
      tx(chunk.map((v) => ({ variant_id: v.id, quantity: v.stock })))
    }`;
  }
  const movements = [
    ...newVariants.filter((v) => v.stock > 0).map((v) => ({
      variant_id: v.id,
      delta: v.stock,
      reason: INITIAL_STOCK_REASON,
      quantity_after: v.stock,
    })),
    ...plans.flatMap((p) =>
      p.stock.map(({ variant, quantity }) => ({
        variant_id: variant.id,
        delta: quantity - variant.quantity,
        reason: CSV_IMPORT_STOCK_REASON,
        quantity_after: quantity,
      }))
    ),
  ].map((m) => ({
    ...m,
    actor_id: actorId,
    request_id: actor.requestId ?? null,
  }));

  // Changed variants and stock on hand (locked since the plan was made).
  await Promise.all(
    plans.flatMap((p) =>
      p.variantUpdates.map(({ row, variant }) => {
        const set: Record<string, unknown> = {};
        if (row.options !== undefined) set.options = row.options;
        if (row.weightGrams !== undefined) set.weight_grams = row.weightGrams;
        if (row.priceOverride !== undefined) {
          set.price_override = row.priceOverride;
        }
        return tx`
          update catalog.variants set ${tx(set)}, updated_at = now()
          where id = ${variant.id}`;
      })
    ),
  );
  const counted = plans.flatMap((p) => p.stock);
  for (const chunk of chunks(counted)) {
    const rows = await tx`
      insert into catalog.inventory ${
      tx(chunk.map((s) => ({ variant_id: s.variant.id, quantity: s.quantity })))
    }
      on conflict (variant_id) do update
        set quantity = excluded.quantity, updated_at = now()
        where catalog.inventory.reserved <= excluded.quantity
      returning variant_id`;
    if (rows.length < chunk.length) {
      const done = new Set(rows.map((r) => r.variant_id));
      const { row, variant, quantity } = chunk.find((s) =>
        !done.has(s.variant.id)
      )!;
      throw new StockBelowReservedError({
        variantId: variant.id,
        sku: row.sku!,
        quantity: variant.quantity,
        reserved: variant.reserved,
        delta: quantity - variant.quantity,
      });
    }
  }
  for (const chunk of chunks(movements)) {
    await tx`insert into catalog.stock_movements ${tx(chunk)}`;
  }

  // One audit row per product, with what changed.
  await Promise.all(plans.map((plan) => {
    if (plan.created) {
      return recordAudit(tx, actor, {
        action: "product.create",
        entityType: "product",
        entityId: plan.id,
        after: { ...plan.after, source: "csv_import" },
      });
    }
    const diff = changes(plan.before!, plan.after)!;
    return recordAudit(tx, actor, {
      action: "product.update",
      entityType: "product",
      entityId: plan.id,
      ...diff,
    });
  }));
}

/**
 * Give each of `copies` (all in `language`, none with a slug yet) a slug
 * made from its name, unique in the language: one query for the slugs
 * already taken, then `-2`, `-3`... appended as needed.
 */
async function claimSlugs(
  tx: Tx,
  options: {
    language: Language;
    copies: { name: string; slug: string | null }[];
  },
): Promise<void> {
  const { language, copies } = options;
  if (!copies.length) return;
  const bases = copies.map((c) => slugify(c.name, language));
  const unique = [...new Set(bases)];
  const rows = await tx`
    select slug from catalog.product_localized_details
    where language = ${language}
      and (slug = any(${unique}::text[])
           or substring(slug from '^(.*)-[0-9]+$') = any(${unique}::text[]))`;
  const taken = new Set(rows.map((r) => r.slug as string));
  copies.forEach((copy, index) => {
    copy.slug = uniqueSlug(bases[index], taken);
  });
}
