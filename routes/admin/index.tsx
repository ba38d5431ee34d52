import {
  type LowStockVariant,
  lowStockVariants,
} from "../../commerce/catalog/mod.ts";
import {
  ORDER_STATUSES,
  type OrderStatus,
  orderStatusCounts,
  type SalesFigures,
  type SalesReport,
  salesReport,
} from "../../commerce/orders/mod.ts";
import {
  WEBHOOK_FAILURE_OUTCOMES,
  type WebhookFailures,
  webhookFailures,
} from "../../commerce/payments/mod.ts";
import { feedRates, formatMoney } from "../../commerce/pricing/mod.ts";
import {
  Card,
  PageTitle,
  TableFrame,
  TD,
  TH,
  TH_END,
} from "../../components/admin/ui.tsx";
import { SalesChart } from "../../components/admin/SalesChart.tsx";
import { StatusBadge } from "../../components/orders/StatusBadge.tsx";
import { optionsText } from "../../components/cart/options.ts";
import { staffActor } from "../../edge/admin.ts";
import type { PageProps, RouteHandler } from "../../edge/define.ts";
import {
  adminHref,
  type AdminPageData,
  adminShell,
  adminTitled,
} from "./_shell.ts";

const DAY_MS = 24 * 3600 * 1000;
/** Rates older than this get a warning. */
const STALE_RATES_MS = 2 * DAY_MS;

interface OverviewData {
  sales: SalesReport;
  statuses: Record<OrderStatus, number>;
  lowStock: { items: LowStockVariant[]; total: number };
  rates:
    | { source: string; asOf: string; ageDays: number; stale: boolean }
    | null;
  webhooks: WebhookFailures;
}

/**
 * `GET /admin`: the overview: sales today, over 7 and 30 days in the base
 * currency and per order currency, with a chart of the 30 days; orders by
 * status; variants running low; how old the exchange rates are; webhook
 * events that need a person (7 days).
 */
export const handler: { GET: RouteHandler } = {
  async GET(c, page) {
    staffActor(c, "orders:read");
    staffActor(c, "catalog:read");
    const { sql } = c.var.db;
    const now = new Date();
    const [shell, sales, statuses, lowStock, feed, webhooks] = await Promise
      .all([
        adminShell(c),
        salesReport(sql, { baseCurrency: c.var.config.BASE_CURRENCY, now }),
        orderStatusCounts(sql),
        lowStockVariants(sql, { language: c.var.locale.language, limit: 10 }),
        feedRates(sql),
        webhookFailures(sql, { since: new Date(now.getTime() - 7 * DAY_MS) }),
      ]);
    const age = feed ? now.getTime() - feed.asOf.getTime() : 0;
    return page.render(
      {
        shell,
        sales,
        statuses,
        lowStock,
        rates: feed
          ? {
            source: feed.source,
            asOf: feed.asOf.toISOString(),
            ageDays: Math.floor(age / DAY_MS),
            stale: age > STALE_RATES_MS,
          }
          : null,
        webhooks,
      } satisfies AdminPageData<OverviewData>,
    );
  },
};

/** "Overview · Dashboard · <store>". */
export const head = adminTitled("admin.overview.title");

/** The overview page. */
export default function Overview(
  { data, state }: PageProps<AdminPageData<OverviewData>>,
) {
  const { t, locale } = state;
  const { language } = locale;
  const { sales } = data;
  const money = (figures: SalesFigures, period: keyof SalesFigures) =>
    period === "orders"
      ? String(figures.orders)
      : formatMoney(figures[period], language);
  return (
    <div class="mx-auto max-w-7xl">
      <PageTitle title={t("admin.overview.title")} />
      <section
        aria-label={t("admin.overview.sales")}
        class="grid gap-4 sm:grid-cols-3"
        data-testid="sales-figures"
      >
        {(["today", "week", "month"] as const).map((period) => (
          <div
            key={period}
            class="rounded-xl border border-gray-200 bg-white p-5 shadow-sm"
          >
            <p class="text-sm font-medium text-gray-500">
              {t(`admin.overview.period.${period}`)}
            </p>
            <p
              data-testid={`sales-${period}`}
              class="mt-1 text-2xl font-bold tracking-tight text-gray-900"
            >
              {money(sales.base, period)}
            </p>
            <p class="mt-1 text-xs text-gray-500">
              {t("admin.overview.inBase", { currency: sales.baseCurrency })}
            </p>
          </div>
        ))}
      </section>

      <div class="mt-6 grid gap-6 xl:grid-cols-3">
        <Card
          title={t("admin.overview.dailySales")}
          class="xl:col-span-2"
          testId="daily-sales"
        >
          <p class="mt-1 text-xs text-gray-500">
            {t("admin.overview.dailySalesNote", {
              currency: sales.baseCurrency,
            })}
          </p>
          <div class="mt-3">
            <SalesChart
              days={sales.daily}
              language={language}
              label={t("admin.overview.dailySales")}
              tooltip={(values) => t("admin.overview.dayTooltip", values)}
            />
          </div>
        </Card>

        <Card title={t("admin.overview.byStatus")} testId="orders-by-status">
          <ul class="mt-3 divide-y divide-gray-100">
            {ORDER_STATUSES.map((status) => (
              <li
                key={status}
                class="flex items-center justify-between gap-3 py-2 text-sm"
              >
                <a
                  href={adminHref("/admin/orders", { status })}
                  class="hover:underline"
                >
                  <StatusBadge status={status} t={t} />
                </a>
                <span
                  data-testid={`status-count-${status}`}
                  class="font-semibold tabular-nums text-gray-900"
                >
                  {data.statuses[status]}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      </div>

      <div class="mt-6">
        <h2 class="mb-2 text-base font-bold text-gray-900">
          {t("admin.overview.byCurrency")}
        </h2>
        {sales.byCurrency.length === 0
          ? (
            <p class="rounded-xl border border-gray-200 bg-white p-5 text-sm text-gray-500">
              {t("admin.overview.noSales")}
            </p>
          )
          : (
            <TableFrame>
              <thead class="bg-gray-50">
                <tr>
                  <th scope="col" class={TH}>{t("admin.overview.currency")}</th>
                  {(["today", "week", "month", "orders"] as const).map((p) => (
                    <th key={p} scope="col" class={TH_END}>
                      {t(`admin.overview.period.${p}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody
                class="divide-y divide-gray-100"
                data-testid="sales-by-currency"
              >
                {sales.byCurrency.map((row) => (
                  <tr key={row.currency} data-currency={row.currency}>
                    <th scope="row" class={`${TD} text-start font-semibold`}>
                      {row.currency}
                    </th>
                    {(["today", "week", "month", "orders"] as const).map((
                      p,
                    ) => (
                      <td key={p} class={`${TD} text-end tabular-nums`}>
                        {money(row, p)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </TableFrame>
          )}
      </div>

      <div class="mt-6 grid gap-6 xl:grid-cols-3">
        <Card
          title={t("admin.overview.lowStock")}
          class="xl:col-span-2"
          testId="low-stock"
        >
          {data.lowStock.items.length === 0
            ? (
              <p class="mt-3 text-sm text-gray-500">
                {t("admin.overview.noLowStock")}
              </p>
            )
            : (
              <>
                <p class="mt-1 text-xs text-gray-500">
                  {t("admin.overview.lowStockCount", {
                    count: data.lowStock.total,
                  })}
                </p>
                <TableFrame inCard>
                  <thead>
                    <tr>
                      <th scope="col" class={TH}>{t("admin.product.sku")}</th>
                      <th scope="col" class={TH}>
                        {t("admin.product.name")}
                      </th>
                      <th scope="col" class={TH_END}>
                        {t("admin.product.available")}
                      </th>
                      <th scope="col" class={TH_END}>
                        {t("admin.product.threshold")}
                      </th>
                    </tr>
                  </thead>
                  <tbody class="divide-y divide-gray-100">
                    {data.lowStock.items.map((item) => (
                      <tr key={item.variantId}>
                        <td class={`${TD} font-mono text-xs`}>{item.sku}</td>
                        <td class={TD}>
                          <a
                            href={`/admin/products/${item.productId}`}
                            class="font-medium text-indigo-700 hover:underline"
                          >
                            {item.name}
                          </a>
                          <span class="block text-xs text-gray-500">
                            {optionsText(t, item.options, language)}
                          </span>
                        </td>
                        <td
                          class={`${TD} text-end font-semibold tabular-nums ${
                            item.available <= 0
                              ? "text-rose-700"
                              : "text-amber-700"
                          }`}
                        >
                          {item.available}
                        </td>
                        <td class={`${TD} text-end tabular-nums`}>
                          {item.threshold}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </TableFrame>
              </>
            )}
        </Card>

        <div class="grid gap-6 md:grid-cols-2 xl:grid-cols-1">
          <Card title={t("admin.overview.rates")} testId="rate-health">
            {data.rates
              ? (
                <>
                  <dl class="mt-3 grid grid-cols-2 gap-2 text-sm">
                    <dt class="text-gray-500">
                      {t("admin.overview.rateSource")}
                    </dt>
                    <dd class="font-medium">
                      <code>{data.rates.source}</code>
                    </dd>
                    <dt class="text-gray-500">
                      {t("admin.overview.rateAsOf")}
                    </dt>
                    <dd class="font-medium">
                      <time dateTime={data.rates.asOf}>
                        {new Intl.DateTimeFormat(language, {
                          dateStyle: "medium",
                          timeZone: "UTC",
                        }).format(new Date(data.rates.asOf))}
                      </time>
                    </dd>
                    <dt class="text-gray-500">{t("admin.overview.rateAge")}</dt>
                    <dd class="font-medium">
                      {new Intl.RelativeTimeFormat(language, {
                        numeric: "auto",
                      }).format(-data.rates.ageDays, "day")}
                    </dd>
                  </dl>
                  {data.rates.stale && (
                    <p
                      role="status"
                      data-testid="rates-stale"
                      class="mt-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
                    >
                      {t("admin.overview.ratesStale", {
                        count: data.rates.ageDays,
                      })}
                    </p>
                  )}
                </>
              )
              : (
                <p
                  data-testid="rates-stale"
                  class="mt-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
                >
                  {t("admin.overview.noRates")}
                </p>
              )}
          </Card>

          <Card title={t("admin.overview.webhooks")} testId="webhook-failures">
            <p class="mt-1 text-xs text-gray-500">
              {t("admin.overview.webhooksNote")}
            </p>
            <p
              data-testid="webhook-failure-count"
              class={`mt-2 text-2xl font-bold tabular-nums ${
                data.webhooks.total > 0 ? "text-rose-700" : "text-gray-900"
              }`}
            >
              {data.webhooks.total}
            </p>
            <ul class="mt-2 space-y-1 text-sm">
              {WEBHOOK_FAILURE_OUTCOMES.map((outcome) => (
                <li key={outcome} class="flex justify-between gap-3">
                  <span class="text-gray-600">
                    {t(`admin.overview.outcome.${outcome}`)}
                  </span>
                  <span class="font-medium tabular-nums">
                    {data.webhooks.byOutcome[outcome]}
                  </span>
                </li>
              ))}
            </ul>
          </Card>
        </div>
      </div>
    </div>
  );
}
