import type { ProductSummary } from "../../commerce/catalog/mod.ts";
import type { Language } from "../../commerce/localization/mod.ts";
import type { Translate } from "../../edge/i18n.ts";
import { ProductCard } from "./ProductCard.tsx";

/** A responsive grid of product cards (two columns on phones). */
export function ProductGrid(
  { products, t, language, wide = false }: {
    products: ProductSummary[];
    t: Translate;
    language: Language;
    /** Four columns on large screens (a page without a sidebar). */
    wide?: boolean;
  },
) {
  return (
    <ul
      data-testid="product-grid"
      class={`grid grid-cols-2 gap-3 sm:gap-6 md:grid-cols-3 ${
        wide ? "lg:grid-cols-4" : ""
      }`}
    >
      {products.map((product) => (
        <ProductCard
          key={product.id}
          product={product}
          t={t}
          language={language}
        />
      ))}
    </ul>
  );
}

/** What a listing shows when nothing matches, with a way out. */
export function EmptyState(
  { title, body, action }: {
    title: string;
    body: string;
    action?: { label: string; href: string };
  },
) {
  return (
    <div
      data-testid="empty-state"
      class="rounded-xl border border-dashed border-gray-300 px-6 py-16 text-center"
    >
      <p class="text-lg font-semibold text-gray-900">{title}</p>
      <p class="mt-2 text-gray-600">{body}</p>
      {action && (
        <a
          href={action.href}
          class="mt-6 inline-block rounded-lg bg-indigo-600 px-4 py-2 font-semibold text-white hover:bg-indigo-700"
        >
          {action.label}
        </a>
      )}
    </div>
  );
}
