/**
 * Turn measurements into the printed tables and the results file.
 *
 * @module
 */
import type { CheckoutFlowResult } from "./checkout_flow.ts";
import type { LoadResult } from "./_load.ts";
import type { Memory } from "./_servers.ts";

/** One measured target, compared with the baseline. */
export interface TargetReport {
  name: string;
  /** Which server answered: `baseline` or `app`. */
  server: string;
  path: string;
  headers?: Record<string, string>;
  load: LoadResult;
  /** This target's req/s ÷ the baseline's (1 for the baseline itself). */
  rpsRatio: number;
  /** This target's p99 ÷ the baseline's (1 for the baseline itself). */
  p99Ratio: number;
  /** The server's memory right after this target's measurement. */
  memoryAfter: Memory | null;
  /** The load run alongside this one, if any (counted in `passed`). */
  during?: { name: string; load: LoadResult };
}

/** One server's memory: idle after start-up, and after all its load. */
export interface MemoryReport {
  server: string;
  before: Memory | null;
  after: Memory | null;
}

/** The checkout flow's figures, compared with the baseline. */
export interface CheckoutReport extends CheckoutFlowResult {
  /** The database the store ran on, e.g. `Postgres` or `PGlite (embedded)`. */
  database: string;
  /** Orders placed per second ÷ the baseline's req/s. */
  ordersRatio: number;
}

/**
 * The checkout flow's `result` as reported: with the `database` it ran on
 * and its orders/s divided by the baseline's (`base`) req/s.
 */
export function checkoutReport(
  result: CheckoutFlowResult,
  { base, database }: { base: LoadResult; database: string },
): CheckoutReport {
  return {
    ...result,
    database,
    ordersRatio: base.rps > 0 ? result.ordersPerSecond / base.rps : NaN,
  };
}

/** Whether a target got only 2xx responses and no errors. */
export function passed(report: TargetReport): boolean {
  const clean = (load: LoadResult) => load.non2xx === 0 && load.errors === 0;
  return clean(report.load) && (!report.during || clean(report.during.load));
}

/** The req/s and p99 ratios of `load` against the baseline's `base`. */
export function ratios(
  load: LoadResult,
  base: LoadResult,
): { rpsRatio: number; p99Ratio: number } {
  return {
    rpsRatio: base.rps > 0 ? load.rps / base.rps : NaN,
    p99Ratio: base.p99Ms > 0 ? load.p99Ms / base.p99Ms : NaN,
  };
}

/** The results table: one aligned row per target. */
export function resultsTable(reports: TargetReport[]): string {
  return alignedTable(
    [
      "target",
      "path",
      "req/s",
      "p50 ms",
      "p99 ms",
      "non-2xx",
      "errors",
      "req/s ÷ base",
      "p99 ÷ base",
    ],
    reports.map((report) => [
      report.name,
      report.path,
      formatInteger(report.load.rps),
      formatFixed(report.load.p50Ms, 2),
      formatFixed(report.load.p99Ms, 2),
      formatInteger(report.load.non2xx),
      formatInteger(report.load.errors),
      formatRatio(report.rpsRatio),
      formatRatio(report.p99Ratio),
    ]),
    { leftAligned: 2 },
  );
}

/**
 * The checkout table: orders placed per second, the placement's p50/p99,
 * 409s and failures, and orders/s as a ratio to the baseline's req/s.
 */
export function checkoutTable(report: CheckoutReport): string {
  return alignedTable(
    [
      "checkout flow",
      "database",
      "shoppers",
      "orders/s",
      "p50 ms",
      "p99 ms",
      "orders",
      "409s",
      "failures",
      "orders/s ÷ base req/s",
    ],
    [[
      `guest orders, ${report.skus.length} shared variants`,
      report.database,
      formatInteger(report.shoppers),
      formatFixed(report.ordersPerSecond, 1),
      formatFixed(report.p50Ms, 2),
      formatFixed(report.p99Ms, 2),
      formatInteger(report.placed),
      formatInteger(report.conflicts),
      formatInteger(report.failures),
      formatRatio(report.ordersRatio),
    ]],
    { leftAligned: 2 },
  );
}

/** Why the checkout flow failed, one sentence per failing request and status. */
export function checkoutFailures(report: CheckoutReport): string[] {
  return report.failureKinds.map(({ request, status, count, body }) =>
    `Checkout flow: '${request}' ${
      status === 0 ? "got no answer" : `answered ${status}`
    } ${count} ${count === 1 ? "time" : "times"} (first: ${body})`
  );
}

/** The memory table: resident memory before and after load, per server. */
export function memoryTable(memory: MemoryReport[]): string {
  return alignedTable(
    ["server", "RSS before", "RSS after", "peak RSS"],
    memory.map(({ server, before, after }) => [
      server,
      formatMib(before?.rssKib),
      formatMib(after?.rssKib),
      formatMib(after?.peakKib),
    ]),
  );
}

/**
 * Why each failing target failed, one sentence per target (naming the load
 * run alongside it too when that one failed).
 */
export function failures(reports: TargetReport[]): string[] {
  return reports.filter((report) => !passed(report)).map((report) => {
    const alongside = report.during &&
        (report.during.load.non2xx || report.during.load.errors)
      ? `; alongside, ${report.during.name} ${outcome(report.during.load)}`
      : "";
    return `Target '${report.name}' (${report.path}) ${
      outcome(report.load)
    }${alongside}`;
  });
}

function outcome(load: LoadResult): string {
  const statuses = Object.entries(load.statuses)
    .filter(([code]) => !code.startsWith("2"))
    .map(([code, count]) => `${code}×${count}`);
  const errors = Object.entries(load.errorMessages)
    .map(([message, count]) => `${message}×${count}`);
  const detail = [...statuses, ...errors].join(", ");
  return `got ${load.non2xx} non-2xx responses and ${load.errors} errors${
    detail ? ` (${detail})` : ""
  }`;
}

/**
 * An aligned plain-text table with a rule under the headers. The first
 * `leftAligned` columns (default 1) are text; the rest are right-aligned.
 */
export function alignedTable(
  headers: string[],
  rows: string[][],
  { leftAligned = 1 }: { leftAligned?: number } = {},
): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => row[column].length))
  );
  const line = (cells: string[]) =>
    cells.map((cell, column) =>
      column < leftAligned && column < cells.length - 1
        ? cell.padEnd(widths[column])
        : cell.padStart(widths[column])
    ).join("  ").trimEnd();
  const rule = widths.map((width) => "─".repeat(width)).join("  ");
  return [line(headers), rule, ...rows.map(line)].join("\n");
}

function formatInteger(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString("en") : "–";
}

function formatFixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : "–";
}

function formatRatio(value: number): string {
  return Number.isFinite(value) ? `${value.toPrecision(3)}×` : "–";
}

function formatMib(kib: number | undefined): string {
  return kib === undefined ? "n/a" : `${(kib / 1024).toFixed(1)} MiB`;
}
