/**
 * Catalog reads: product lists with filters, search and keyset pagination,
 * product detail, the category tree, reviews and stores. Every localized
 * field falls back to the store's default language, and says which language
 * it came back in.
 *
 * @module
 */
import type postgres from "postgres";
import type { Sql } from "../../db/client.ts";
import { DEFAULT_LANGUAGE, type Language } from "../localization/mod.ts";
import { decodeCursor, encodeCursor, type KeyType } from "./_cursor.ts";
import { availability, imageView, priceView } from "./_views.ts";
import { searchConfig, searchQueryText } from "./search.ts";
import type {
  CategoryNode,
  CategoryRef,
  Page,
  ProductDetail,
  ProductSummary,
  ReviewView,
  StoreView,
  VariantView,
} from "./types.ts";

/** How a product list is ordered. */
export type ProductSort =
  | "relevance"
  | "price_asc"
  | "price_desc"
  | "newest"
  | "rating";

/** What a product list asks for. Prices are in `currency`. */
export interface ProductListQuery {
  language: Language;
  currency: string;
  /** A category id, or its slug in `language`; descendants are included. */
  category?: string;
  /** Full-text search in `language`. */
  q?: string;
  /** Inclusive bounds as exact decimal strings in `currency`. */
  minPrice?: string;
  maxPrice?: string;
  inStock?: boolean;
  /** Attribute or option code → accepted values (any of them matches). */
  attributes?: Record<string, string[]>;
  sort: ProductSort;
  cursor?: string;
  limit: number;
}

/** A page of products plus how many match in all. */
export interface ProductList extends Page<ProductSummary> {
  total: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` looks like a row id rather than a slug. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * Resolve a category id or slug (in `language`, else in any language) to its
 * id, or `null` when there is no such category.
 */
export async function findCategoryId(
  sql: Sql,
  options: { category: string; language: Language },
): Promise<string | null> {
  const { category, language } = options;
  const [row] = isUuid(category)
    ? await sql`select id from catalog.categories where id = ${category}`
    : await sql`
        select category_id as id from catalog.category_localized
        where slug = ${category}
        order by (language = ${language}) desc, (language = ${DEFAULT_LANGUAGE}) desc
        limit 1`;
  return row ? row.id as string : null;
}

/**
 * One page of active products matching `query`, priced in its currency.
 * An unknown category yields an empty list (the caller decides whether that
 * is a 404).
 */
export async function listProducts(
  sql: Sql,
  query: ProductListQuery,
): Promise<ProductList> {
  const { language, currency } = query;
  const q = query.q?.trim() || undefined;
  const sort: ProductSort = query.sort === "relevance" && !q
    ? "relevance"
    : query.sort;
  const tsquery = q ? tsQuery(sql, { language, q }) : undefined;

  let categoryId: string | null | undefined;
  if (query.category) {
    categoryId = await findCategoryId(sql, {
      category: query.category,
      language,
    });
    if (!categoryId) return { items: [], nextCursor: null, total: 0 };
  }

  const filters = [sql`p.status = 'active'`];
  if (categoryId) {
    filters.push(sql`p.category_id in (
      with recursive tree as (
        select id from catalog.categories where id = ${categoryId}
        union all
        select c.id from catalog.categories c join tree on c.parent_id = tree.id
      ) select id from tree)`);
  }
  if (tsquery) {
    filters.push(
      sql`coalesce(d.search_vector, dd.search_vector) @@ ${tsquery}`,
    );
  }
  // On the price a list shows (and sorts by): the lowest variant's.
  if (query.minPrice !== undefined) {
    filters.push(sql`pp.min_amount >= ${query.minPrice}::numeric`);
  }
  if (query.maxPrice !== undefined) {
    filters.push(sql`pp.min_amount <= ${query.maxPrice}::numeric`);
  }
  if (query.sort === "price_asc" || query.sort === "price_desc") {
    filters.push(sql`pp.min_amount is not null`);
  }
  if (query.inStock) filters.push(sql`stock.available > 0`);
  for (const [name, values] of Object.entries(query.attributes ?? {})) {
    filters.push(sql`(p.attributes ->> ${name} = any(${values})
      or exists (select 1 from catalog.variants av
                 where av.product_id = p.id and av.options ->> ${name} = any(${values})))`);
  }

  const rank = tsquery
    ? sql`ts_rank(coalesce(d.search_vector, dd.search_vector), ${tsquery})`
    : sql`0::real`;
  const order = orderOf(sql, { sort: q ? sort : fallbackSort(sort), rank });
  const after = query.cursor
    ? order.after(
      decodeCursor(query.cursor, { tag: order.sort, types: order.casts }),
    )
    : sql`true`;
  const where = filters.reduce((all, next) => sql`${all} and ${next}`);

  const from = sql`
    from catalog.products p
    left join catalog.product_localized_details d
      on d.product_id = p.id and d.language = ${language}
    left join catalog.product_localized_details dd
      on dd.product_id = p.id and dd.language = ${DEFAULT_LANGUAGE}
    left join catalog.product_prices pp
      on pp.product_id = p.id and pp.currency = ${currency}
    left join lateral (
      select coalesce(sum(i.quantity - i.reserved), 0)::integer as available,
             coalesce(bool_or(i.quantity - i.reserved > i.low_stock_threshold), false)
               as plenty
      from catalog.variants v join catalog.inventory i on i.variant_id = v.id
      where v.product_id = p.id
    ) stock on true`;

  const [rows, [{ total }]] = await Promise.all([
    sql`
      select p.id, coalesce(d.slug, dd.slug) as slug,
             coalesce(d.name, dd.name) as name,
             case when d.product_id is null then ${DEFAULT_LANGUAGE}
                  else ${language} end as language,
             p.brand, p.rating_count, p.rating_average,
             pp.min_amount, pp.max_amount, stock.available, stock.plenty,
             img.url as image_url, img.alt as image_alt,
             ${order.keys}
      ${from}
      left join lateral (
        select url, alt from catalog.product_images
        where product_id = p.id order by position limit 1
      ) img on true
      where ${where} and ${after}
      order by ${order.by}
      limit ${query.limit + 1}`,
    sql`select count(*)::integer as total ${from} where ${where}`,
  ]);

  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const items = page.map((row) => productSummary(row, { language, currency }));
  const last = page.at(-1);
  return {
    items,
    total,
    nextCursor: more && last
      ? encodeCursor(order.sort, order.cursorOf(last))
      : null,
  };
}

// Without a query there is nothing to rank by: "relevance" means featured
// products first, newest next.
function fallbackSort(sort: ProductSort): ProductSort | "featured" {
  return sort === "relevance" ? "featured" : sort;
}

function tsQuery(sql: Sql, options: { language: Language; q: string }) {
  const config = searchConfig(options.language);
  const text = searchQueryText(options.language, options.q);
  return config === "simple"
    ? sql`plainto_tsquery('simple', ${text})`
    : sql`websearch_to_tsquery(${config}::regconfig, ${text})`;
}

type Row = Record<string, unknown>;
type Fragment = postgres.Fragment;

// Keyset pagination: each sort orders by a tuple ending in the id, selects
// that tuple as k0..kn, and continues strictly after the last row's tuple.
// Every key of one sort runs in the same direction so a row comparison works.
// Keys travel as text, so timestamps keep their microseconds and numerics
// their exact digits.
function orderOf(
  sql: Sql,
  options: { sort: ProductSort | "featured"; rank: Fragment },
) {
  const keyed = (
    exprs: Fragment[],
    casts: KeyType[],
    direction: "asc" | "desc",
  ) => {
    const keys = exprs.reduce(
      (all, expr, i) =>
        i === 0
          ? sql`${expr}::text as k0`
          : sql`${all}, ${expr}::text as ${sql("k" + i)}`,
      sql``,
    );
    const by = exprs.reduce(
      (all, expr, i) =>
        i === 0
          ? sql`${expr} ${sql.unsafe(direction)}`
          : sql`${all}, ${expr} ${sql.unsafe(direction)}`,
      sql``,
    );
    const tuple = (parts: Fragment[]) =>
      parts.reduce((all, part, i) => i === 0 ? part : sql`${all}, ${part}`);
    return {
      sort: options.sort,
      casts,
      keys,
      by,
      after(values: unknown[]) {
        // Every key goes over the wire as text and is cast by Postgres: a
        // parameter typed timestamptz would pass through a JS Date and lose
        // the microseconds that order two rows of one millisecond.
        const params = values.map((value, i) =>
          sql`${value as string}::text::${sql.unsafe(casts[i])}`
        );
        const op = direction === "asc" ? sql`>` : sql`<`;
        return sql`(${tuple(exprs)}) ${op} (${tuple(params)})`;
      },
      cursorOf: (row: Row) => exprs.map((_, i) => row[`k${i}`]),
    };
  };
  switch (options.sort) {
    case "price_asc":
      return keyed([sql`pp.min_amount`, sql`p.id`], ["numeric", "uuid"], "asc");
    case "price_desc":
      return keyed(
        [sql`pp.min_amount`, sql`p.id`],
        ["numeric", "uuid"],
        "desc",
      );
    case "newest":
      return keyed(
        [sql`p.created_at`, sql`p.id`],
        ["timestamptz", "uuid"],
        "desc",
      );
    case "rating":
      return keyed(
        [sql`coalesce(p.rating_average, 0)`, sql`p.rating_count`, sql`p.id`],
        ["numeric", "integer", "uuid"],
        "desc",
      );
    case "featured":
      return keyed(
        // As an integer: postgres.js would send the text "true" of a boolean
        // parameter as false.
        [sql`p.featured::integer`, sql`p.created_at`, sql`p.id`],
        ["integer", "timestamptz", "uuid"],
        "desc",
      );
    case "relevance":
      return keyed([options.rank, sql`p.id`], ["real", "uuid"], "desc");
  }
}

function productSummary(
  row: Row,
  options: { language: Language; currency: string },
): ProductSummary {
  const min = row.min_amount as string | null;
  const max = row.max_amount as string | null;
  return {
    id: row.id as string,
    slug: row.slug as string,
    name: row.name as string,
    language: row.language as Language,
    brand: row.brand as string,
    image: row.image_url
      ? imageView(
        { url: row.image_url as string, alt: row.image_alt },
        options.language,
      )
      : null,
    price: priceView(min, options),
    priceVaries: min !== null && max !== null && min !== max,
    availability: availability({
      available: row.available as number,
      plenty: row.plenty as boolean,
    }),
    rating: {
      average: row.rating_average === null ? null : Number(row.rating_average),
      count: row.rating_count as number,
    },
  };
}

/**
 * The product with id or slug `idOrSlug` (a slug in `language` first, then in
 * any language), localized and priced; `null` when there is none or it is
 * not active.
 */
export async function getProduct(
  sql: Sql,
  options: { idOrSlug: string; language: Language; currency: string },
): Promise<ProductDetail | null> {
  const { idOrSlug, language, currency } = options;
  const [found] = isUuid(idOrSlug)
    ? await sql`select id from catalog.products where id = ${idOrSlug}`
    : await sql`
        select product_id as id from catalog.product_localized_details
        where slug = ${idOrSlug}
        order by (language = ${language}) desc, (language = ${DEFAULT_LANGUAGE}) desc
        limit 1`;
  if (!found) return null;
  const id = found.id as string;

  const [[product], details, variants, images, breadcrumbs, distribution] =
    await Promise.all([
      sql`
        select p.*, pp.min_amount, pp.max_amount
        from catalog.products p
        left join catalog.product_prices pp
          on pp.product_id = p.id and pp.currency = ${currency}
        where p.id = ${id} and p.status = 'active'`,
      sql`
        select language, name, description, seo_title, seo_description, slug
        from catalog.product_localized_details where product_id = ${id}`,
      sql`
        select v.id, v.sku, v.options, v.weight_grams,
               i.quantity - i.reserved as available, i.low_stock_threshold,
               vp.amount
        from catalog.variants v
        left join catalog.inventory i on i.variant_id = v.id
        left join catalog.variant_prices vp
          on vp.variant_id = v.id and vp.currency = ${currency}
        where v.product_id = ${id}
        order by v.position, v.sku`,
      sql`
        select url, alt from catalog.product_images
        where product_id = ${id} order by position`,
      categoryPath(sql, { productId: id, language }),
      sql`
        select rating, count(*)::integer as count from catalog.reviews
        where product_id = ${id} and status = 'approved' group by rating`,
    ]);
  if (!product) return null;

  const byLanguage = new Map(details.map((d) => [d.language as string, d]));
  const copy = byLanguage.get(language) ?? byLanguage.get(DEFAULT_LANGUAGE) ??
    details[0];
  const shown = copy.language as Language;
  const view: VariantView[] = variants.map((v) => ({
    id: v.id,
    sku: v.sku,
    options: v.options,
    weightGrams: v.weight_grams,
    price: priceView(v.amount, { language, currency }),
    availability: availability({
      available: v.available ?? 0,
      plenty: (v.available ?? 0) > (v.low_stock_threshold ?? 0),
    }),
  }));
  const available = view.reduce(
    (sum, v) => sum + (v.availability.status === "out_of_stock" ? 0 : 1),
    0,
  );
  const stars: Record<string, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const row of distribution) stars[row.rating] = row.count;
  const totalAvailable = variants.reduce(
    (sum, v) => sum + Math.max(0, v.available ?? 0),
    0,
  );
  const imageViews = images.map((image) =>
    imageView({ url: image.url, alt: image.alt }, language)
  );
  return {
    id,
    slug: copy.slug,
    name: copy.name,
    language: shown,
    brand: product.brand,
    image: imageViews[0] ?? null,
    price: priceView(product.min_amount, { language, currency }),
    priceVaries: product.min_amount !== product.max_amount,
    availability: availability({
      available: available ? totalAvailable : 0,
      plenty: view.some((v) => v.availability.status === "in_stock"),
    }),
    description: copy.description,
    seo: {
      title: copy.seo_title || copy.name,
      description: copy.seo_description || copy.description.slice(0, 155),
    },
    attributes: product.attributes,
    variants: view,
    images: imageViews,
    breadcrumbs,
    rating: {
      average: product.rating_average === null
        ? null
        : Number(product.rating_average),
      count: product.rating_count,
      distribution: stars,
    },
    slugs: Object.fromEntries(details.map((d) => [d.language, d.slug])),
    createdAt: new Date(product.created_at).toISOString(),
    updatedAt: new Date(product.updated_at).toISOString(),
  };
}

async function categoryPath(
  sql: Sql,
  options: { productId: string; language: Language },
): Promise<CategoryRef[]> {
  const rows = await sql`
    with recursive path as (
      select c.id, c.parent_id, 0 as depth
      from catalog.categories c
      join catalog.products p on p.category_id = c.id
      where p.id = ${options.productId}
      union all
      select c.id, c.parent_id, path.depth + 1
      from catalog.categories c join path on c.id = path.parent_id
    )
    select c.id, c.key, coalesce(l.slug, ld.slug) as slug,
           coalesce(l.name, ld.name) as name
    from path
    join catalog.categories c on c.id = path.id
    left join catalog.category_localized l
      on l.category_id = c.id and l.language = ${options.language}
    left join catalog.category_localized ld
      on ld.category_id = c.id and ld.language = ${DEFAULT_LANGUAGE}
    order by path.depth desc`;
  return rows.map((row) => ({
    id: row.id,
    key: row.key,
    slug: row.slug,
    name: row.name,
  }));
}

/**
 * The whole category tree in `language`, ordered by position, each node with
 * its count of active products (its own and its descendants').
 */
export async function listCategories(
  sql: Sql,
  options: { language: Language },
): Promise<CategoryNode[]> {
  const rows = await sql`
    select c.id, c.key, c.parent_id, c.position,
           coalesce(l.slug, ld.slug) as slug, coalesce(l.name, ld.name) as name,
           case when l.category_id is null then ${DEFAULT_LANGUAGE}
                else ${options.language} end as language,
           (select jsonb_object_agg(a.language, a.slug)
              from catalog.category_localized a where a.category_id = c.id) as slugs,
           (select count(*)::integer from catalog.products p
              where p.category_id = c.id and p.status = 'active') as own_count
    from catalog.categories c
    left join catalog.category_localized l
      on l.category_id = c.id and l.language = ${options.language}
    left join catalog.category_localized ld
      on ld.category_id = c.id and ld.language = ${DEFAULT_LANGUAGE}
    order by c.position, c.key`;
  const nodes = new Map<string, CategoryNode & { own: number }>();
  for (const row of rows) {
    nodes.set(row.id, {
      id: row.id,
      key: row.key,
      slug: row.slug,
      name: row.name,
      language: row.language,
      productCount: 0,
      children: [],
      slugs: row.slugs ?? {},
      own: row.own_count,
    });
  }
  const roots: CategoryNode[] = [];
  for (const row of rows) {
    const node = nodes.get(row.id)!;
    const parent = row.parent_id ? nodes.get(row.parent_id) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const count = (node: CategoryNode & { own: number }): number => {
    node.productCount = node.own +
      node.children.reduce(
        (sum, child) => sum + count(child as CategoryNode & { own: number }),
        0,
      );
    return node.productCount;
  };
  const strip = (node: CategoryNode & { own?: number }): CategoryNode => {
    delete node.own;
    node.children.forEach(strip);
    return node;
  };
  for (const root of roots) count(root as CategoryNode & { own: number });
  return roots.map(strip);
}

/** Whether an active product with `id` exists. */
export async function productExists(sql: Sql, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const [row] = await sql`
    select 1 from catalog.products where id = ${id} and status = 'active'`;
  return Boolean(row);
}

/**
 * A page of a product's approved reviews (see `moderation.ts`), newest
 * first, optionally only those written in `language`.
 */
export async function listReviews(
  sql: Sql,
  options: {
    productId: string;
    language?: Language;
    cursor?: string;
    limit: number;
  },
): Promise<Page<ReviewView>> {
  const after = options.cursor
    ? (() => {
      const [at, id] = decodeCursor(options.cursor!, {
        tag: "reviews",
        types: ["timestamptz", "uuid"],
      });
      // As text, cast by Postgres: see `after()` above on microseconds.
      return sql`(created_at, id) < (${at as string}::text::timestamptz, ${id as string}::uuid)`;
    })()
    : sql`true`;
  const rows = await sql`
    select id, rating, title, body, language, author_name, verified_purchase,
           created_at, created_at::text as created_key
    from catalog.reviews
    where product_id = ${options.productId} and status = 'approved'
      and ${options.language ? sql`language = ${options.language}` : sql`true`}
      and ${after}
    order by created_at desc, id desc
    limit ${options.limit + 1}`;
  const more = rows.length > options.limit;
  const page = more ? rows.slice(0, options.limit) : rows;
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      rating: row.rating,
      title: row.title,
      body: row.body,
      language: row.language,
      authorName: row.author_name,
      verifiedPurchase: row.verified_purchase,
      createdAt: new Date(row.created_at).toISOString(),
    })),
    nextCursor: more && last
      ? encodeCursor("reviews", [last.created_key, last.id])
      : null,
  };
}

/**
 * Stores nearest to `near` first (great-circle distance in km), or by
 * country and city without a position.
 */
export async function listStores(
  sql: Sql,
  options: { near?: { lat: number; lng: number }; limit: number },
): Promise<StoreView[]> {
  const { near } = options;
  const distance = near
    ? sql`6371.0088 * 2 * asin(sqrt(
        power(sin(radians(latitude - ${near.lat}) / 2), 2) +
        cos(radians(${near.lat})) * cos(radians(latitude)) *
        power(sin(radians(longitude - ${near.lng}) / 2), 2)))`
    : sql`null::double precision`;
  const rows = await sql`
    select *, ${distance} as distance_km from catalog.stores
    order by ${near ? sql`distance_km` : sql`country, city`}, name
    limit ${options.limit}`;
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    address: {
      line1: row.line1,
      city: row.city,
      region: row.region,
      postalCode: row.postal_code,
      country: row.country,
    },
    latitude: row.latitude,
    longitude: row.longitude,
    phone: row.phone,
    openingHours: row.opening_hours,
    distanceKm: row.distance_km === null
      ? null
      : Math.round(row.distance_km * 10) / 10,
  }));
}

/** What the sitemap lists of one product or category: its slug per language. */
export interface SitemapEntry {
  kind: "product" | "category";
  slugs: Partial<Record<Language, string>>;
  updatedAt: string;
}

/** Every active product and every category, with their localized slugs. */
export async function sitemapEntries(sql: Sql): Promise<SitemapEntry[]> {
  const rows = await sql`
    select 'category' as kind, c.updated_at,
           jsonb_object_agg(l.language, l.slug) as slugs
    from catalog.categories c
    join catalog.category_localized l on l.category_id = c.id
    group by c.id
    union all
    select 'product', p.updated_at, jsonb_object_agg(d.language, d.slug)
    from catalog.products p
    join catalog.product_localized_details d on d.product_id = p.id
    where p.status = 'active'
    group by p.id
    order by 1, 2 desc`;
  return rows.map((row) => ({
    kind: row.kind,
    slugs: row.slugs,
    updatedAt: new Date(row.updated_at).toISOString(),
  }));
}
