import assert from "node:assert/strict";
import {
  ignoreRedisTests,
  startBridge,
} from "./cache/redis_bridge/_test_util.ts";
import { ConfigError } from "./config.ts";
import { startTestStore } from "./testing.ts";

Deno.test({
  name: "a store configured for Upstash uses it and /ready follows its health",
  ignore: ignoreRedisTests,
  async fn() {
    const bridge = await startBridge();
    let bridgeOpen = true;
    const store = await startTestStore({
      UPSTASH_REDIS_REST_URL: bridge.url,
      UPSTASH_REDIS_REST_TOKEN: bridge.token,
    });
    try {
      assert.equal(store.deps.cache.kind, "upstash");
      const key = `server-test:${crypto.randomUUID()}`;
      await store.deps.cache.set(key, { ok: true }, 30);
      assert.deepEqual(await store.deps.cache.get(key), { ok: true });
      await store.deps.cache.delete(key);

      const ready = await store.app.request("/ready");
      assert.equal(ready.status, 200);
      assert.equal((await ready.json()).checks.cache, "ok");

      await bridge.close();
      bridgeOpen = false;
      const down = await store.app.request("/ready");
      assert.equal(down.status, 503);
      assert.deepEqual((await down.json()).checks, {
        database: "ok",
        cache: "unavailable",
      });
      // Pages do not depend on the cache yet: the shop still renders.
      assert.equal((await store.app.request("/en/")).status, 200);
    } finally {
      await store.close();
      if (bridgeOpen) await bridge.close();
    }
  },
});

Deno.test("startTestStore() refuses a bad configuration before opening anything", async () => {
  await assert.rejects(
    () => startTestStore({ BASE_CURRENCY: "usd" }),
    ConfigError,
  );
});
