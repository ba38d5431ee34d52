import assert from "node:assert/strict";
import type { LoadResult } from "./_load.ts";
import type { CheckoutFlowResult } from "./checkout_flow.ts";
import {
  alignedTable,
  checkoutFailures,
  checkoutReport,
  checkoutTable,
  failures,
  passed,
  ratios,
} from "./_report.ts";
import type { TargetReport } from "./_report.ts";

function loadResult(overrides: Partial<LoadResult> = {}): LoadResult {
  return {
    responses: 1000,
    seconds: 1,
    rps: 1000,
    meanMs: 1,
    p50Ms: 1,
    p99Ms: 2,
    maxMs: 3,
    non2xx: 0,
    errors: 0,
    timeouts: 0,
    statuses: { "200": 1000 },
    errorMessages: {},
    bytesPerSecond: 0,
    ...overrides,
  };
}

function report(load: LoadResult): TargetReport {
  return {
    name: "home",
    server: "app",
    path: "/en/",
    load,
    rpsRatio: 1,
    p99Ratio: 1,
    memoryAfter: null,
  };
}

Deno.test("ratios() divides req/s and p99 by the baseline's", () => {
  const base = loadResult({ rps: 40_000, p99Ms: 2 });
  assert.deepEqual(ratios(loadResult({ rps: 1000, p99Ms: 20 }), base), {
    rpsRatio: 0.025,
    p99Ratio: 10,
  });
});

Deno.test("passed() fails a target with a non-2xx response or an error", () => {
  assert.equal(passed(report(loadResult())), true);
  assert.equal(passed(report(loadResult({ non2xx: 1 }))), false);
  assert.equal(passed(report(loadResult({ errors: 1 }))), false);
});

Deno.test("failures() names the target and counts statuses and errors", () => {
  const failing = report(
    loadResult({
      non2xx: 3,
      errors: 2,
      statuses: { "200": 5, "404": 3 },
      errorMessages: { ECONNRESET: 2 },
    }),
  );
  assert.deepEqual(failures([report(loadResult()), failing]), [
    "Target 'home' (/en/) got 3 non-2xx responses and 2 errors (404×3, ECONNRESET×2)",
  ]);
});

Deno.test("failures() names a failing load run alongside a target", () => {
  const timedOut = loadResult({
    errors: 5,
    timeouts: 5,
    errorMessages: { "request timed out": 5 },
  });
  const failing: TargetReport = {
    ...report(loadResult()),
    during: { name: "20 concurrent sign-ins", load: timedOut },
  };
  assert.deepEqual(failures([failing]), [
    "Target 'home' (/en/) got 0 non-2xx responses and 0 errors; alongside, " +
    "20 concurrent sign-ins got 0 non-2xx responses and 5 errors (request timed out×5)",
  ]);
});

Deno.test("alignedTable() pads text left and numbers right", () => {
  assert.equal(
    alignedTable(["name", "n"], [["a", "1"], ["bb", "100"]]),
    ["name    n", "────  ───", "a       1", "bb    100"].join("\n"),
  );
});

function flowResult(
  overrides: Partial<CheckoutFlowResult> = {},
): CheckoutFlowResult {
  return {
    shoppers: 16,
    skus: ["BAG-1", "KNF-S"],
    seconds: 10,
    rounds: 1254,
    placed: 1234,
    ordersPerSecond: 123.4,
    p50Ms: 12.345,
    p99Ms: 56.789,
    maxMs: 80,
    conflicts: 20,
    conflictCodes: { out_of_stock: 20 },
    failures: 0,
    failureKinds: [],
    ...overrides,
  };
}

Deno.test("checkoutReport() divides orders/s by the baseline's req/s", () => {
  const report = checkoutReport(flowResult(), {
    base: loadResult({ rps: 40_000 }),
    database: "Postgres",
  });
  assert.equal(report.ordersRatio, 123.4 / 40_000);
  assert.equal(report.database, "Postgres");
  assert.equal(report.placed, 1234);
  const noBase = checkoutReport(flowResult(), {
    base: loadResult({ rps: 0 }),
    database: "Postgres",
  });
  assert.ok(Number.isNaN(noBase.ordersRatio));
});

Deno.test("checkoutTable() prints orders/s, placement p50/p99, 409s, failures and the ratio", () => {
  const report = checkoutReport(flowResult(), {
    base: loadResult({ rps: 40_000 }),
    database: "Postgres",
  });
  assert.equal(
    checkoutTable(report),
    [
      "checkout flow                    database  shoppers  orders/s  p50 ms  p99 ms  orders  409s  failures  orders/s ÷ base req/s",
      "───────────────────────────────  ────────  ────────  ────────  ──────  ──────  ──────  ────  ────────  ─────────────────────",
      "guest orders, 2 shared variants  Postgres        16     123.4   12.35   56.79   1,234    20         0               0.00309×",
    ].join("\n"),
  );
  const empty = checkoutTable({
    ...report,
    placed: 0,
    ordersPerSecond: 0,
    p50Ms: NaN,
    p99Ms: NaN,
    ordersRatio: NaN,
  });
  assert.match(empty.split("\n")[2], /0\.0 +– +– +0 +20 +0 +–$/);
});

Deno.test("checkoutFailures() names each failing request with its status, count and first body", () => {
  const report = checkoutReport(
    flowResult({
      failures: 3,
      failureKinds: [
        {
          request: "POST /api/orders",
          status: 500,
          body: '{"error":{"code":"internal"}}',
          count: 2,
        },
        {
          request: "POST /api/checkout/quote",
          status: 0,
          body: "TimeoutError: Signal timed out.",
          count: 1,
        },
      ],
    }),
    { base: loadResult(), database: "Postgres" },
  );
  assert.deepEqual(checkoutFailures(report), [
    `Checkout flow: 'POST /api/orders' answered 500 2 times (first: {"error":{"code":"internal"}})`,
    "Checkout flow: 'POST /api/checkout/quote' got no answer 1 time (first: TimeoutError: Signal timed out.)",
  ]);
  assert.deepEqual(
    checkoutFailures(checkoutReport(flowResult(), {
      base: loadResult(),
      database: "Postgres",
    })),
    [],
  );
});
