/**
 * The category tree as admins edit it: every language's name and slug with
 * a completeness flag per language, and the writes (create under a parent,
 * rename and re-slug per language, move, reorder, delete when empty). Each
 * write is audited in its own transaction and retires the cached catalog,
 * so the storefront shows the change on its next request.
 *
 * @module
 */
import type postgres from "postgres";
import type { Sql } from "../../db/client.ts";
import type { Cache } from "../../edge/cache/types.ts";
import { Invalid, NotFound } from "../../edge/errors.ts";
import { type AuditActor, recordAudit } from "../admin/mod.ts";
import {
  DEFAULT_LANGUAGE,
  type Language,
  LANGUAGES,
} from "../localization/mod.ts";
import {
  CategoryCycleError,
  CategoryKeyTakenError,
  CategoryNotEmptyError,
  SlugTakenError,
} from "./admin_errors.ts";
import { CATALOG_NAMESPACE } from "./cache.ts";
import { isUuid } from "./queries.ts";
import { slugify, uniqueSlug } from "./slug.ts";

type Db = Sql | postgres.TransactionSql;

/** What the catalog's admin writes need. */
export interface CatalogAdminDeps {
  sql: Sql;
  /** Where the catalog version is bumped: the app's `ReadThrough`. */
  cache: Pick<Cache, "bumpVersion">;
}

/** A category's name and URL slug in one language. */
export interface CategoryTranslation {
  name: string;
  slug: string;
}

/** A category as admins see it, every language at once. */
export interface AdminCategory {
  id: string;
  /** The stable code seeds and admins know it by; never shown to shoppers. */
  key: string;
  parentId: string | null;
  /** Its place among its siblings, from 0. */
  position: number;
  /** Name and slug in each language that has them. */
  translations: Partial<Record<Language, CategoryTranslation>>;
  /** Per store language: whether it has a name and slug there. */
  completeness: Record<Language, boolean>;
  /** True when every store language has a name and slug. */
  complete: boolean;
  /** Products filed directly here, of any status. */
  productCount: number;
  createdAt: string;
  updatedAt: string;
}

/** A category with its subcategories, in order. */
export interface AdminCategoryNode extends AdminCategory {
  children: AdminCategoryNode[];
}

/** What {@link createCategory} makes. */
export interface NewCategory {
  /** `null` (or absent) for a root category. */
  parentId?: string | null;
  /** Derived from the default language's name when absent. */
  key?: string;
  /** Index among the new siblings (0 first); last when absent. */
  position?: number;
  /**
   * Per language a name and, optionally, a slug (derived from the name,
   * made unique, when absent). The default language is required.
   */
  translations: Partial<Record<Language, { name: string; slug?: string }>>;
}

/** What {@link updateCategory} changes; absent fields stay as they are. */
export interface CategoryPatch {
  /** Move under another category, or to the root with `null`. */
  parentId?: string | null;
  /** Index among its siblings (0 first); last when moved without one. */
  position?: number;
  /**
   * Per language: a new name and/or slug (a language without copy yet
   * needs a name), or `null` to remove that language's copy (never the
   * default language's). A rename keeps the slug: URLs change only when
   * asked to.
   */
  translations?: Partial<
    Record<Language, { name?: string; slug?: string } | null>
  >;
}

/**
 * The whole category tree with every language's copy, ordered by position
 * (then key) among siblings.
 */
export async function adminCategoryTree(
  sql: Sql,
): Promise<AdminCategoryNode[]> {
  const categories = await categoryRows(sql);
  const nodes = new Map<string, AdminCategoryNode>(
    categories.map((category) => [category.id, { ...category, children: [] }]),
  );
  const roots: AdminCategoryNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** One category as admins see it, or `null`. */
export async function getAdminCategory(
  sql: Db,
  id: string,
): Promise<AdminCategory | null> {
  if (!isUuid(id)) return null;
  const [category] = await categoryRows(sql, id);
  return category ?? null;
}

/**
 * Create a category under `parentId` (400 `parent_not_found` when there is
 * no such category), audited as `category.create`. Throws `Invalid`
 * (`default_language_required`) without a name in the default language,
 * `SlugTakenError` (409) for a slug in use and `CategoryKeyTakenError`
 * (409) for a key in use.
 */
export async function createCategory(
  deps: CatalogAdminDeps,
  options: NewCategory & { actor: AuditActor },
): Promise<AdminCategory> {
  const { translations, actor } = options;
  const parentId = options.parentId ?? null;
  const main = translations[DEFAULT_LANGUAGE];
  if (!main) throw defaultLanguageRequired();
  const category = await deps.sql.begin(async (tx) => {
    await lockTree(tx);
    if (parentId !== null) await assertParent(tx, parentId);
    const key = options.key ?? await freeKey(tx, main.name);
    const [taken] = await tx`
      select 1 from catalog.categories where key = ${key}`;
    if (taken) throw new CategoryKeyTakenError(key);
    const [row] = await tx`
      insert into catalog.categories (key, parent_id)
      values (${key}, ${parentId}) returning id`;
    const id = row.id as string;
    for (const [language, copy] of entries(translations)) {
      if (!copy) continue;
      const slug = await claimSlug(tx, {
        categoryId: id,
        language,
        name: copy.name,
        slug: copy.slug,
      });
      await tx`
        insert into catalog.category_localized (category_id, language, name, slug)
        values (${id}, ${language}, ${copy.name}, ${slug})`;
    }
    await placeAmongSiblings(tx, { id, parentId, index: options.position });
    const created = (await getAdminCategory(tx, id))!;
    await recordAudit(tx, actor, {
      action: "category.create",
      entityType: "category",
      entityId: id,
      after: snapshot(created),
    });
    return created;
  });
  await deps.cache.bumpVersion(CATALOG_NAMESPACE);
  return category;
}

/**
 * Change a category: rename or re-slug it per language, add or remove a
 * language's copy, move it to another parent, reorder it among its
 * siblings. Audited as `category.update` with the category before and
 * after; a patch that changes nothing writes nothing. Throws `NotFound`,
 * `CategoryCycleError` (409) for a move under itself or a descendant,
 * `SlugTakenError` (409) and `Invalid` (400: `parent_not_found`,
 * `default_language_required`, `name_required`).
 */
export async function updateCategory(
  deps: CatalogAdminDeps,
  options: { id: string; patch: CategoryPatch; actor: AuditActor },
): Promise<AdminCategory> {
  const { id, patch, actor } = options;
  if (!isUuid(id)) throw categoryNotFound(id);
  const { category, changed } = await deps.sql.begin(async (tx) => {
    await lockTree(tx);
    const before = await getAdminCategory(tx, id);
    if (!before) throw categoryNotFound(id);

    const parentId = patch.parentId === undefined
      ? before.parentId
      : patch.parentId;
    const moved = parentId !== before.parentId;
    if (moved && parentId !== null) {
      await assertParent(tx, parentId);
      const [cycle] = await tx`
        with recursive ancestors as (
          select id, parent_id from catalog.categories where id = ${parentId}
          union all
          select c.id, c.parent_id from catalog.categories c
          join ancestors a on c.id = a.parent_id
        )
        select 1 from ancestors where id = ${id}`;
      if (cycle) throw new CategoryCycleError({ id, parentId });
    }
    if (moved) {
      await tx`
        update catalog.categories set parent_id = ${parentId} where id = ${id}`;
    }
    if (moved || patch.position !== undefined) {
      await placeAmongSiblings(tx, { id, parentId, index: patch.position });
    }

    for (const [language, change] of entries(patch.translations ?? {})) {
      const current = before.translations[language];
      if (change === null) {
        if (language === DEFAULT_LANGUAGE) throw defaultLanguageRequired();
        await tx`
          delete from catalog.category_localized
          where category_id = ${id} and language = ${language}`;
        continue;
      }
      if (!change) continue;
      if (!current) {
        if (change.name === undefined) {
          throw new Invalid(
            `A category's first copy in '${language}' needs a name`,
            { code: "name_required", details: { language } },
          );
        }
        const slug = await claimSlug(tx, {
          categoryId: id,
          language,
          name: change.name,
          slug: change.slug,
        });
        await tx`
          insert into catalog.category_localized (category_id, language, name, slug)
          values (${id}, ${language}, ${change.name}, ${slug})`;
        continue;
      }
      const name = change.name ?? current.name;
      const slug = change.slug === undefined || change.slug === current.slug
        ? current.slug
        : await claimSlug(tx, {
          categoryId: id,
          language,
          name,
          slug: change.slug,
        });
      if (name !== current.name || slug !== current.slug) {
        await tx`
          update catalog.category_localized set name = ${name}, slug = ${slug}
          where category_id = ${id} and language = ${language}`;
      }
    }

    const after = (await getAdminCategory(tx, id))!;
    const [was, is] = [snapshot(before), snapshot(after)];
    if (JSON.stringify(was) === JSON.stringify(is)) {
      return { category: after, changed: false };
    }
    const [{ updated_at }] = await tx`
      update catalog.categories set updated_at = now() where id = ${id}
      returning updated_at`;
    await recordAudit(tx, actor, {
      action: "category.update",
      entityType: "category",
      entityId: id,
      before: was,
      after: is,
    });
    return {
      category: { ...after, updatedAt: new Date(updated_at).toISOString() },
      changed: true,
    };
  });
  if (changed) await deps.cache.bumpVersion(CATALOG_NAMESPACE);
  return category;
}

/**
 * Delete an empty category, audited as `category.delete`. Throws
 * `NotFound`, or `CategoryNotEmptyError` (409) while it holds
 * subcategories or products of any status (archived ones too: they keep
 * their category).
 */
export async function deleteCategory(
  deps: CatalogAdminDeps,
  options: { id: string; actor: AuditActor },
): Promise<void> {
  const { id, actor } = options;
  if (!isUuid(id)) throw categoryNotFound(id);
  await deps.sql.begin(async (tx) => {
    await lockTree(tx);
    const before = await getAdminCategory(tx, id);
    if (!before) throw categoryNotFound(id);
    const [{ children }] = await tx`
      select count(*)::integer as children from catalog.categories
      where parent_id = ${id}`;
    if (children > 0 || before.productCount > 0) {
      throw new CategoryNotEmptyError({
        id,
        children,
        products: before.productCount,
      });
    }
    await tx`delete from catalog.categories where id = ${id}`;
    await recordAudit(tx, actor, {
      action: "category.delete",
      entityType: "category",
      entityId: id,
      before: snapshot(before),
    });
  });
  await deps.cache.bumpVersion(CATALOG_NAMESPACE);
}

async function categoryRows(sql: Db, id?: string): Promise<AdminCategory[]> {
  const rows = await sql`
    select c.id, c.key, c.parent_id, c.position, c.created_at, c.updated_at,
           (select jsonb_object_agg(
                     l.language, jsonb_build_object('name', l.name, 'slug', l.slug))
              from catalog.category_localized l
             where l.category_id = c.id) as translations,
           (select count(*)::integer from catalog.products p
             where p.category_id = c.id) as product_count
    from catalog.categories c
    ${id === undefined ? sql`` : sql`where c.id = ${id}`}
    order by c.position, c.key`;
  return rows.map((row) => {
    const translations = (row.translations ?? {}) as Partial<
      Record<Language, CategoryTranslation>
    >;
    const completeness = Object.fromEntries(
      LANGUAGES.map((language) => [language, language in translations]),
    ) as Record<Language, boolean>;
    return {
      id: row.id,
      key: row.key,
      parentId: row.parent_id,
      position: row.position,
      translations,
      completeness,
      complete: Object.values(completeness).every(Boolean),
      productCount: row.product_count,
      createdAt: new Date(row.created_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
    };
  });
}

// What the audit log keeps of a category: what an admin can change.
function snapshot(category: AdminCategory) {
  return {
    key: category.key,
    parentId: category.parentId,
    position: category.position,
    translations: Object.fromEntries(
      LANGUAGES.filter((language) => category.translations[language])
        .map((language) => [language, category.translations[language]]),
    ),
  };
}

// Category writes take turns: a move checks for cycles against a tree no
// concurrent move can change under it, and sibling positions are
// renumbered by one writer at a time.
async function lockTree(tx: postgres.TransactionSql): Promise<void> {
  await tx`select pg_advisory_xact_lock(hashtext('catalog category tree'))`;
}

async function assertParent(tx: Db, parentId: string): Promise<void> {
  const [parent] = isUuid(parentId)
    ? await tx`select 1 from catalog.categories where id = ${parentId}`
    : [];
  if (!parent) {
    throw new Invalid(`No parent category '${parentId}'`, {
      code: "parent_not_found",
      details: { parentId },
    });
  }
}

// Put `id` at `index` among the children of `parentId` (last without one)
// and number the siblings 0, 1, 2... in their order.
async function placeAmongSiblings(
  tx: postgres.TransactionSql,
  options: { id: string; parentId: string | null; index?: number },
): Promise<void> {
  const { id, parentId } = options;
  const siblings = await tx`
    select id from catalog.categories
    where ${
    parentId === null ? tx`parent_id is null` : tx`parent_id = ${parentId}`
  }
      and id <> ${id}
    order by position, key`;
  const ids = siblings.map((row) => row.id as string);
  ids.splice(Math.min(options.index ?? ids.length, ids.length), 0, id);
  await tx`
    update catalog.categories c set position = v.n - 1
    from unnest(${ids}::uuid[]) with ordinality as v (id, n)
    where c.id = v.id and c.position <> v.n - 1`;
}

// The slug a language's copy gets: the one asked for (409 when another
// category has it), else one derived from the name and made unique.
async function claimSlug(
  tx: Db,
  options: {
    categoryId: string;
    language: Language;
    name: string;
    slug?: string;
  },
): Promise<string> {
  const { categoryId, language } = options;
  if (options.slug !== undefined) {
    const [owner] = await tx`
      select category_id from catalog.category_localized
      where language = ${language} and slug = ${options.slug}`;
    if (owner && owner.category_id !== categoryId) {
      throw new SlugTakenError({ language, slug: options.slug });
    }
    return options.slug;
  }
  const base = slugify(options.name, language);
  const rows = await tx`
    select slug from catalog.category_localized
    where language = ${language} and category_id <> ${categoryId}
      and (slug = ${base} or slug like ${escapeLike(base) + "-%"})`;
  return uniqueSlug(base, new Set(rows.map((row) => row.slug as string)));
}

// A key from a name: the ASCII letters and digits of its slug (a name in
// another script has none: then "category"), unique among keys.
async function freeKey(tx: Db, name: string): Promise<string> {
  const base = slugify(name, DEFAULT_LANGUAGE).replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^[-_]+|-+$/g, "").slice(0, 60) || "category";
  const rows = await tx`
    select key from catalog.categories
    where key = ${base} or key like ${escapeLike(base) + "-%"}`;
  return uniqueSlug(base, new Set(rows.map((row) => row.key as string)));
}

function escapeLike(text: string): string {
  return text.replace(/[%_\\]/g, "\\$&");
}

function entries<T>(
  record: Partial<Record<Language, T>>,
): [Language, T | undefined][] {
  return LANGUAGES.filter((language) => language in record)
    .map((language) => [language, record[language]]);
}

function categoryNotFound(id: string): NotFound {
  return new NotFound(`No category '${id}'`);
}

function defaultLanguageRequired(): Invalid {
  return new Invalid(
    `A category always has a name in the default language '${DEFAULT_LANGUAGE}'`,
    {
      code: "default_language_required",
      details: { language: DEFAULT_LANGUAGE },
    },
  );
}
