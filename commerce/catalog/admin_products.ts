/**
 * Products as admins see and edit them: the list (search by name, slug,
 * SKU or key; filters by status, category, missing translation, low stock; page
 * numbers), everything editable about one product with the copy of every
 * language side by side, and the writes: create (a draft by default),
 * update (fields and per-language copy), archive.
 *
 * Every write records its audit row (before and after) in its own
 * transaction, then rebuilds the price index of the product when a price
 * moved and bumps the catalog version, so the storefront shows the change
 * on its next request.
 *
 * @module
 */
import type postgres from "postgres";
import { Invalid, NotFound } from "../../edge/errors.ts";
import { recordAudit } from "../admin/mod.ts";
import {
  DEFAULT_LANGUAGE,
  type Language,
  LANGUAGES,
} from "../localization/mod.ts";
import {
  categoryNames,
  changes,
  claimSlug,
  completenessOf,
  exactAmount,
  mapUniqueViolations,
  refreshSearchText,
  searchFields,
  shownAmount,
} from "./_admin_copy.ts";
import { currencyPrices } from "./admin_prices.ts";
import type {
  AdminImage,
  AdminPage,
  AdminProduct,
  AdminProductQuery,
  AdminProductRow,
  NewProduct,
  ProductAdminDeps,
  ProductAdminReadDeps,
  ProductCopy,
  ProductEdit,
  ProductStatus,
} from "./admin_types.ts";
import { adminVariants, insertVariant } from "./admin_variants.ts";
import {
  ProductIncompleteError,
  ProductKeyTakenError,
} from "./product_errors.ts";
import { isUuid } from "./queries.ts";
import { settleCatalogWrite } from "./writes.ts";

type Tx = postgres.TransactionSql;

/**
 * One page of products for the admin list, most recently changed first
 * (or newest, or by name), each with its per-language completeness. All
 * statuses unless `status` says which.
 */
export async function listAdminProducts(
  deps: ProductAdminReadDeps,
  query: AdminProductQuery,
): Promise<AdminPage<AdminProductRow>> {
  const { sql } = deps;
  const page = query.page ?? 1;
  const limit = query.limit ?? 50;
  const filters = [sql`true`];
  const q = query.q?.trim();
  if (q) {
    const like = `%${q.replace(/[%_\\]/g, "\\$&")}%`;
    filters.push(sql`(
      ${isUuid(q) ? sql`p.id = ${q} or` : sql``}
      p.key ilike ${like}
      or exists (select 1 from catalog.product_localized_details d
                 where d.product_id = p.id
                   and (d.name ilike ${like} or d.slug ilike ${like}))
      or exists (select 1 from catalog.variants v
                 where v.product_id = p.id and v.sku ilike ${like}))`);
  }
  if (query.status) filters.push(sql`p.status = ${query.status}`);
  if (query.categoryId) {
    filters.push(sql`p.category_id in (
      with recursive tree as (
        select id from catalog.categories where id = ${query.categoryId}
        union all
        select c.id from catalog.categories c join tree on c.parent_id = tree.id
      ) select id from tree)`);
  }
  if (query.missingLanguage) {
    filters.push(sql`not exists (
      select 1 from catalog.product_localized_details d
      where d.product_id = p.id and d.language = ${query.missingLanguage}
        and btrim(d.name) <> '' and btrim(d.description) <> '')`);
  }
  if (query.lowStock) {
    filters.push(sql`exists (
      select 1 from catalog.variants v
      join catalog.inventory i on i.variant_id = v.id
      where v.product_id = p.id
        and i.quantity - i.reserved <= i.low_stock_threshold)`);
  }
  const where = filters.reduce((all, next) => sql`${all} and ${next}`);
  const order = query.sort === "created"
    ? sql`p.created_at desc, p.id desc`
    : query.sort === "name"
    ? sql`lower(title.name) asc, p.id asc`
    : sql`p.updated_at desc, p.id desc`;

  const [rows, [{ total }]] = await Promise.all([
    sql`
      select p.id, p.key, p.status, p.featured, p.brand,
             p.base_price::text as base_price, p.created_at, p.updated_at,
             c.id as category_id, c.key as category_key,
             coalesce(cl.name, '') as category_name,
             coalesce(title.name, '') as name, coalesce(title.slug, '') as slug,
             (select coalesce(jsonb_object_agg(d.language, jsonb_build_object(
                       'name', d.name, 'description', d.description)), '{}')
                from catalog.product_localized_details d
               where d.product_id = p.id) as copy,
             stock.variants, stock.available, stock.low,
             (select url from catalog.product_images
               where product_id = p.id order by position limit 1) as image_url
      from catalog.products p
      join catalog.categories c on c.id = p.category_id
      left join catalog.category_localized cl
        on cl.category_id = c.id and cl.language = ${DEFAULT_LANGUAGE}
      left join lateral (
        select d.name, d.slug from catalog.product_localized_details d
        where d.product_id = p.id
        order by (d.language = ${DEFAULT_LANGUAGE}) desc, d.language
        limit 1
      ) title on true
      left join lateral (
        select count(v.id)::integer as variants,
               coalesce(sum(i.quantity - i.reserved), 0)::integer as available,
               (count(*) filter (
                  where i.quantity - i.reserved <= i.low_stock_threshold
               ))::integer as low
        from catalog.variants v
        left join catalog.inventory i on i.variant_id = v.id
        where v.product_id = p.id
      ) stock on true
      where ${where}
      order by ${order}
      limit ${limit} offset ${(page - 1) * limit}`,
    sql`select count(*)::integer as total from catalog.products p where ${where}`,
  ]);
  return {
    items: rows.map((row) => ({
      id: row.id,
      key: row.key,
      name: row.name,
      slug: row.slug,
      status: row.status,
      featured: row.featured,
      brand: row.brand,
      basePrice: shownAmount(row.base_price, deps.baseCurrency),
      category: {
        id: row.category_id,
        key: row.category_key,
        name: row.category_name,
      },
      variantCount: row.variants,
      stock: { available: row.available, lowVariants: row.low },
      completeness: completenessOf(row.copy),
      imageUrl: row.image_url,
      createdAt: new Date(row.created_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
    })),
    page,
    limit,
    total,
  };
}

/**
 * The key of an image from its URL: the drawing of
 * `/media/products/{key}.svg`, else the object's name in the media store.
 */
export function imageKey(url: string): string {
  const drawn = /^\/media\/products\/(.+)\.svg$/.exec(url);
  return drawn ? drawn[1] : url.split("?")[0].split("/").pop() ?? url;
}

/**
 * Everything an admin can edit about product `id`, whatever its status:
 * its fields, the copy of every language with its completeness, variants
 * with stock, the price in every sold currency (price-list entry beside
 * converted base price) and images with alt text per language. Throws
 * `NotFound`.
 */
export async function getAdminProduct(
  deps: ProductAdminReadDeps,
  id: string,
): Promise<AdminProduct> {
  const { sql, baseCurrency } = deps;
  if (!isUuid(id)) throw new NotFound(`No product '${id}'`);
  const [[product], details, variants, images, prices] = await Promise.all([
    sql`
      select p.*, p.base_price::text as base, c.key as category_key,
             coalesce(cl.name, '') as category_name
      from catalog.products p
      join catalog.categories c on c.id = p.category_id
      left join catalog.category_localized cl
        on cl.category_id = c.id and cl.language = ${DEFAULT_LANGUAGE}
      where p.id = ${id}`,
    sql`
      select language, name, description, slug, seo_title, seo_description
      from catalog.product_localized_details where product_id = ${id}`,
    adminVariants(sql, { productId: id }, baseCurrency),
    sql`
      select id, url, alt, position from catalog.product_images
      where product_id = ${id} order by position, created_at`,
    currencyPrices(deps, { productId: id }),
  ]);
  if (!product) throw new NotFound(`No product '${id}'`);
  const copy = copyOf(details);
  return {
    id,
    key: product.key,
    status: product.status,
    featured: product.featured,
    brand: product.brand,
    basePrice: shownAmount(product.base, baseCurrency),
    baseCurrency,
    attributes: product.attributes,
    category: {
      id: product.category_id,
      key: product.category_key,
      name: product.category_name,
    },
    copy,
    completeness: completenessOf(copy),
    variants,
    prices,
    images: images.map((image): AdminImage => ({
      id: image.id,
      key: imageKey(image.url),
      url: image.url,
      alt: image.alt ?? {},
      position: image.position,
    })),
    rating: {
      average: product.rating_average === null
        ? null
        : Number(product.rating_average),
      count: product.rating_count,
    },
    createdAt: new Date(product.created_at).toISOString(),
    updatedAt: new Date(product.updated_at).toISOString(),
  };
}

function copyOf(
  rows: readonly postgres.Row[],
): Partial<Record<Language, ProductCopy>> {
  const byLanguage = new Map(rows.map((row) => [row.language, row]));
  const copy: Partial<Record<Language, ProductCopy>> = {};
  for (const language of LANGUAGES) {
    const row = byLanguage.get(language);
    if (!row) continue;
    copy[language] = {
      name: row.name,
      description: row.description,
      slug: row.slug,
      seoTitle: row.seo_title,
      seoDescription: row.seo_description,
    };
  }
  return copy;
}

// What the audit log keeps of a product: its fields, copy per language
// and image alt texts.
async function productState(
  tx: Tx,
  options: { id: string; baseCurrency: string },
): Promise<Record<string, unknown> & { status: ProductStatus }> {
  const { id } = options;
  const [[product], details, images] = await Promise.all([
    tx`
      select key, status, featured, brand, base_price::text as base,
             attributes, category_id
      from catalog.products where id = ${id}`,
    tx`
      select language, name, description, slug, seo_title, seo_description
      from catalog.product_localized_details where product_id = ${id}`,
    tx`
      select id, alt from catalog.product_images where product_id = ${id}`,
  ]);
  return {
    key: product.key,
    status: product.status,
    featured: product.featured,
    brand: product.brand,
    basePrice: shownAmount(product.base, options.baseCurrency),
    attributes: product.attributes,
    categoryId: product.category_id,
    copy: copyOf(details),
    imageAlt: Object.fromEntries(images.map((i) => [i.id, i.alt ?? {}])),
  };
}

async function requireCategory(tx: Tx, categoryId: string): Promise<void> {
  const [category] = isUuid(categoryId)
    ? await tx`select id from catalog.categories where id = ${categoryId}`
    : [];
  if (!category) {
    throw new Invalid(`No category '${categoryId}'`, {
      code: "unknown_category",
      details: { categoryId },
    });
  }
}

async function requireFreeKey(
  tx: Tx,
  options: { key: string; productId?: string },
): Promise<void> {
  const [taken] = await tx`
    select 1 from catalog.products
    where key = ${options.key}
      and id is distinct from ${options.productId ?? null}::uuid`;
  if (taken) throw new ProductKeyTakenError(options.key);
}

function defaultCopyRequired(): Invalid {
  return new Invalid(
    `The product needs its copy in the default language '${DEFAULT_LANGUAGE}'`,
    { code: "default_copy_required", details: { language: DEFAULT_LANGUAGE } },
  );
}

/**
 * Create a product: a draft unless `status` is `active` (which needs a
 * variant). The default language's copy is required; a language's slug is
 * made from its name when not given (unique in that language). Variants
 * start with their stock recorded as stock movements. Audited as
 * `product.create`. Throws `Invalid` (400: `default_copy_required`,
 * `unknown_category`, `invalid_slug`, `invalid_amount`) or a 409
 * (`slug_taken`, `sku_taken`, `key_taken`, `product_incomplete`).
 */
export async function createProduct(
  deps: ProductAdminDeps,
  input: NewProduct,
): Promise<AdminProduct> {
  if (!input.copy[DEFAULT_LANGUAGE]) throw defaultCopyRequired();
  const variants = (input.variants ?? []).map((variant) => ({
    ...variant,
    priceOverride: variant.priceOverride == null
      ? null
      : exactAmount(variant.priceOverride, deps.baseCurrency),
  }));
  if (input.status === "active" && !variants.length) {
    throw new ProductIncompleteError({
      productId: null,
      reason: "it has no variant",
    });
  }
  const basePrice = exactAmount(input.basePrice, deps.baseCurrency);
  const brand = input.brand ?? "";
  const id = await mapUniqueViolations(() =>
    deps.sql.begin(async (tx) => {
      await requireCategory(tx, input.categoryId);
      if (input.key) await requireFreeKey(tx, { key: input.key });
      const [row] = await tx`
        insert into catalog.products
          (key, category_id, brand, base_price, status, featured, attributes)
        values (${input.key ?? null}, ${input.categoryId}, ${brand},
                ${basePrice}, ${input.status ?? "draft"},
                ${input.featured ?? false}, ${tx.json(input.attributes ?? {})})
        returning id`;
      const id = row.id as string;
      const category = await categoryNames(tx, input.categoryId);
      for (const language of LANGUAGES) {
        const copy = input.copy[language];
        if (!copy) continue;
        const description = copy.description ?? "";
        await tx`insert into catalog.product_localized_details ${
          tx({
            product_id: id,
            language,
            name: copy.name,
            description,
            seo_title: copy.seoTitle ?? null,
            seo_description: copy.seoDescription ?? null,
            slug: await claimSlug(tx, {
              language,
              slug: copy.slug,
              name: copy.name,
              productId: id,
            }),
            ...searchFields(language, {
              name: copy.name,
              description,
              brand,
              categoryName: category(language),
            }),
          })
        }`;
      }
      for (const [position, variant] of variants.entries()) {
        await insertVariant(tx, {
          productId: id,
          variant,
          position,
          actor: deps.actor,
        });
      }
      const after = await productState(tx, {
        id,
        baseCurrency: deps.baseCurrency,
      });
      await recordAudit(tx, deps.actor, {
        action: "product.create",
        entityType: "product",
        entityId: id,
        after: {
          ...after,
          variants: variants.map((v) => ({
            sku: v.sku,
            options: v.options ?? {},
            priceOverride: v.priceOverride,
            stock: v.stock ?? 0,
          })),
        },
      });
      return id;
    })
  );
  await settleCatalogWrite(deps, { reprice: [id] });
  return await getAdminProduct(deps, id);
}

/**
 * Change product `id`: any of its fields (a new base price reprices it),
 * the copy of any language (given fields change; a language without copy
 * yet needs a name and gets a slug made from it; null removes a language,
 * never the default one), and image alt texts. Archiving is
 * {@link archiveProduct}; making a product active needs a variant.
 * Audited as `product.update` with what changed (nothing changed: no
 * audit row, no cache bump).
 */
export async function editProduct(
  deps: ProductAdminDeps,
  options: { id: string; edit: ProductEdit },
): Promise<AdminProduct> {
  const { id, edit } = options;
  if (!isUuid(id)) throw new NotFound(`No product '${id}'`);
  const basePrice = edit.basePrice === undefined
    ? undefined
    : exactAmount(edit.basePrice, deps.baseCurrency);
  if (edit.copy?.[DEFAULT_LANGUAGE] === null) throw defaultCopyRequired();
  const result = await mapUniqueViolations(() =>
    deps.sql.begin(async (tx) => {
      const [locked] = await tx`
        select id from catalog.products where id = ${id} for update`;
      if (!locked) throw new NotFound(`No product '${id}'`);
      const state = { id, baseCurrency: deps.baseCurrency };
      const before = await productState(tx, state);
      if (edit.categoryId !== undefined) {
        await requireCategory(tx, edit.categoryId);
      }
      if (edit.key) await requireFreeKey(tx, { key: edit.key, productId: id });
      if (edit.status === "active" && before.status !== "active") {
        const [{ count }] = await tx`
          select count(*)::integer as count from catalog.variants
          where product_id = ${id}`;
        if (!count) {
          throw new ProductIncompleteError({
            productId: id,
            reason: "it has no variant",
          });
        }
      }

      const set: Record<string, unknown> = {};
      if (edit.key !== undefined) set.key = edit.key;
      if (edit.categoryId !== undefined) set.category_id = edit.categoryId;
      if (edit.brand !== undefined) set.brand = edit.brand;
      if (basePrice !== undefined) set.base_price = basePrice;
      if (edit.status !== undefined) set.status = edit.status;
      if (edit.featured !== undefined) set.featured = edit.featured;
      if (edit.attributes !== undefined) {
        set.attributes = tx.json(edit.attributes);
      }
      if (Object.keys(set).length) {
        await tx`update catalog.products set ${tx(set)} where id = ${id}`;
      }

      const copies = before.copy as Partial<Record<Language, ProductCopy>>;
      for (const language of LANGUAGES) {
        const patch = edit.copy?.[language];
        const existing = copies[language];
        if (patch === undefined) continue;
        if (patch === null) {
          await tx`
            delete from catalog.product_localized_details
            where product_id = ${id} and language = ${language}`;
          continue;
        }
        if (!existing && !patch.name) {
          throw new Invalid(
            `The product has no copy in '${language}' yet: give it a name`,
            { code: "copy_name_required", details: { language } },
          );
        }
        const columns: Record<string, unknown> = {};
        if (patch.name !== undefined) columns.name = patch.name;
        if (patch.description !== undefined) {
          columns.description = patch.description;
        }
        if (patch.seoTitle !== undefined) columns.seo_title = patch.seoTitle;
        if (patch.seoDescription !== undefined) {
          columns.seo_description = patch.seoDescription;
        }
        if (
          !existing ||
          (patch.slug !== undefined && patch.slug !== existing.slug)
        ) {
          columns.slug = await claimSlug(tx, {
            language,
            slug: patch.slug,
            name: patch.name ?? existing!.name,
            productId: id,
          });
        }
        if (existing) {
          if (!Object.keys(columns).length) continue;
          await tx`
            update catalog.product_localized_details
            set ${tx(columns)}, updated_at = now()
            where product_id = ${id} and language = ${language}`;
        } else {
          await tx`insert into catalog.product_localized_details ${
            tx({
              product_id: id,
              language,
              description: "",
              ...columns,
              // Filled in by refreshSearchText() below.
              search_config: "simple",
              search_name: "",
              search_body: "",
            })
          }`;
        }
      }

      for (const image of edit.images ?? []) {
        const [row] = isUuid(image.id)
          ? await tx`
              select alt from catalog.product_images
              where id = ${image.id} and product_id = ${id}`
          : [];
        if (!row) {
          throw new Invalid(`The product has no image '${image.id}'`, {
            code: "unknown_image",
            details: { id: image.id },
          });
        }
        const alt: Record<string, string> = { ...row.alt };
        for (const [language, text] of Object.entries(image.alt)) {
          if (text === null || text === undefined) delete alt[language];
          else alt[language] = text;
        }
        await tx`
          update catalog.product_images set alt = ${tx.json(alt)}
          where id = ${image.id}`;
      }

      if (
        edit.copy !== undefined || edit.brand !== undefined ||
        edit.categoryId !== undefined
      ) {
        await refreshSearchText(tx, id);
      }
      const after = await productState(tx, state);
      const diff = changes(before, after);
      if (diff) {
        await tx`update catalog.products set updated_at = now() where id = ${id}`;
        await recordAudit(tx, deps.actor, {
          action: "product.update",
          entityType: "product",
          entityId: id,
          ...diff,
        });
      }
      return {
        changed: Boolean(diff),
        repriced: Boolean(diff && "basePrice" in diff.after),
      };
    })
  );
  if (result.changed) {
    await settleCatalogWrite(deps, { reprice: result.repriced ? [id] : [] });
  }
  return await getAdminProduct(deps, id);
}

/**
 * Archive product `id`: it leaves the storefront (lists, pages, search,
 * sitemap) but keeps its rows, orders and history; an edit to `draft` or
 * `active` brings it back. Audited as `product.archive`; archiving an
 * archived product changes nothing.
 */
export async function archiveProduct(
  deps: ProductAdminDeps,
  id: string,
): Promise<AdminProduct> {
  if (!isUuid(id)) throw new NotFound(`No product '${id}'`);
  const changed = await deps.sql.begin(async (tx) => {
    const [product] = await tx`
      select status from catalog.products where id = ${id} for update`;
    if (!product) throw new NotFound(`No product '${id}'`);
    if (product.status === "archived") return false;
    await tx`
      update catalog.products set status = 'archived', updated_at = now()
      where id = ${id}`;
    await recordAudit(tx, deps.actor, {
      action: "product.archive",
      entityType: "product",
      entityId: id,
      before: { status: product.status },
      after: { status: "archived" },
    });
    return true;
  });
  if (changed) await settleCatalogWrite(deps);
  return await getAdminProduct(deps, id);
}
