/**
 * Which attribute filters a listing offers: for each category, the colour
 * and material values its products (and its subcategories') carry, as
 * generated from the catalog seed by `locales/_sync_attribute_labels.ts`.
 *
 * @module
 */
import type { Translate } from "../../edge/i18n.ts";
import { attributeName, attributeValue } from "./labels.ts";
import type { FacetView } from "./ListingFilters.tsx";
import { FACETS } from "./facets.gen.ts";

/** The whole catalog's filters, for search. */
export const ALL_CATEGORIES = "*";

/**
 * The attribute filters of category `key` (code → values), or of the whole
 * catalog for {@link ALL_CATEGORIES}; none for a category the seed does not
 * know (added since by an admin).
 */
export function facetsFor(
  key: string,
): Readonly<Record<string, readonly string[]>> {
  return FACETS[key] ?? {};
}

// Labels come from fixed tables and `t` is the language's translator, so a
// category's filters in one language never change: built once, they cost a
// Map lookup instead of ~100 translations and a Collator per request.
const views = new WeakMap<object, Map<string, FacetView[]>>();

/** The filters with their labels in the page's language, sorted by label. */
export function facetViews(
  t: Translate,
  facets: Readonly<Record<string, readonly string[]>>,
  language: Parameters<typeof attributeValue>[2],
): FacetView[] {
  let byLanguage = views.get(facets);
  if (!byLanguage) views.set(facets, byLanguage = new Map());
  let built = byLanguage.get(language);
  if (!built) byLanguage.set(language, built = buildViews(t, facets, language));
  return built;
}

function buildViews(
  t: Translate,
  facets: Readonly<Record<string, readonly string[]>>,
  language: Parameters<typeof attributeValue>[2],
): FacetView[] {
  const collator = new Intl.Collator(language);
  return Object.entries(facets).map(([code, values]) => ({
    code,
    label: attributeName(t, code),
    values: values.map((value) => ({
      value,
      label: attributeValue(t, value, language),
    })).sort((a, b) => collator.compare(a.label, b.label)),
  }));
}
