/**
 * What the dashboard's overview reads from the orders: sales over the last
 * days (in the base currency and in each order currency, day by day) and
 * how many orders stand in each status.
 *
 * @module
 */
import type postgres from "postgres";
import type { Sql } from "../../db/client.ts";
import { type Money, parseMoney, sumMoney, zeroMoney } from "../pricing/mod.ts";
import { ORDER_STATUSES, type OrderStatus } from "./types.ts";

type Db = Sql | postgres.TransactionSql;

/**
 * The statuses whose orders count as sales: paid, or further along with
 * the money kept (a partial refund keeps the order in; a full refund or a
 * cancellation takes it out).
 */
export const SOLD_STATUSES: readonly OrderStatus[] = Object.freeze([
  "paid",
  "packed",
  "shipped",
  "delivered",
  "partially_refunded",
]);

/** Sales of one currency: today, the last 7 and the last 30 days (UTC). */
export interface SalesFigures {
  today: Money;
  week: Money;
  month: Money;
  /** How many orders the 30 days hold. */
  orders: number;
}

/** One UTC day of sales in the base currency. */
export interface SalesDay {
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  total: Money;
  orders: number;
}

/** What {@link salesReport} answers. */
export interface SalesReport {
  baseCurrency: string;
  /** The orders' totals in the base currency, at each order's rates. */
  base: SalesFigures;
  /** The same orders by the currency they were paid in, busiest first. */
  byCurrency: (SalesFigures & { currency: string })[];
  /** Every one of the last `days` days, oldest first, empty ones included. */
  daily: SalesDay[];
}

const DAY_MS = 24 * 3600 * 1000;

/** `YYYY-MM-DD` of `date` in UTC. */
function dayKey(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Sales of the last `days` (30) UTC days up to `now`, counted on the day
 * an order was paid: orders in {@link SOLD_STATUSES} priced against
 * `baseCurrency`. "Today" starts at midnight UTC; the 7 days are today and
 * the 6 before.
 */
export async function salesReport(
  sql: Db,
  options: { baseCurrency: string; now?: Date; days?: number },
): Promise<SalesReport> {
  const { baseCurrency } = options;
  const now = options.now ?? new Date();
  const days = options.days ?? 30;
  const today = dayKey(now);
  const first = new Date(
    Date.parse(`${today}T00:00:00Z`) - (days - 1) * DAY_MS,
  );
  const weekStart = dayKey(
    new Date(Date.parse(`${today}T00:00:00Z`) - 6 * DAY_MS),
  );
  const rows = await sql<
    {
      day: string;
      currency: string;
      orders: number;
      total: string;
      base_total: string;
    }[]
  >`
    select to_char(coalesce(paid_at, placed_at) at time zone 'UTC', 'YYYY-MM-DD') as day,
      currency, count(*)::integer as orders, sum(total)::text as total,
      sum(base_total)::text as base_total
    from orders.orders
    where status = any(${[...SOLD_STATUSES]}::text[])
      and base_currency = ${baseCurrency}
      and coalesce(paid_at, placed_at) >= ${first}
      and coalesce(paid_at, placed_at) <= ${now}
    group by 1, 2`;
  const figures = (
    currency: string,
    entries: { day: string; amount: Money; orders: number }[],
  ): SalesFigures => ({
    today: sumMoney(
      currency,
      entries.filter((e) => e.day === today).map((e) => e.amount),
    ),
    week: sumMoney(
      currency,
      entries.filter((e) => e.day >= weekStart).map((e) => e.amount),
    ),
    month: sumMoney(currency, entries.map((e) => e.amount)),
    orders: entries.reduce((sum, e) => sum + e.orders, 0),
  });
  const base = rows.map((row) => ({
    day: row.day,
    amount: parseMoney(row.base_total, baseCurrency),
    orders: row.orders,
  }));
  const currencies = [...new Set(rows.map((row) => row.currency))];
  const byCurrency = currencies.map((currency) => ({
    currency,
    ...figures(
      currency,
      rows.filter((row) => row.currency === currency).map((row) => ({
        day: row.day,
        amount: parseMoney(row.total, currency),
        orders: row.orders,
      })),
    ),
  })).sort((a, b) =>
    b.orders - a.orders || a.currency.localeCompare(b.currency)
  );
  const daily: SalesDay[] = [];
  for (let i = 0; i < days; i++) {
    const day = dayKey(new Date(first.getTime() + i * DAY_MS));
    const entries = base.filter((e) => e.day === day);
    daily.push({
      day,
      total: entries.length
        ? sumMoney(baseCurrency, entries.map((e) => e.amount))
        : zeroMoney(baseCurrency),
      orders: entries.reduce((sum, e) => sum + e.orders, 0),
    });
  }
  return { baseCurrency, base: figures(baseCurrency, base), byCurrency, daily };
}

/** How many orders stand in each status (every status, zeros included). */
export async function orderStatusCounts(
  sql: Db,
): Promise<Record<OrderStatus, number>> {
  const rows = await sql<{ status: OrderStatus; count: number }[]>`
    select status, count(*)::integer as count from orders.orders
    group by status`;
  const counts = Object.fromEntries(
    ORDER_STATUSES.map((status) => [status, 0]),
  ) as Record<OrderStatus, number>;
  for (const row of rows) counts[row.status] = row.count;
  return counts;
}
