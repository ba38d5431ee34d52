import type { ProductSummary } from "../../commerce/catalog/mod.ts";
import type { Language } from "../../commerce/localization/mod.ts";
import type { Translate } from "../../edge/i18n.ts";
import { priceLabel, ratingLabel, stockLabel } from "./labels.ts";
import { Stars } from "./Stars.tsx";
import { StockBadge } from "../../islands/_StockBadge.tsx";

/** Props of {@link ProductCard}. */
export interface ProductCardProps {
  product: ProductSummary;
  t: Translate;
  language: Language;
}

/**
 * A product in a grid: image, brand, name (the whole card links to the
 * product), rating, price ("from" when variants differ) and stock.
 */
export function ProductCard({ product, t, language }: ProductCardProps) {
  const href = `/${language}/p/${product.slug}`;
  // Copy missing in this language falls back to the default one: say so.
  const lang = product.language === language ? undefined : product.language;
  return (
    <li
      data-testid="product-card"
      class="group relative flex flex-col overflow-hidden rounded-xl border border-gray-200 bg-white shadow-sm transition hover:shadow-md focus-within:ring-2 focus-within:ring-indigo-500"
    >
      <div class="aspect-square overflow-hidden bg-gray-100">
        {product.image && (
          <img
            src={product.image.url}
            alt={product.image.alt}
            loading="lazy"
            width={400}
            height={400}
            class="h-full w-full object-cover"
          />
        )}
      </div>
      <div class="flex flex-1 flex-col gap-1.5 p-4">
        <p class="text-xs font-medium uppercase tracking-wide text-gray-500">
          {product.brand}
        </p>
        <h3 class="font-semibold leading-snug text-gray-900" lang={lang}>
          <a
            href={href}
            class="after:absolute after:inset-0 focus:outline-none"
          >
            {product.name}
          </a>
        </h3>
        {product.rating.average !== null && product.rating.count > 0 && (
          <p class="flex items-center gap-1.5 text-xs text-gray-500">
            <Stars
              rating={product.rating.average}
              label={ratingLabel(t, product.rating.average, language)}
            />
            <span>
              {t("catalog.reviewCountShort", { count: product.rating.count })}
            </span>
          </p>
        )}
        <div class="mt-auto flex flex-wrap items-center justify-between gap-2 pt-2">
          <p data-testid="price" class="font-semibold text-gray-900">
            {priceLabel(t, product.price, { from: product.priceVaries })}
          </p>
          <StockBadge
            status={product.availability.status}
            label={stockLabel(t, product.availability)}
          />
        </div>
      </div>
    </li>
  );
}
