/**
 * Load the catalog seed (`seed/mod.ts`) into the catalog schema. Idempotent:
 * rows are matched by their stable keys, only what is missing is inserted,
 * and an admin's later edits to seeded rows are kept.
 *
 * @module
 */
import type postgres from "postgres";
import type { Sql } from "../../db/client.ts";
import { type Language, LANGUAGES } from "../localization/mod.ts";
import {
  convert,
  latestRates,
  parseMoney,
  toDecimalString,
} from "../pricing/mod.ts";
import { ensurePriceIndex, repriceCatalog } from "./price_index.ts";
import { searchConfig, searchText } from "./search.ts";
import type { CatalogSeed } from "./seed/types.ts";
import { slugify, uniqueSlug } from "./slug.ts";

/** What {@link seedCatalog} inserted. */
export interface CatalogSeedResult {
  categories: number;
  products: number;
  variants: number;
  reviews: number;
  stores: number;
  prices: number;
}

/** The currency the seed's base prices are written in. */
const SEED_CURRENCY = "USD";

/**
 * Insert what is missing of `seed`, then rebuild the price index when
 * anything priced changed (or the index is empty).
 */
export async function seedCatalog(
  sql: Sql,
  options: {
    seed: CatalogSeed;
    baseCurrency: string;
    currencies: readonly string[];
  },
): Promise<CatalogSeedResult> {
  const { seed, baseCurrency } = options;
  const rates = baseCurrency === SEED_CURRENCY ? null : await latestRates(sql);
  const toBase = (usd: string) => {
    const money = parseMoney(usd, SEED_CURRENCY);
    if (!rates) return toDecimalString(money);
    return toDecimalString(convert(money, baseCurrency, rates).money);
  };

  const result = await sql.begin(async (tx) => {
    // Instances starting together (or parallel test files) take turns.
    await tx`select pg_advisory_xact_lock(hashtext('catalog seed'))`;
    const counts = {
      categories: 0,
      products: 0,
      variants: 0,
      reviews: 0,
      stores: 0,
    };

    // Categories, parents first.
    const categoryIds = new Map<string, string>(
      (await tx`select key, id from catalog.categories`).map((
        r,
      ) => [r.key, r.id]),
    );
    const takenCategorySlugs = await takenSlugs(
      tx,
      "catalog.category_localized",
    );
    const pending = seed.categories.filter((c) => !categoryIds.has(c.key));
    while (pending.length) {
      const index = pending.findIndex((c) =>
        !c.parent || categoryIds.has(c.parent)
      );
      if (index < 0) {
        throw new Error(
          `Seed category '${pending[0].key}' has a missing or cyclic parent`,
        );
      }
      const [category] = pending.splice(index, 1);
      const [row] = await tx`
        insert into catalog.categories (key, parent_id, position)
        values (${category.key}, ${
        category.parent ? categoryIds.get(category.parent)! : null
      },
                ${seed.categories.indexOf(category)})
        returning id`;
      categoryIds.set(category.key, row.id);
      await tx`insert into catalog.category_localized ${
        tx(LANGUAGES.map((language) => ({
          category_id: row.id,
          language,
          name: category.names[language],
          slug: uniqueSlug(
            slugify(category.names[language], language),
            takenCategorySlugs(language),
          ),
        })))
      }`;
      counts.categories++;
    }
    const categoryNames = new Map(seed.categories.map((c) => [c.key, c.names]));

    // Products and everything that hangs off them.
    const existing = new Set(
      (await tx`select key from catalog.products where key is not null`).map((
        r,
      ) => r.key),
    );
    const takenProductSlugs = await takenSlugs(
      tx,
      "catalog.product_localized_details",
    );
    const productIds = new Map<string, string>(
      (await tx`select key, id from catalog.products where key is not null`)
        .map((r) => [r.key, r.id]),
    );
    for (const product of seed.products) {
      if (existing.has(product.key)) continue;
      const [row] = await tx`
        insert into catalog.products
          (key, category_id, brand, base_price, attributes, featured, created_at, updated_at)
        values (${product.key}, ${categoryIds.get(
        product.category,
      )!}, ${product.brand},
                ${toBase(product.basePrice)}, ${
        tx.json(product.attributes)
      }, ${product.featured},
                now() - make_interval(days => ${product.createdDaysAgo}),
                now() - make_interval(days => ${product.createdDaysAgo}))
        returning id`;
      productIds.set(product.key, row.id);
      const category = categoryNames.get(product.category)!;
      await tx`insert into catalog.product_localized_details ${
        // A language without copy is left out: reads fall back to the default.
        tx(
          LANGUAGES.filter((language) => product.details[language]).map(
            (language) => {
              const copy = product.details[language];
              return {
                product_id: row.id,
                language,
                name: copy.name,
                description: copy.description,
                seo_title: copy.seoTitle,
                seo_description: copy.seoDescription,
                slug: uniqueSlug(
                  slugify(copy.name, language),
                  takenProductSlugs(language),
                ),
                search_config: searchConfig(language),
                search_name: searchText(
                  language,
                  `${copy.name} ${product.brand}`,
                ),
                search_body: searchText(
                  language,
                  `${copy.description} ${category[language]}`,
                ),
              };
            },
          ),
        )}`;
      const variants = await tx`insert into catalog.variants ${
        tx(product.variants.map((variant, position) => ({
          product_id: row.id,
          sku: variant.sku,
          options: variant.options,
          weight_grams: variant.weightGrams,
          price_override: variant.priceOverride
            ? toBase(variant.priceOverride)
            : null,
          position,
        })))
      } returning id, sku`;
      const bySku = new Map(product.variants.map((v) => [v.sku, v]));
      await tx`insert into catalog.inventory ${
        tx(variants.map((v) => ({
          variant_id: v.id,
          quantity: bySku.get(v.sku)!.stock,
          low_stock_threshold: bySku.get(v.sku)!.lowStockThreshold,
        })))
      }`;
      if (product.images.length) {
        await tx`insert into catalog.product_images ${
          tx(product.images.map((image, position) => ({
            product_id: row.id,
            url: `/media/products/${image.key}.svg`,
            alt: image.alt,
            position,
          })))
        }`;
      }
      const priceList = Object.entries(product.priceList ?? {})
        .filter(([currency]) => options.currencies.includes(currency));
      if (priceList.length) {
        await tx`insert into catalog.price_list_entries ${
          tx(priceList.map(([currency, amount]) => ({
            product_id: row.id,
            currency,
            amount: toDecimalString(parseMoney(amount, currency)),
          })))
        }`;
      }
      const reviews = seed.reviews.filter((r) => r.product === product.key);
      if (reviews.length) {
        await tx`insert into catalog.reviews ${
          tx(reviews.map((review) => ({
            product_id: row.id,
            rating: review.rating,
            title: review.title,
            body: review.body,
            language: review.language,
            author_name: review.authorName,
            verified_purchase: review.verifiedPurchase,
            created_at: new Date(Date.now() - review.daysAgo * 86_400_000),
          })))
        }`;
      }
      counts.products++;
      counts.variants += variants.length;
      counts.reviews += reviews.length;
    }

    const stores = await tx`
      insert into catalog.stores ${
      tx(seed.stores.map((store) => ({
        key: store.key,
        name: store.name,
        line1: store.address.line1,
        city: store.address.city,
        region: store.address.region ?? null,
        postal_code: store.address.postalCode,
        country: store.address.country,
        latitude: store.lat,
        longitude: store.lng,
        phone: store.phone,
        opening_hours: store.openingHours,
      })))
    }
      on conflict (key) do nothing
      returning id`;
    counts.stores = stores.length;
    return counts;
  });

  const prices = result.products
    ? await repriceCatalog(sql, options)
    : await ensurePriceIndex(sql, options) ?? 0;
  return { ...result, prices };
}

// Slugs already used per language in `table`, loaded once and then kept up
// to date by uniqueSlug() as new ones are handed out.
async function takenSlugs(
  sql: postgres.TransactionSql,
  table: "catalog.category_localized" | "catalog.product_localized_details",
): Promise<(language: Language) => Set<string>> {
  const rows = table === "catalog.category_localized"
    ? await sql`select language, slug from catalog.category_localized`
    : await sql`select language, slug from catalog.product_localized_details`;
  const sets = new Map<string, Set<string>>();
  for (const row of rows) {
    if (!sets.has(row.language)) sets.set(row.language, new Set());
    sets.get(row.language)!.add(row.slug);
  }
  return (language) => {
    if (!sets.has(language)) sets.set(language, new Set());
    return sets.get(language)!;
  };
}
