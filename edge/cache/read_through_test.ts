import assert from "node:assert/strict";
import { MemoryCache } from "./memory.ts";
import { entityTag, type ReadSpec, ReadThrough } from "./read_through.ts";
import type { Cache } from "./types.ts";
import { UpstashCache } from "./upstash.ts";
import {
  deleteKeysContaining,
  ignoreRedisTests,
  startBridge,
  uniquePrefix,
} from "./redis_bridge/_test_util.ts";

/** Counts what reaches the wrapped cache, and can be switched off. */
class Probe implements Cache {
  readonly kind = "upstash";
  calls = 0;
  down = false;
  constructor(readonly inner: Cache) {}
  #touch() {
    this.calls++;
    if (this.down) throw new Error("connection refused");
  }
  async get<T>(key: string) {
    this.#touch();
    return await this.inner.get<T>(key);
  }
  async set(key: string, value: unknown, ttl: number) {
    this.#touch();
    await this.inner.set(key, value, ttl);
  }
  async delete(...keys: string[]) {
    this.#touch();
    await this.inner.delete(...keys);
  }
  async version(namespace: string) {
    this.#touch();
    return await this.inner.version(namespace);
  }
  async bumpVersion(namespace: string) {
    this.#touch();
    return await this.inner.bumpVersion(namespace);
  }
  hit(key: string, options: { limit: number; windowSeconds: number }) {
    return this.inner.hit(key, options);
  }
  ping() {
    return this.inner.ping();
  }
}

function setUp() {
  let now = 1_700_000_000_000;
  const clock = () => now;
  const l2 = new Probe(new MemoryCache({ maxEntries: 100, now: clock }));
  const reads = new ReadThrough(l2, {
    l1Entries: 10,
    versionTtlMs: 1000,
    now: clock,
  });
  return {
    l2,
    reads,
    advance(ms: number) {
      now += ms;
    },
  };
}

const spec: ReadSpec = {
  namespace: "catalog",
  key: "k",
  ttlSeconds: 60,
  staleSeconds: 600,
};

Deno.test("ReadThrough: a warm read touches neither L2 nor the loader", async () => {
  const { l2, reads } = setUp();
  let loads = 0;
  const load = () => Promise.resolve({ n: ++loads });
  const first = await reads.get(spec, load);
  assert.equal(first.state, "miss");
  assert.deepEqual(first.value, { n: 1 });
  assert.equal(first.etag, await entityTag({ n: 1 }));
  const callsAfterMiss = l2.calls;
  const second = await reads.get(spec, load);
  assert.equal(second.state, "fresh");
  assert.equal(l2.calls, callsAfterMiss);
  assert.equal(loads, 1);
});

Deno.test("ReadThrough: stale entries are served while one load refreshes", async () => {
  const { reads, advance } = setUp();
  let loads = 0;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => release = resolve);
  await reads.get(spec, () => Promise.resolve(++loads));
  advance(61_000);
  const slow = async () => {
    await gate;
    return ++loads;
  };
  const [a, b] = await Promise.all([
    reads.get(spec, slow),
    reads.get(spec, slow),
  ]);
  assert.deepEqual([a.state, a.value, b.state, b.value], [
    "stale",
    1,
    "stale",
    1,
  ]);
  release();
  await new Promise((resolve) => setTimeout(resolve, 0));
  const fresh = await reads.get(spec, slow);
  assert.deepEqual([fresh.state, fresh.value], ["fresh", 2]);
  assert.equal(loads, 2, "concurrent stale reads share one refresh");
});

Deno.test("ReadThrough: concurrent misses share one load", async () => {
  const { reads } = setUp();
  let loads = 0;
  const load = async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    return ++loads;
  };
  const values = await Promise.all(
    Array.from({ length: 10 }, () => reads.get(spec, load)),
  );
  assert.deepEqual(new Set(values.map((v) => v.value)), new Set([1]));
  assert.equal(loads, 1);
});

Deno.test("ReadThrough: a version bump retires entries here at once", async () => {
  const { reads } = setUp();
  let n = 0;
  const load = () => Promise.resolve(++n);
  await reads.get(spec, load);
  await reads.bumpVersion("catalog");
  const after = await reads.get(spec, load);
  assert.deepEqual([after.state, after.value], ["miss", 2]);
});

Deno.test("ReadThrough: another instance's bump is seen once the version expires", async () => {
  const { l2, reads, advance } = setUp();
  let n = 0;
  const load = () => Promise.resolve(++n);
  await reads.get(spec, load);
  await l2.inner.bumpVersion("catalog"); // as another region would
  assert.equal((await reads.get(spec, load)).value, 1, "within versionTtlMs");
  advance(1001);
  assert.deepEqual((await reads.get(spec, load)).value, 2);
});

Deno.test("ReadThrough: with L2 down, reads go to the source", async () => {
  const { l2, reads, advance } = setUp();
  l2.down = true;
  advance(5000);
  const read = await reads.get(spec, () => Promise.resolve("from db"));
  assert.deepEqual([read.state, read.value], ["miss", "from db"]);
});

Deno.test("ReadThrough: with the source down, a stale entry is still served", async () => {
  const { reads, advance } = setUp();
  await reads.get(spec, () => Promise.resolve("cached"));
  advance(120_000);
  const read = await reads.get(
    spec,
    () => Promise.reject(new Error("db down")),
  );
  assert.deepEqual([read.state, read.value], ["stale", "cached"]);
  advance(700_000);
  await assert.rejects(
    reads.get(spec, () => Promise.reject(new Error("db down"))),
    /db down/,
  );
});

Deno.test({
  name:
    "ReadThrough over Upstash (the REST bridge): versions shared between instances",
  ignore: ignoreRedisTests,
  async fn() {
    const bridge = await startBridge();
    const prefix = uniquePrefix();
    try {
      const cache = new UpstashCache({ url: bridge.url, token: bridge.token });
      const here = new ReadThrough(cache, { l1Entries: 10, versionTtlMs: 0 });
      const there = new ReadThrough(cache, { l1Entries: 10, versionTtlMs: 0 });
      const s = { ...spec, namespace: `${prefix}catalog` };
      let n = 0;
      const load = () => Promise.resolve({ n: ++n });
      assert.equal((await here.get(s, load)).state, "miss");
      // The other instance finds the entry in L2.
      const remote = await there.get(s, load);
      assert.deepEqual([remote.state, remote.value], ["fresh", { n: 1 }]);
      await there.bumpVersion(s.namespace);
      assert.deepEqual((await here.get(s, load)).value, { n: 2 });
    } finally {
      await deleteKeysContaining(prefix);
      await bridge.close();
    }
  },
});

Deno.test("ReadThrough: a zero TTL cap reads the source every time", async () => {
  const l2 = new MemoryCache({ maxEntries: 10 });
  const reads = new ReadThrough(l2, { maxTtlSeconds: 0 });
  let loads = 0;
  const load = () => Promise.resolve(++loads);
  await reads.get(spec, load);
  const second = await reads.get(spec, load);
  assert.deepEqual([second.state, second.value, loads], ["miss", 2, 2]);
  assert.equal(l2.size, 0);
});
