import { useSignal } from "@preact/signals";
import { useRef } from "preact/hooks";
import type { AdminCategory } from "../commerce/catalog/admin_categories.ts";
import { ApiFailure, callApi } from "./_api.ts";
import { failureText, serverFieldErrors } from "./_admin_forms.ts";
import { useUnsavedWarning } from "./_unsaved.ts";
import { FailureAlert } from "./_FailureAlert.tsx";
import { FieldError } from "./_FieldError.tsx";
import { LanguageTabs } from "./_LanguageTabs.tsx";

/** The translated texts of {@link AdminCategoryEditor}. */
export interface AdminCategoryEditorLabels {
  names: string;
  languages: string;
  /** Beside a tab whose name or slug is missing. */
  missing: string;
  defaultLanguage: string;
  name: string;
  slug: string;
  /** Under the slug of a language without a translation yet. */
  slugHintNew: string;
  /** Under the slug of a language that has one: URLs change with it. */
  slugHintChange: string;
  /** Under the fields of a language whose translation may be removed. */
  removeHint: string;
  /** Shown once both fields of such a language are emptied. */
  willRemove: string;
  parent: string;
  topLevel: string;
  /** The submit button: "Save changes" or "Create category". */
  submit: string;
  saving: string;
  saved: string;
  unsaved: string;
  delete: string;
  /** The confirmation asked before deleting, with the category's name. */
  deleteConfirm: string;
  deleteHint: string;
  working: string;
  invalid: {
    required: string;
    tooLong: string;
    slug: string;
    /** A language without a translation needs a name before a slug. */
    nameFirst: string;
    /** Fix the marked fields first. */
    form: string;
  };
  /** By API error code, plus `failed`. */
  errors: Record<string, string>;
}

/** One language's name and slug as the editor starts with them. */
export interface CategoryEditorLanguage {
  code: string;
  /** The language's name in the admin's language. */
  label: string;
  dir: "ltr" | "rtl";
  name: string;
  slug: string;
  /** Whether the category has a translation in it. */
  hasCopy: boolean;
}

/** A category it may be filed under: its path of names, in tree order. */
export interface CategoryParentOption {
  id: string;
  label: string;
}

/** Props of {@link AdminCategoryEditor}. */
export interface AdminCategoryEditorProps {
  /** The category edited; absent to create one. */
  categoryId?: string;
  /** The parent it is (or will be) under; `null` at the top level. */
  parentId: string | null;
  defaultLanguage: string;
  languages: CategoryEditorLanguage[];
  /** Every category but the one edited. */
  parents: CategoryParentOption[];
  labels: AdminCategoryEditorLabels;
}

interface Copy {
  name: string;
  slug: string;
}

const INPUT =
  "mt-1 block w-full rounded-md border border-gray-300 px-3 py-2 text-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 disabled:bg-gray-50 aria-[invalid=true]:border-red-500";

// What the API takes as a slug (see its validator): lowercase letters or
// digits of any script with their marks, in runs joined by single hyphens,
// and nothing that reads as an id.
const SLUG =
  /^[\p{Ll}\p{Lo}\p{Lm}\p{N}\p{M}]+(?:-[\p{Ll}\p{Lo}\p{Lm}\p{N}\p{M}]+)*$/u;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const TOP = "";

/**
 * Create or edit one category: its name and URL slug in a tab per language
 * (a tab is marked while its translation is missing), and its parent.
 * Fields are checked as they are left and again on submit; the server's
 * refusals (a slug in use, a move under its own subcategory) show by the
 * fields they concern. A saved category shows the page again, with the
 * tree as it now is; an empty one can be deleted. Leaving with unsaved
 * changes asks first.
 */
export default function AdminCategoryEditor(props: AdminCategoryEditorProps) {
  const { labels, languages, defaultLanguage } = props;
  const creating = props.categoryId === undefined;
  const initial = Object.fromEntries(
    languages.map((l) => [l.code, { name: l.name, slug: l.slug }]),
  );
  const had = Object.fromEntries(languages.map((l) => [l.code, l.hasCopy]));
  const copy = useSignal<Record<string, Copy>>(initial);
  const parent = useSignal(props.parentId ?? TOP);
  const tab = useSignal(defaultLanguage);
  const errors = useSignal<Record<string, string>>({});
  const busy = useSignal<"" | "save" | "delete">("");
  const failure = useSignal<{ summary: string; detail: string } | null>(null);
  const deleteFailure = useSignal<{ summary: string; detail: string } | null>(
    null,
  );
  const status = useSignal<"" | "saved">("");
  const leaving = useRef(false);

  const now = (code: string) => ({
    name: copy.value[code].name.trim(),
    slug: copy.value[code].slug.trim(),
  });
  const removing = (code: string) =>
    !creating && had[code] && code !== defaultLanguage &&
    !now(code).name && !now(code).slug;

  function dirty(): boolean {
    return parent.value !== (props.parentId ?? TOP) ||
      languages.some(({ code }) =>
        now(code).name !== initial[code].name ||
        now(code).slug !== initial[code].slug
      );
  }

  useUnsavedWarning(() => !leaving.current && dirty());

  function check(field: string): string {
    const match = /^translations\.(\w+)\.(name|slug)$/.exec(field);
    if (!match) return "";
    const [, code, part] = match;
    const { name, slug } = now(code);
    const { invalid } = labels;
    if (part === "name") {
      if (name) return name.length > 200 ? invalid.tooLong : "";
      if (code === defaultLanguage) return invalid.required;
      if (!slug) return "";
      return had[code] && !creating ? invalid.required : invalid.nameFirst;
    }
    if (!slug) {
      // A translation keeps its slug unless given another; an empty one
      // is only right when the whole translation goes.
      return !creating && had[code] && name ? invalid.required : "";
    }
    if (slug.length > 120) return invalid.tooLong;
    return SLUG.test(slug) && !UUID.test(slug) ? "" : invalid.slug;
  }

  function validate(fields: string[]): boolean {
    const next = { ...errors.value };
    let ok = true;
    for (const field of fields) {
      const message = check(field);
      if (message) {
        next[field] = message;
        ok = false;
      } else delete next[field];
    }
    errors.value = next;
    return ok;
  }

  const allFields = () =>
    languages.flatMap(({ code }) => [
      `translations.${code}.name`,
      `translations.${code}.slug`,
    ]);

  function showFirstError() {
    const code = /^translations\.(\w+)\./.exec(
      Object.keys(errors.value)[0] ?? "",
    )?.[1];
    if (code) tab.value = code;
  }

  /** The fields a refusal of the server concerns, with its messages. */
  function refusedFields(error: unknown): Record<string, string> {
    const fields: Record<string, string> = {};
    for (const [path, message] of Object.entries(serverFieldErrors(error))) {
      fields[path.startsWith("translations.") ? path : "parentId"] = message;
    }
    if (!(error instanceof ApiFailure)) return fields;
    const message = labels.errors[error.code] ?? labels.errors.failed;
    const language = (error.details as { language?: string } | undefined)
      ?.language;
    switch (error.code) {
      case "slug_taken":
        fields[`translations.${language}.slug`] = message;
        break;
      case "name_required":
        fields[`translations.${language}.name`] = message;
        break;
      case "default_language_required":
        fields[`translations.${defaultLanguage}.name`] = message;
        break;
      case "category_cycle":
      case "parent_not_found":
        fields.parentId = message;
        break;
    }
    return fields;
  }

  function body(): Record<string, unknown> | null {
    const parentId = parent.value === TOP ? null : parent.value;
    const translations: Record<string, Partial<Copy> | null> = {};
    for (const { code } of languages) {
      const { name, slug } = now(code);
      if (creating || !had[code]) {
        if (name) translations[code] = slug ? { name, slug } : { name };
        continue;
      }
      if (removing(code)) {
        translations[code] = null;
        continue;
      }
      const change: Partial<Copy> = {};
      if (name !== initial[code].name) change.name = name;
      if (slug !== initial[code].slug) change.slug = slug;
      if (Object.keys(change).length) translations[code] = change;
    }
    if (creating) return { parentId, translations };
    const patch: Record<string, unknown> = {};
    if (parent.value !== (props.parentId ?? TOP)) patch.parentId = parentId;
    if (Object.keys(translations).length) patch.translations = translations;
    return Object.keys(patch).length ? patch : null;
  }

  // The server's own words only when there is no sentence for its code:
  // they name categories by id.
  function explain(error: unknown): { summary: string; detail: string } {
    const text = failureText(error, labels.errors);
    const known = error instanceof ApiFailure &&
      labels.errors[error.code] !== undefined &&
      error.code !== "validation_failed";
    return known ? { ...text, detail: "" } : text;
  }

  function go(href: string) {
    leaving.current = true;
    location.assign(href);
  }

  async function save(event: Event) {
    event.preventDefault();
    if (busy.value) return;
    failure.value = null;
    status.value = "";
    if (!validate(allFields())) {
      showFirstError();
      failure.value = { summary: labels.invalid.form, detail: "" };
      return;
    }
    const request = body();
    if (!request) {
      status.value = "saved";
      return;
    }
    busy.value = "save";
    try {
      const category = creating
        ? await callApi<AdminCategory>(
          "POST",
          "/api/admin/categories",
          request,
        )
        : await callApi<AdminCategory>(
          "PATCH",
          `/api/admin/categories/${props.categoryId}`,
          request,
        );
      go(
        `/admin/categories?edit=${category.id}&done=${
          creating ? "created" : "saved"
        }#category-editor`,
      );
    } catch (error) {
      failure.value = explain(error);
      errors.value = { ...errors.value, ...refusedFields(error) };
      showFirstError();
      busy.value = "";
    }
  }

  async function remove() {
    if (busy.value || !props.categoryId) return;
    if (!confirm(labels.deleteConfirm)) return;
    busy.value = "delete";
    deleteFailure.value = null;
    try {
      await callApi("DELETE", `/api/admin/categories/${props.categoryId}`);
      go("/admin/categories?done=deleted");
    } catch (error) {
      deleteFailure.value = explain(error);
      busy.value = "";
    }
  }

  const active = languages.find((l) => l.code === tab.value) ?? languages[0];
  const isDirty = dirty();
  const missing = (code: string) => !now(code).name;

  const field = (part: "name" | "slug") => {
    const path = `translations.${active.code}.${part}`;
    const id = `category-${active.code}-${part}`;
    const hint = part === "slug"
      ? (had[active.code] && !creating
        ? labels.slugHintChange
        : labels.slugHintNew)
      : "";
    return (
      <div>
        <label for={id} class="block text-sm font-medium text-gray-700">
          {part === "name" ? labels.name : labels.slug}
        </label>
        <input
          type="text"
          id={id}
          name={path}
          value={copy.value[active.code][part]}
          lang={active.code}
          dir={part === "slug" ? "auto" : active.dir}
          disabled={busy.value !== ""}
          autocomplete="off"
          spellcheck={part === "name"}
          aria-invalid={errors.value[path] ? "true" : undefined}
          aria-describedby={`${id}-error${hint ? ` ${id}-hint` : ""}`}
          class={INPUT}
          onInput={(event) => {
            copy.value = {
              ...copy.value,
              [active.code]: {
                ...copy.value[active.code],
                [part]: (event.target as HTMLInputElement).value,
              },
            };
            status.value = "";
            failure.value = null;
            if (errors.value[path]) validate([path]);
          }}
          onBlur={() =>
            validate([
              `translations.${active.code}.name`,
              `translations.${active.code}.slug`,
            ])}
        />
        {hint && (
          <p id={`${id}-hint`} class="mt-1 text-xs text-gray-500">{hint}</p>
        )}
        <FieldError id={id} error={errors.value[path]} />
      </div>
    );
  };

  return (
    <div class="space-y-5">
      <form
        onSubmit={save}
        novalidate
        class="space-y-5"
        data-testid="category-editor"
      >
        <fieldset>
          <legend class="text-sm font-bold text-gray-900">
            {labels.names}
          </legend>
          <LanguageTabs
            class="mt-2"
            languages={languages}
            active={active.code}
            defaultLanguage={defaultLanguage}
            idPrefix="category-tab-"
            panelId="category-copy-panel"
            labels={labels}
            missing={missing}
            invalid={(code) =>
              Object.keys(errors.value).some((f) =>
                f.startsWith(`translations.${code}.`)
              )}
            onSelect={(code) => tab.value = code}
          />
          <div
            id="category-copy-panel"
            role="tabpanel"
            aria-labelledby={`category-tab-${active.code}`}
            class="mt-4 space-y-4"
          >
            <p
              hidden={!missing(active.code) || removing(active.code)}
              class="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
            >
              {labels.missing}
            </p>
            <p
              hidden={!removing(active.code)}
              data-testid="category-will-remove"
              class="rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800"
            >
              {labels.willRemove}
            </p>
            {field("name")}
            {field("slug")}
            <p
              hidden={creating || !had[active.code] ||
                active.code === defaultLanguage}
              class="text-xs text-gray-500"
            >
              {labels.removeHint}
            </p>
          </div>
        </fieldset>

        <div>
          <label
            for="category-parent"
            class="block text-sm font-medium text-gray-700"
          >
            {labels.parent}
          </label>
          <select
            id="category-parent"
            name="parentId"
            disabled={busy.value !== ""}
            aria-invalid={errors.value.parentId ? "true" : undefined}
            aria-describedby="category-parent-error"
            class={`${INPUT} bg-white`}
            onChange={(event) => {
              parent.value = (event.target as HTMLSelectElement).value;
              status.value = "";
              failure.value = null;
              if (errors.value.parentId) {
                const { parentId: _, ...rest } = errors.value;
                errors.value = rest;
              }
            }}
          >
            <option value={TOP} selected={parent.value === TOP}>
              {labels.topLevel}
            </option>
            {props.parents.map((option) => (
              <option
                key={option.id}
                value={option.id}
                selected={parent.value === option.id}
              >
                {option.label}
              </option>
            ))}
          </select>
          <FieldError id="category-parent" error={errors.value.parentId} />
        </div>

        <div class="flex flex-wrap items-center gap-3 border-t border-gray-100 pt-4">
          <button
            type="submit"
            data-testid="category-save"
            disabled={busy.value !== ""}
            class="rounded-md bg-indigo-600 px-5 py-2 text-sm font-semibold text-white hover:bg-indigo-500 disabled:cursor-not-allowed disabled:bg-indigo-300"
          >
            {busy.value === "save" ? labels.saving : labels.submit}
          </button>
          <p role="status" class="text-sm" data-testid="category-save-status">
            <span
              hidden={status.value !== "saved" || isDirty}
              class="text-emerald-700"
            >
              {labels.saved}
            </span>
            <span hidden={!isDirty} class="text-amber-700">
              {labels.unsaved}
            </span>
          </p>
          <FailureAlert
            failure={failure.value}
            testId="category-save-error"
            class="w-full"
          />
        </div>
      </form>

      {!creating && (
        <div class="space-y-2 border-t border-gray-100 pt-4">
          <p class="text-xs text-gray-500">{labels.deleteHint}</p>
          <button
            type="button"
            data-testid="category-delete"
            disabled={busy.value !== ""}
            onClick={remove}
            class="rounded-md border border-rose-300 bg-white px-4 py-2 text-sm font-semibold text-rose-700 hover:bg-rose-50 disabled:cursor-not-allowed disabled:text-rose-300"
          >
            {busy.value === "delete" ? labels.working : labels.delete}
          </button>
          <FailureAlert
            failure={deleteFailure.value}
            testId="category-delete-error"
          />
        </div>
      )}
    </div>
  );
}
