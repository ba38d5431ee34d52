import assert from "node:assert/strict";
import type { LoadResult } from "./_load.ts";
import { alignedTable, failures, passed, ratios } from "./_report.ts";
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

Deno.test("alignedTable() pads text left and numbers right", () => {
  assert.equal(
    alignedTable(["name", "n"], [["a", "1"], ["bb", "100"]]),
    ["name    n", "────  ───", "a       1", "bb    100"].join("\n"),
  );
});
