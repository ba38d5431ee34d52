/** One row of a totals table, already translated and formatted. */
export interface TotalsRow {
  label: string;
  amount: string;
  testId?: string;
}

/** What {@link Totals} shows. */
export interface TotalsView {
  /** Subtotal, discount, shipping and, where tax is added, the tax. */
  rows: TotalsRow[];
  total: TotalsRow;
  /** Under the total: "Includes VAT (19%) 15,95 €" where tax is included. */
  note?: string;
}

/**
 * The totals of a quote or an order: rows, the total, and the tax the way
 * the destination shows it (added as a row, or a note under the total).
 * Shared by the checkout island and the order page (the `_` keeps it out
 * of the island entries).
 */
export function Totals({ view }: { view: TotalsView }) {
  return (
    <dl class="space-y-2 text-sm" data-testid="totals">
      {view.rows.map((row) => (
        <div key={row.label} class="flex justify-between gap-4">
          <dt class="text-gray-600">{row.label}</dt>
          <dd data-testid={row.testId} class="font-medium text-gray-900">
            {row.amount}
          </dd>
        </div>
      ))}
      <div class="flex justify-between gap-4 border-t border-gray-200 pt-3 text-base font-bold text-gray-900">
        <dt>{view.total.label}</dt>
        <dd data-testid="total">{view.total.amount}</dd>
      </div>
      {view.note && (
        <p data-testid="tax-note" class="text-end text-xs text-gray-500">
          {view.note}
        </p>
      )}
    </dl>
  );
}

/** The texts {@link totalsView} needs. */
export interface TotalsLabels {
  subtotal: string;
  discount: string;
  shipping: string;
  /** "Free" for shipping at no cost. */
  free: string;
  /** "{{name}} ({{rate}})": the tax row where tax is added. */
  taxAdded: string;
  /** "Tax" when the tax has no name. */
  tax: string;
  /** "Includes {{name}} ({{rate}}) {{amount}}". */
  taxIncluded: string;
  total: string;
}

/** Money as the totals need it. */
interface Amount {
  amount: string;
  formatted: string;
}

/**
 * Rows for {@link Totals}: the discount only when there is one, "Free"
 * shipping, and the tax added as a row (exclusive) or noted under the
 * total (inclusive); no tax line where the store collects none.
 */
export function totalsView(
  totals: {
    subtotal: Amount;
    discount: Amount;
    shipping: Amount;
    tax: Amount;
    total: Amount;
  },
  options: {
    labels: TotalsLabels;
    language: string;
    taxInclusive: boolean;
    taxName: string;
    /** A decimal fraction, "0.19". */
    taxRate: string;
    freeShipping?: boolean;
  },
): TotalsView {
  const { labels } = options;
  const zero = (money: Amount) => Number(money.amount) === 0;
  const rate = Number(options.taxRate);
  const percent = new Intl.NumberFormat(options.language, {
    style: "percent",
    maximumFractionDigits: 3,
  }).format(rate);
  const fill = (template: string, values: Record<string, string>) =>
    template.replace(/\{\{(\w+)\}\}/g, (_, key) => values[key] ?? "");
  const name = options.taxName || labels.tax;
  const rows: TotalsRow[] = [
    {
      label: labels.subtotal,
      amount: totals.subtotal.formatted,
      testId: "subtotal",
    },
  ];
  if (!zero(totals.discount)) {
    rows.push({
      label: labels.discount,
      amount: `−${totals.discount.formatted}`,
      testId: "discount",
    });
  }
  rows.push({
    label: labels.shipping,
    amount: options.freeShipping || zero(totals.shipping)
      ? labels.free
      : totals.shipping.formatted,
    testId: "shipping-total",
  });
  const collects = rate > 0 || !zero(totals.tax);
  if (collects && !options.taxInclusive) {
    rows.push({
      label: fill(labels.taxAdded, { name, rate: percent }),
      amount: totals.tax.formatted,
      testId: "tax",
    });
  }
  return {
    rows,
    total: { label: labels.total, amount: totals.total.formatted },
    note: collects && options.taxInclusive
      ? fill(labels.taxIncluded, {
        name,
        rate: percent,
        amount: totals.tax.formatted,
      })
      : undefined,
  };
}
