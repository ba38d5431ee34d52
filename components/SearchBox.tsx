import type { Language } from "../commerce/localization/mod.ts";
import type { Translate } from "../edge/i18n.ts";

/**
 * The catalog search: a plain GET form to `/{lang}/search`, so it works
 * without JavaScript. `size="lg"` is the search page's own box.
 */
export function SearchBox(
  { t, language, query = "", size = "sm" }: {
    t: Translate;
    language: Language;
    query?: string;
    size?: "sm" | "lg";
  },
) {
  const large = size === "lg";
  return (
    <form
      method="get"
      action={`/${language}/search`}
      role="search"
      class="flex w-full items-stretch"
    >
      <label class="flex-1">
        <span class="sr-only">{t("search.label")}</span>
        <input
          type="search"
          name="q"
          value={query}
          required
          maxLength={200}
          placeholder={t("search.placeholder")}
          data-testid={large ? "search-page-input" : "search-input"}
          class={`w-full rounded-l-md border border-gray-300 bg-white px-3 focus:outline-none focus:ring-2 focus:ring-indigo-500 rtl:rounded-l-none rtl:rounded-r-md ${
            large ? "py-2.5 text-base" : "py-1.5 text-sm"
          }`}
        />
      </label>
      <button
        type="submit"
        class={`rounded-r-md bg-indigo-600 px-3 font-medium text-white hover:bg-indigo-700 focus:outline-none focus:ring-2 focus:ring-indigo-500 rtl:rounded-r-none rtl:rounded-l-md ${
          large ? "text-base" : "text-sm"
        }`}
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          class={large ? "h-5 w-5" : "h-4 w-4"}
          fill="none"
          stroke="currentColor"
          stroke-width="2"
        >
          <circle cx="11" cy="11" r="7" />
          <path d="m20 20-3.5-3.5" />
        </svg>
        <span class="sr-only">{t("search.submit")}</span>
      </button>
    </form>
  );
}
