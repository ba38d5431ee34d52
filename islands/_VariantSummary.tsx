import type { StockStatus } from "../commerce/catalog/mod.ts";
import { StockBadge } from "./_StockBadge.tsx";

/** One variant as a product page shows it, already formatted. */
export interface VariantChoice {
  id: string;
  sku: string;
  /** Option code → value code (`{ color: "black" }`). */
  options: Record<string, string>;
  /** The price, formatted ("¥1,980"), or that none is known yet. */
  price: string;
  status: StockStatus;
  /** "In stock", "Only 3 left", "Out of stock". */
  stock: string;
}

/**
 * The price, stock state and SKU of one variant: the server renders it for
 * a product with one variant, the variant picker for the chosen one.
 */
export function VariantSummary(
  { variant, skuLabel }: { variant: VariantChoice; skuLabel: string },
) {
  return (
    <div aria-live="polite" class="space-y-2">
      <p
        data-testid="variant-price"
        class="text-3xl font-bold tracking-tight text-gray-900"
      >
        {variant.price}
      </p>
      <div class="flex flex-wrap items-center gap-3 text-sm text-gray-500">
        <StockBadge
          status={variant.status}
          label={variant.stock}
          testId="variant-stock"
        />
        <span>
          {skuLabel} <span data-testid="variant-sku">{variant.sku}</span>
        </span>
      </div>
    </div>
  );
}
