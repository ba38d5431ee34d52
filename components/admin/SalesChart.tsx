import type { SalesDay } from "../../commerce/orders/mod.ts";
import { formatMoney } from "../../commerce/pricing/mod.ts";

const WIDTH = 600;
const HEIGHT = 160;
const GAP = 4;

/**
 * Daily sales as an SVG bar chart drawn on the server (no script): one bar
 * per day, its height the day's total against the busiest day's, each with
 * a tooltip (`<title>`) naming the day, the total and the order count. The
 * texts around it (largest total, first and last day) are plain HTML, so
 * they stay readable at any width.
 */
export function SalesChart(
  { days, language, label, tooltip }: {
    days: SalesDay[];
    language: string;
    /** What the chart shows, for screen readers. */
    label: string;
    /** A day's tooltip, given its date, total and order count. */
    tooltip: (values: { date: string; total: string; count: number }) => string;
  },
) {
  const dayFormat = new Intl.DateTimeFormat(language, {
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  });
  const date = (day: string) => dayFormat.format(new Date(`${day}T00:00:00Z`));
  // Heights only: a float is fine for drawing, never for money.
  const values = days.map((day) => Number(day.total.amount));
  const max = Math.max(0, ...values);
  const biggest = days[values.indexOf(max)];
  const slot = WIDTH / Math.max(1, days.length);
  return (
    <figure data-testid="sales-chart">
      <div class="flex items-baseline justify-between text-xs text-gray-500">
        <span>
          {biggest && max > 0 ? formatMoney(biggest.total, language) : ""}
        </span>
      </div>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={label}
        preserveAspectRatio="none"
        class="mt-1 block h-40 w-full"
      >
        <line
          x1="0"
          y1={HEIGHT - 0.5}
          x2={WIDTH}
          y2={HEIGHT - 0.5}
          class="stroke-gray-300"
          stroke-width="1"
        />
        {days.map((day, i) => {
          const height = max > 0
            ? Math.max(values[i] > 0 ? 2 : 0, (values[i] / max) * (HEIGHT - 8))
            : 0;
          return (
            <rect
              key={day.day}
              data-day={day.day}
              x={i * slot + GAP / 2}
              y={HEIGHT - 1 - height}
              width={Math.max(1, slot - GAP)}
              height={height}
              rx="2"
              class="fill-indigo-500 hover:fill-indigo-700"
            >
              <title>
                {tooltip({
                  date: date(day.day),
                  total: formatMoney(day.total, language),
                  count: day.orders,
                })}
              </title>
            </rect>
          );
        })}
      </svg>
      <figcaption class="mt-1 flex justify-between text-xs text-gray-500">
        <span>{days[0] && date(days[0].day)}</span>
        <span>{days.at(-1) && date(days.at(-1)!.day)}</span>
      </figcaption>
    </figure>
  );
}
