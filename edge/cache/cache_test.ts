import assert from "node:assert/strict";
import type { Cache } from "./types.ts";
import { versionedKey } from "./types.ts";
import { MemoryCache } from "./memory.ts";
import { UpstashCache } from "./upstash.ts";
import {
  deleteKeysContaining,
  ignoreRedisTests,
  startBridge,
  uniquePrefix,
} from "./redis_bridge/_test_util.ts";

/** One implementation under the contract, set up fresh for each test. */
interface Subject {
  cache: Cache;
  /** Prepended to every key so runs never collide. */
  prefix: string;
  /** Let `ms` milliseconds pass (a fake clock where there is one). */
  wait(ms: number): Promise<void>;
  close(): Promise<void>;
}

const implementations: {
  name: string;
  ignore: boolean;
  setUp(): Promise<Subject>;
}[] = [
  {
    name: "MemoryCache",
    ignore: false,
    setUp() {
      let now = 1_700_000_000_000;
      return Promise.resolve({
        cache: new MemoryCache({ maxEntries: 100, now: () => now }),
        prefix: "",
        wait(ms: number) {
          now += ms;
          return Promise.resolve();
        },
        close: () => Promise.resolve(),
      });
    },
  },
  {
    name: "UpstashCache",
    ignore: ignoreRedisTests,
    async setUp() {
      const bridge = await startBridge();
      const prefix = uniquePrefix();
      return {
        cache: new UpstashCache({ url: bridge.url, token: bridge.token }),
        prefix,
        wait: (ms: number) => new Promise((resolve) => setTimeout(resolve, ms)),
        async close() {
          await deleteKeysContaining(prefix);
          await bridge.close();
        },
      };
    },
  },
];

const contract: [string, (subject: Subject) => Promise<void>][] = [
  ["`get()` answers undefined for a missing key", async ({ cache, prefix }) => {
    assert.equal(await cache.get(`${prefix}missing`), undefined);
  }],

  ["`set()` round-trips JSON values exactly", async ({ cache, prefix }) => {
    const values: unknown[] = [
      { name: "Käse 🧀", price: "12.50", tags: ["a", "b"], stock: 0 },
      [1, null, true, { nested: { deep: [false] } }],
      "123",
      "",
      "日本語",
      42,
      0,
      false,
      null,
    ];
    for (const [i, value] of values.entries()) {
      await cache.set(`${prefix}v${i}`, value, 60);
    }
    for (const [i, value] of values.entries()) {
      assert.deepEqual(await cache.get(`${prefix}v${i}`), value);
    }
  }],

  [
    "`set()` entries expire after their TTL",
    async ({ cache, prefix, wait }) => {
      await cache.set(`${prefix}short`, "soon gone", 1);
      await cache.set(`${prefix}long`, "stays", 60);
      assert.equal(await cache.get(`${prefix}short`), "soon gone");
      await wait(1200);
      assert.equal(await cache.get(`${prefix}short`), undefined);
      assert.equal(await cache.get(`${prefix}long`), "stays");
    },
  ],

  [
    "`delete()` removes keys and ignores absent ones",
    async ({ cache, prefix }) => {
      await cache.set(`${prefix}a`, 1, 60);
      await cache.set(`${prefix}b`, 2, 60);
      await cache.set(`${prefix}c`, 3, 60);
      await cache.delete(`${prefix}a`, `${prefix}b`, `${prefix}absent`);
      await cache.delete();
      assert.equal(await cache.get(`${prefix}a`), undefined);
      assert.equal(await cache.get(`${prefix}b`), undefined);
      assert.equal(await cache.get(`${prefix}c`), 3);
    },
  ],

  [
    "`bumpVersion()` retires entries under the old version",
    async ({ cache, prefix }) => {
      const ns = `${prefix}catalog`;
      assert.equal(await cache.version(ns), 0);
      await cache.set(versionedKey("p1", { namespace: ns, version: 0 }), {
        title: "old",
      }, 60);
      assert.equal(await cache.bumpVersion(ns), 1);
      assert.equal(await cache.version(ns), 1);
      assert.equal(
        await cache.get(versionedKey("p1", { namespace: ns, version: 1 })),
        undefined,
      );
      await cache.set(versionedKey("p1", { namespace: ns, version: 1 }), {
        title: "new",
      }, 60);
      assert.deepEqual(
        await cache.get(versionedKey("p1", { namespace: ns, version: 1 })),
        {
          title: "new",
        },
      );
      assert.equal(await cache.bumpVersion(ns), 2);
      assert.equal(await cache.version(`${prefix}other`), 0);
    },
  ],

  ["`hit()` allows `limit` hits then blocks", async ({ cache, prefix }) => {
    const options = { limit: 3, windowSeconds: 60 };
    for (let count = 1; count <= 3; count++) {
      const result = await cache.hit(`${prefix}ip:1`, options);
      assert.equal(result.count, count);
      assert.equal(result.allowed, true);
    }
    const blocked = await cache.hit(`${prefix}ip:1`, options);
    assert.equal(blocked.count, 4);
    assert.equal(blocked.allowed, false);
    assert.ok(blocked.retryAfterSeconds >= 1, `${blocked.retryAfterSeconds}`);
    assert.ok(blocked.retryAfterSeconds <= 60, `${blocked.retryAfterSeconds}`);
    const other = await cache.hit(`${prefix}ip:2`, options);
    assert.deepEqual([other.count, other.allowed], [1, true]);
  }],

  [
    "`hit()` starts afresh after the window",
    async ({ cache, prefix, wait }) => {
      const options = { limit: 1, windowSeconds: 1 };
      assert.equal((await cache.hit(`${prefix}login`, options)).allowed, true);
      const blocked = await cache.hit(`${prefix}login`, options);
      assert.equal(blocked.allowed, false);
      assert.equal(blocked.retryAfterSeconds, 1);
      await wait(1200);
      const fresh = await cache.hit(`${prefix}login`, options);
      assert.deepEqual([fresh.count, fresh.allowed], [1, true]);
    },
  ],

  ["`ping()` resolves", async ({ cache }) => {
    await cache.ping();
  }],
];

for (const implementation of implementations) {
  for (const [name, check] of contract) {
    Deno.test({
      name: `${implementation.name}: ${name}`,
      ignore: implementation.ignore,
      async fn() {
        const subject = await implementation.setUp();
        try {
          await check(subject);
        } finally {
          await subject.close();
        }
      },
    });
  }
}

Deno.test("`MemoryCache` evicts the least recently used entry", async () => {
  const cache = new MemoryCache({ maxEntries: 2, now: () => 0 });
  await cache.set("a", 1, 60);
  await cache.set("b", 2, 60);
  assert.equal(await cache.get("a"), 1); // "b" is now the least recent
  await cache.set("c", 3, 60);
  assert.equal(cache.size, 2);
  assert.equal(await cache.get("b"), undefined);
  assert.equal(await cache.get("a"), 1);
  assert.equal(await cache.get("c"), 3);
});

Deno.test("`MemoryCache` expires entries by its clock", async () => {
  let now = 0;
  const cache = new MemoryCache({ maxEntries: 10, now: () => now });
  await cache.set("k", "v", 10);
  now = 9_999;
  assert.equal(await cache.get("k"), "v");
  now = 10_000;
  assert.equal(await cache.get("k"), undefined);
  assert.equal(cache.size, 0);
});

Deno.test("`UpstashCache` fails fast when the cache does not answer", async () => {
  let release = () => {};
  const stalled = new Promise<void>((resolve) => release = resolve);
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    async () => {
      await stalled;
      return Response.json({ result: "PONG" });
    },
  );
  try {
    const cache = new UpstashCache({
      url: `http://127.0.0.1:${server.addr.port}`,
      token: "t",
      timeoutMs: 200,
    });
    const started = Date.now();
    await assert.rejects(cache.ping());
    assert.ok(Date.now() - started < 1000, `${Date.now() - started} ms`);
  } finally {
    release();
    await server.shutdown();
  }
});
