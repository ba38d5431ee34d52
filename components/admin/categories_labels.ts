/**
 * The translated texts of the category tree page's islands, built on the
 * server (islands get their words as props).
 *
 * @module
 */
import type { Translate } from "../../edge/i18n.ts";
import type { AdminCategoryEditorLabels } from "../../islands/AdminCategoryEditor.tsx";
import type { AdminCategoryReorderLabels } from "../../islands/AdminCategoryReorder.tsx";
import { apiErrors } from "./labels.ts";

/**
 * The API errors of category writes, by code: the dashboard's shared ones
 * with the category's own (a slug in use is another category's here).
 */
export function categoryErrors(t: Translate): Record<string, string> {
  return {
    ...apiErrors(t),
    slug_taken: t("admin.categories.errors.slugTaken"),
    key_taken: t("admin.categories.errors.keyTaken"),
    category_cycle: t("admin.categories.errors.cycle"),
    category_not_empty: t("admin.categories.errors.notEmpty"),
    parent_not_found: t("admin.categories.errors.parentGone"),
    default_language_required: t("admin.categories.errors.defaultName"),
    name_required: t("admin.categories.errors.nameRequired"),
  };
}

/**
 * Texts of `AdminCategoryEditor`: creating a category when `name` is
 * absent, else editing the category of that name.
 */
export function categoryEditorLabels(
  t: Translate,
  name?: string,
): AdminCategoryEditorLabels {
  return {
    names: t("admin.categories.names"),
    languages: t("admin.product.languages"),
    missing: t("admin.product.missing"),
    defaultLanguage: t("admin.product.default"),
    name: t("admin.product.name"),
    slug: t("admin.categories.slug"),
    slugHintNew: t("admin.categories.slugHintNew"),
    slugHintChange: t("admin.categories.slugHintChange"),
    removeHint: t("admin.categories.removeHint"),
    willRemove: t("admin.categories.willRemove"),
    parent: t("admin.categories.parent"),
    topLevel: t("admin.categories.topLevel"),
    submit: name === undefined ? t("admin.categories.create") : t("admin.save"),
    saving: t("admin.saving"),
    saved: t("admin.saved"),
    unsaved: t("admin.unsaved"),
    delete: t("admin.categories.delete"),
    deleteConfirm: t("admin.categories.deleteConfirm", { name: name ?? "" }),
    deleteHint: t("admin.categories.deleteHint"),
    working: t("admin.working"),
    invalid: {
      required: t("admin.invalid.required"),
      tooLong: t("admin.invalid.tooLong"),
      slug: t("admin.categories.invalidSlug"),
      nameFirst: t("admin.categories.nameFirst"),
      form: t("admin.invalid.form"),
    },
    errors: categoryErrors(t),
  };
}

/** Texts of `AdminCategoryReorder` for the category named `name`. */
export function categoryReorderLabels(
  t: Translate,
  name: string,
): AdminCategoryReorderLabels {
  const errors = categoryErrors(t);
  return {
    up: t("admin.categories.moveUp", { name }),
    down: t("admin.categories.moveDown", { name }),
    working: t("admin.working"),
    // Only what a reorder can run into: each row carries these.
    errors: Object.fromEntries(
      ["not_found", "forbidden", "unauthorized", "csrf_failed", "network"]
        .map((code) => [code, errors[code]]).concat([[
          "failed",
          errors.failed,
        ]]),
    ),
  };
}
