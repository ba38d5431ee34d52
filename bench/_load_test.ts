import assert from "node:assert/strict";
import { load, percentile } from "./_load.ts";
import { hello } from "./baseline_server.ts";

Deno.test("percentile() takes the nearest rank", () => {
  const sorted = Float64Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(percentile(sorted, 50), 50);
  assert.equal(percentile(sorted, 99), 99);
  assert.equal(percentile(sorted, 100), 100);
  assert.equal(percentile([7], 99), 7);
  assert.ok(Number.isNaN(percentile([], 50)));
});

Deno.test("load() counts responses, statuses and sub-millisecond latencies", async () => {
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (request) =>
      new URL(request.url).pathname === "/missing"
        ? new Response("no", { status: 404 })
        : hello(request),
  );
  const origin = `http://127.0.0.1:${server.addr.port}`;
  try {
    const ok = await load({ url: `${origin}/`, duration: 0.3, connections: 2 });
    assert.ok(ok.responses > 0);
    assert.equal(ok.statuses["200"], ok.responses);
    assert.equal(ok.non2xx, 0);
    assert.ok(ok.p50Ms > 0 && ok.p50Ms <= ok.p99Ms && ok.p99Ms <= ok.maxMs);

    const missing = await load({
      url: `${origin}/missing`,
      duration: 0.2,
      connections: 1,
    });
    assert.equal(missing.non2xx, missing.responses);
  } finally {
    await server.shutdown();
  }
});

Deno.test("the baseline sends a body of the asked size at /bytes/{n}", async () => {
  const small = await hello(new Request("http://x/")).text();
  assert.equal(small, "Hello, world!\n");
  const sized = await hello(new Request("http://x/bytes/40000")).arrayBuffer();
  assert.equal(sized.byteLength, 40000);
  const huge = await hello(new Request("http://x/bytes/99999999")).text();
  assert.equal(huge, "Hello, world!\n");
});
