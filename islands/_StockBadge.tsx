import type { StockStatus } from "../commerce/catalog/mod.ts";

const SHORT: Record<StockStatus, string> = {
  in_stock: "in",
  low_stock: "low",
  out_of_stock: "out",
};

/**
 * A small coloured badge for a stock state; `label` is already translated.
 * The tint follows a data attribute and the class list never changes, so
 * an island switching states needs no CSS the server did not extract.
 * Shared by server components and islands (the `_` keeps it out of the
 * island entries).
 */
export function StockBadge(
  { status, label, testId }: {
    status: StockStatus;
    label: string;
    testId?: string;
  },
) {
  return (
    <span
      data-stock={SHORT[status]}
      data-testid={testId}
      class="inline-flex w-fit items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset data-[stock=in]:bg-emerald-50 data-[stock=in]:text-emerald-700 data-[stock=in]:ring-emerald-600/20 data-[stock=low]:bg-amber-50 data-[stock=low]:text-amber-800 data-[stock=low]:ring-amber-600/30 data-[stock=out]:bg-gray-100 data-[stock=out]:text-gray-600 data-[stock=out]:ring-gray-500/20"
    >
      {label}
    </span>
  );
}
