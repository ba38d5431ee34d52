import assert from "node:assert/strict";
import { FIXTURE } from "../commerce/catalog/_test_util.ts";
import { stockLevels } from "../commerce/catalog/mod.ts";
import { variantId } from "../commerce/checkout/_test_util.ts";
import { ignorePostgresTests } from "../db/_test_util.ts";
import { startCatalogTestStore } from "../edge/testing.ts";
import {
  type Round,
  runCheckoutFlow,
  summarizeRounds,
} from "./checkout_flow.ts";

Deno.test("summarizeRounds() counts orders per second and times only placed orders", () => {
  const rounds: Round[] = [
    ...Array.from({ length: 100 }, (_, i) => ({ placedMs: i + 1 })),
    { conflict: "quote_changed" },
    { conflict: "out_of_stock" },
    { conflict: "quote_changed" },
  ];
  const summary = summarizeRounds(rounds, 4);
  assert.equal(summary.rounds, 103);
  assert.equal(summary.placed, 100);
  assert.equal(summary.ordersPerSecond, 25);
  assert.equal(summary.p50Ms, 50);
  assert.equal(summary.p99Ms, 99);
  assert.equal(summary.maxMs, 100);
  assert.equal(summary.conflicts, 3);
  assert.deepEqual(summary.conflictCodes, {
    quote_changed: 2,
    out_of_stock: 1,
  });
  assert.equal(summary.failures, 0);
  assert.deepEqual(summary.failureKinds, []);
});

Deno.test("summarizeRounds() groups failures by request and status, keeping the first body", () => {
  const summary = summarizeRounds([
    { failure: { request: "POST /api/orders", status: 500, body: "first" } },
    { failure: { request: "POST /api/orders", status: 500, body: "second" } },
    { failure: { request: "POST /api/orders", status: 0, body: "timeout" } },
    // Placed, but the cancel failed: an order and a failure.
    {
      placedMs: 12,
      failure: {
        request: "POST /api/orders/{id}/cancel",
        status: 409,
        body: "illegal_transition",
      },
    },
  ], 2);
  assert.equal(summary.placed, 1);
  assert.equal(summary.ordersPerSecond, 0.5);
  assert.equal(summary.conflicts, 0);
  assert.equal(summary.failures, 4);
  assert.deepEqual(summary.failureKinds, [
    { request: "POST /api/orders", status: 500, body: "first", count: 2 },
    { request: "POST /api/orders", status: 0, body: "timeout", count: 1 },
    {
      request: "POST /api/orders/{id}/cancel",
      status: 409,
      body: "illegal_transition",
      count: 1,
    },
  ]);
});

Deno.test("summarizeRounds() of no rounds has no latencies and no rate", () => {
  const summary = summarizeRounds([], 0);
  assert.equal(summary.placed, 0);
  assert.equal(summary.ordersPerSecond, 0);
  assert.ok(Number.isNaN(summary.p50Ms) && Number.isNaN(summary.p99Ms));
  assert.ok(Number.isNaN(summary.maxMs));
});

Deno.test({
  name:
    "runCheckoutFlow() places and cancels orders, leaving the stock as it was",
  ignore: ignorePostgresTests && Boolean(Deno.env.get("DATABASE_URL")),
  async fn() {
    const store = await startCatalogTestStore({ catalog: FIXTURE });
    const server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen() {} },
      store.app.fetch,
    );
    try {
      const { sql } = store.deps.db;
      const ids = await Promise.all(
        ["KNF-S", "KNF-L", "BAG-1"].map((sku) => variantId(store, sku)),
      );
      const before = await stockLevels(sql, ids);
      const lines: string[] = [];
      const result = await runCheckoutFlow(
        `http://127.0.0.1:${server.addr.port}`,
        { shoppers: 2, duration: 0.5, warmup: 0, log: (l) => lines.push(l) },
      );
      assert.deepEqual(result.failureKinds, []);
      assert.ok(result.placed > 0, "orders were placed");
      assert.equal(result.shoppers, 2);
      assert.equal(result.skus.length, 2);
      assert.ok(result.p50Ms > 0 && result.p50Ms <= result.p99Ms);
      assert.match(lines[0], /^checkout: measuring for 0\.5 s, 2 shoppers/);
      assert.deepEqual(await stockLevels(sql, ids), before);
    } finally {
      await server.shutdown();
      await store.close();
    }
  },
});
