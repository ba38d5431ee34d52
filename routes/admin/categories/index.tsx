import { z } from "zod";
import {
  type AdminCategoryNode,
  adminCategoryTree,
} from "../../../commerce/catalog/mod.ts";
import { can } from "../../../commerce/identity/mod.ts";
import {
  DEFAULT_LANGUAGE,
  type Language,
  languageName,
  LANGUAGES,
  textDirection,
} from "../../../commerce/localization/mod.ts";
import {
  categoryEditorLabels,
  categoryReorderLabels,
} from "../../../components/admin/categories_labels.ts";
import {
  Card,
  EmptyNote,
  LinkButton,
  PageTitle,
} from "../../../components/admin/ui.tsx";
import { staffActor } from "../../../edge/admin.ts";
import type { PageProps, RouteHandler } from "../../../edge/define.ts";
import type { Translate } from "../../../edge/i18n.ts";
import AdminCategoryEditor from "../../../islands/AdminCategoryEditor.tsx";
import AdminCategoryReorder from "../../../islands/AdminCategoryReorder.tsx";
import {
  adminHref,
  type AdminPageData,
  adminShell,
  adminTitled,
} from "../_shell.ts";

const DONE = ["saved", "created", "deleted"] as const;

/** The page's query: anything unreadable is dropped rather than refused. */
const CategoryPageQuery = z.object({
  /** The category open in the editor. */
  edit: z.uuid().optional().catch(undefined),
  /** Open the editor on a new category under this one (`root`: top level). */
  new: z.union([z.literal("root"), z.uuid()]).optional().catch(undefined),
  /** What the last write did, said once the page shows its outcome. */
  done: z.enum(DONE).optional().catch(undefined),
});
type CategoryPageQuery = z.infer<typeof CategoryPageQuery>;

/** Where the editor is: a category's, or a new one's under a parent. */
type Editing =
  | { mode: "edit"; category: AdminCategoryNode; parent?: AdminCategoryNode }
  | { mode: "create"; parent?: AdminCategoryNode };

interface CategoryPageData {
  tree: AdminCategoryNode[];
  canWrite: boolean;
  query: CategoryPageQuery;
  editing: Editing | null;
  /** The category asked for in `edit` is not in the tree (any more). */
  gone: boolean;
}

/** Every node of `tree`, parents before their children, with its depth. */
function flatten(
  tree: AdminCategoryNode[],
  depth = 0,
  path: AdminCategoryNode[] = [],
): { node: AdminCategoryNode; depth: number; path: AdminCategoryNode[] }[] {
  return tree.flatMap((node) => [
    { node, depth, path },
    ...flatten(node.children, depth + 1, [...path, node]),
  ]);
}

/**
 * `GET /admin/categories`: the whole category tree, nested in its order,
 * each with its name in the admin's language, its product count and
 * which languages have its name and slug. Staff allowed `catalog:write`
 * also reorder categories in place, and open the editor beside the tree
 * on one (`?edit=`) or on a new one (`?new=<parent>` or `?new=root`);
 * others get the tree read-only.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c, page) {
    const actor = staffActor(c, "catalog:read");
    const query = CategoryPageQuery.parse(c.req.query());
    const canWrite = can(actor.roles, "catalog:write");
    const tree = await adminCategoryTree(c.var.db.sql);
    const byId = new Map(
      flatten(tree).map(({ node }) => [node.id, node]),
    );
    const parentOf = (id?: string | null) => id ? byId.get(id) : undefined;
    let editing: Editing | null = null;
    let gone = false;
    if (canWrite && query.edit) {
      const category = byId.get(query.edit);
      if (category) {
        editing = {
          mode: "edit",
          category,
          parent: parentOf(category.parentId),
        };
      } else gone = true;
    } else if (canWrite && query.new) {
      editing = {
        mode: "create",
        parent: parentOf(query.new === "root" ? null : query.new),
      };
    }
    return page.render(
      {
        shell: await adminShell(c),
        tree,
        canWrite,
        query,
        editing,
        gone,
      } satisfies AdminPageData<CategoryPageData>,
    );
  },
};

/** "Categories · Dashboard · <store>". */
export const head = adminTitled("admin.categories.title");

/** The name of `category` in `language`, else the default language's. */
function nameIn(
  category: AdminCategoryNode,
  language: Language,
): { name: string; language: Language } {
  const own = category.translations[language];
  if (own) return { name: own.name, language };
  const fallback = category.translations[DEFAULT_LANGUAGE];
  return fallback
    ? { name: fallback.name, language: DEFAULT_LANGUAGE }
    : { name: category.key, language };
}

/** The languages a category has a name and slug in, as chips. */
function Completeness(
  { category, t, language }: {
    category: AdminCategoryNode;
    t: Translate;
    language: Language;
  },
) {
  return (
    <ul
      class="mt-1.5 flex flex-wrap gap-1"
      aria-label={t("admin.products.translations")}
    >
      {LANGUAGES.map((code) => {
        const copy = category.translations[code];
        const status = t(
          copy ? "admin.products.complete" : "admin.products.incomplete",
          { language: languageName(code, language) },
        );
        return (
          <li
            key={code}
            data-language={code}
            data-complete={copy ? "true" : "false"}
            title={copy ? `${status} · ${copy.name} · /${copy.slug}` : status}
            class="rounded px-1.5 py-0.5 font-mono text-xs font-semibold uppercase data-[complete=true]:bg-emerald-50 data-[complete=true]:text-emerald-700 data-[complete=false]:bg-rose-50 data-[complete=false]:text-rose-700"
          >
            {code}
            <span class="sr-only">{` ${status}`}</span>
          </li>
        );
      })}
    </ul>
  );
}

const ACTION =
  "inline-flex h-8 items-center rounded-md border border-gray-300 bg-white px-2.5 text-sm font-medium text-gray-700 hover:bg-gray-50";

/** One category's row and, nested beneath, its subcategories'. */
function CategoryNode(
  { category, depth, index, siblings, t, language, canWrite, selected }: {
    category: AdminCategoryNode;
    depth: number;
    index: number;
    siblings: number;
    t: Translate;
    language: Language;
    canWrite: boolean;
    selected?: string;
  },
) {
  const shown = nameIn(category, language);
  const copy = category.translations[language];
  return (
    <li
      data-testid="category-node"
      data-category-id={category.id}
      data-category-key={category.key}
      data-depth={depth}
    >
      <div
        aria-current={selected === category.id ? "true" : undefined}
        class="flex flex-wrap items-start gap-x-3 gap-y-2 rounded-lg px-3 py-2.5 hover:bg-gray-50 aria-[current=true]:bg-indigo-50 aria-[current=true]:ring-1 aria-[current=true]:ring-indigo-200"
      >
        <div class="min-w-0 flex-1 basis-56">
          <p class="flex flex-wrap items-baseline gap-x-2">
            <span
              data-testid="category-name"
              lang={shown.language}
              class="font-semibold text-gray-900"
            >
              {shown.name}
            </span>
            {!copy && (
              <span
                data-testid="category-untranslated"
                class="rounded bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-800"
              >
                {t("admin.categories.untranslated", {
                  language: languageName(language, language),
                })}
              </span>
            )}
          </p>
          <p class="mt-0.5 text-xs text-gray-500">
            <span class="font-mono">{category.key}</span>
            {copy && (
              <>
                {" · "}
                <span dir="ltr" class="font-mono">/{copy.slug}</span>
              </>
            )}
            {" · "}
            <span data-testid="category-products">
              {t("admin.products.count", { count: category.productCount })}
            </span>
          </p>
          <Completeness category={category} t={t} language={language} />
        </div>
        {canWrite && (
          <div class="flex flex-wrap items-center gap-1">
            <AdminCategoryReorder
              categoryId={category.id}
              index={index}
              siblings={siblings}
              labels={categoryReorderLabels(t, shown.name)}
            />
            <a
              href={`${
                adminHref("/admin/categories", { edit: category.id })
              }#category-editor`}
              class={ACTION}
              data-testid="category-edit"
              aria-label={t("admin.categories.editNamed", {
                name: shown.name,
              })}
            >
              {t("admin.categories.edit")}
            </a>
            <a
              href={`${
                adminHref("/admin/categories", { new: category.id })
              }#category-editor`}
              class={ACTION}
              data-testid="category-add-child"
              aria-label={t("admin.categories.addChildNamed", {
                name: shown.name,
              })}
            >
              {t("admin.categories.addChild")}
            </a>
          </div>
        )}
      </div>
      {category.children.length > 0 && (
        <CategoryList
          categories={category.children}
          depth={depth + 1}
          t={t}
          language={language}
          canWrite={canWrite}
          selected={selected}
        />
      )}
    </li>
  );
}

/** Sibling categories, nested one step in below their parent. */
function CategoryList(
  { categories, depth, ...rest }: {
    categories: AdminCategoryNode[];
    depth: number;
    t: Translate;
    language: Language;
    canWrite: boolean;
    selected?: string;
  },
) {
  return (
    <ul
      data-testid={depth === 0 ? "category-tree" : undefined}
      class={depth === 0
        ? "mt-3 space-y-1"
        // twind has no logical margins: left in LTR, right in RTL.
        : "ml-5 mt-1 space-y-1 border-l-2 border-gray-100 pl-2 rtl:ml-0 rtl:mr-5 rtl:border-l-0 rtl:border-r-2 rtl:pl-0 rtl:pr-2"}
    >
      {categories.map((category, index) => (
        <CategoryNode
          key={category.id}
          category={category}
          depth={depth}
          index={index}
          siblings={categories.length}
          {...rest}
        />
      ))}
    </ul>
  );
}

/** The editor's card: what it edits, facts about it, and the form. */
function EditorCard(
  { editing, tree, t, language }: {
    editing: Editing;
    tree: AdminCategoryNode[];
    t: Translate;
    language: Language;
  },
) {
  const category = editing.mode === "edit" ? editing.category : undefined;
  const name = category ? nameIn(category, language).name : undefined;
  const parentName = editing.parent
    ? nameIn(editing.parent, language).name
    : undefined;
  const title = category
    ? t("admin.categories.editTitle", { name: name! })
    : parentName
    ? t("admin.categories.newUnder", { name: parentName })
    : t("admin.categories.new");
  const parents = flatten(tree)
    .filter(({ node }) => node.id !== category?.id)
    .map(({ node, path }) => ({
      id: node.id,
      label: [...path, node].map((n) => nameIn(n, language).name).join(" › "),
    }));
  const store = category &&
    (category.translations[language]
      ? { language, slug: category.translations[language]!.slug }
      : category.translations[DEFAULT_LANGUAGE] && {
        language: DEFAULT_LANGUAGE,
        slug: category.translations[DEFAULT_LANGUAGE]!.slug,
      });
  return (
    <section
      id="category-editor"
      data-testid="category-editor-card"
      aria-labelledby="category-editor-title"
      class="scroll-mt-6 rounded-xl border border-gray-200 bg-white p-5 shadow-sm xl:sticky xl:top-6"
    >
      <div class="flex flex-wrap items-start justify-between gap-2">
        <h2
          id="category-editor-title"
          class="min-w-0 text-base font-bold text-gray-900"
        >
          {title}
        </h2>
        <a
          href="/admin/categories"
          class="text-sm font-medium text-indigo-700 hover:underline"
        >
          {t("admin.categories.close")}
        </a>
      </div>
      {category && (
        <dl class="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt class="text-gray-500">{t("admin.products.key")}</dt>
          <dd class="font-mono text-xs leading-5">{category.key}</dd>
          <dt class="text-gray-500">{t("admin.nav.products")}</dt>
          <dd class="tabular-nums">{category.productCount}</dd>
          <dt class="text-gray-500">{t("admin.categories.subcategories")}</dt>
          <dd class="tabular-nums">{category.children.length}</dd>
          {store && (
            <>
              <dt class="sr-only">{t("admin.products.viewInStore")}</dt>
              <dd class="col-span-2">
                <a
                  href={`/${store.language}/c/${store.slug}`}
                  class="font-medium text-indigo-700 hover:underline"
                >
                  {t("admin.products.viewInStore")}
                </a>
              </dd>
            </>
          )}
        </dl>
      )}
      <div class="mt-4">
        <AdminCategoryEditor
          categoryId={category?.id}
          parentId={editing.parent?.id ?? null}
          defaultLanguage={DEFAULT_LANGUAGE}
          languages={LANGUAGES.map((code) => ({
            code,
            label: languageName(code, language),
            dir: textDirection(code),
            name: category?.translations[code]?.name ?? "",
            slug: category?.translations[code]?.slug ?? "",
            hasCopy: category?.translations[code] !== undefined,
          }))}
          parents={parents}
          labels={categoryEditorLabels(t, name)}
        />
      </div>
    </section>
  );
}

/** The category tree, and the editor beside it for those who may write. */
export default function CategoryTreePage(
  { data, state }: PageProps<AdminPageData<CategoryPageData>>,
) {
  const { t, locale } = state;
  const { language } = locale;
  const { tree, canWrite, editing, query } = data;
  const all = flatten(tree);
  const incomplete = all.filter(({ node }) => !node.complete).length;
  const selected = editing?.mode === "edit" ? editing.category.id : undefined;
  return (
    <div class="mx-auto max-w-7xl">
      <PageTitle title={t("admin.categories.title")}>
        <div class="flex flex-wrap items-center gap-3">
          <p class="text-sm text-gray-500" data-testid="categories-summary">
            {t("admin.categories.count", { count: all.length })}
            {incomplete > 0 && (
              <>
                {" · "}
                <span class="font-medium text-rose-700">
                  {t("admin.categories.incompleteCount", {
                    count: incomplete,
                  })}
                </span>
              </>
            )}
          </p>
          {canWrite && (
            <LinkButton
              href={`${
                adminHref("/admin/categories", { new: "root" })
              }#category-editor`}
              testId="category-new"
            >
              {t("admin.categories.new")}
            </LinkButton>
          )}
        </div>
      </PageTitle>

      {query.done && (
        <p
          role="status"
          data-testid="categories-done"
          class="mb-4 rounded-xl border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm font-medium text-emerald-800"
        >
          {t(`admin.categories.done.${query.done}`)}
        </p>
      )}
      {data.gone && (
        <p
          role="status"
          class="mb-4 rounded-xl border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
        >
          {t("admin.categories.gone")}
        </p>
      )}
      {!canWrite && (
        <p
          data-testid="categories-read-only"
          class="mb-4 rounded-xl border border-gray-200 bg-white px-4 py-3 text-sm text-gray-600"
        >
          {t("admin.categories.readOnly")}
        </p>
      )}

      <div
        class={editing
          ? "grid gap-6 xl:grid-cols-[minmax(0,1fr)_26rem] xl:items-start"
          : ""}
      >
        <div class="min-w-0">
          {tree.length === 0
            ? (
              <EmptyNote testId="categories-empty">
                {t("admin.categories.empty")}
              </EmptyNote>
            )
            : (
              <Card title={t("admin.categories.tree")} testId="category-card">
                <CategoryList
                  categories={tree}
                  depth={0}
                  t={t}
                  language={language}
                  canWrite={canWrite}
                  selected={selected}
                />
              </Card>
            )}
        </div>
        {editing && (
          <EditorCard
            editing={editing}
            tree={tree}
            t={t}
            language={language}
          />
        )}
      </div>
    </div>
  );
}
