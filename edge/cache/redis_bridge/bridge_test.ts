import assert from "node:assert/strict";
import { errors, Redis } from "@upstash/redis";
import { createRedisBridge, RespClient } from "./mod.ts";
import {
  deleteKeysContaining,
  ignoreRedisTests,
  redisUrl,
  startBridge,
  type TestBridge,
  uniquePrefix,
} from "./_test_util.ts";

/**
 * Run `fn` against a fresh bridge and a key prefix of its own, then clean up.
 * The client sends one request per command unless `autoPipelining` is set.
 */
function bridgeTest(
  name: string,
  fn: (
    ctx: { bridge: TestBridge; redis: Redis; prefix: string },
  ) => Promise<void>,
): void {
  Deno.test({
    name,
    ignore: ignoreRedisTests,
    async fn() {
      const bridge = await startBridge();
      const prefix = uniquePrefix();
      const redis = new Redis({
        url: bridge.url,
        token: bridge.token,
        automaticDeserialization: false,
        enableTelemetry: false,
        enableAutoPipelining: false,
        retry: false,
      });
      try {
        await fn({ bridge, redis, prefix });
      } finally {
        await deleteKeysContaining(prefix);
        await bridge.close();
      }
    },
  });
}

async function post(
  bridge: TestBridge,
  path: string,
  init: { body?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${bridge.url}${path}`, {
    method: "POST",
    body: init.body,
    headers: { authorization: `Bearer ${bridge.token}`, ...init.headers },
  });
  return { status: res.status, body: await res.json() };
}

bridgeTest(
  "`set()` and `get()` round-trip unicode and control characters",
  async ({ redis, prefix }) => {
    const values = [
      "héllo wörld",
      "日本語 🎉 مرحبا",
      "\u0000\u0001\u001f\u007f\u00ff\r\n\t",
      "",
      "OK",
      "123",
      '{"not":"parsed"}',
    ];
    for (const [i, value] of values.entries()) {
      assert.equal(await redis.set(`${prefix}${i}`, value), "OK");
      assert.equal(await redis.get(`${prefix}${i}`), value);
    }
    assert.equal(await redis.get(`${prefix}missing`), null);
  },
);

bridgeTest(
  "`Upstash-Encoding: base64` returns the exact stored bytes",
  async ({ bridge, prefix }) => {
    const client = new RespClient(redisUrl());
    try {
      await client.send(["SET", `${prefix}bin`, new Uint8Array([255, 0, 128])]);
    } finally {
      await client.close();
    }
    const encoded = await post(bridge, "", {
      body: JSON.stringify(["GET", `${prefix}bin`]),
      headers: { "upstash-encoding": "base64" },
    });
    assert.deepEqual(encoded, { status: 200, body: { result: "/wCA" } });
    const status = await post(bridge, "", {
      body: JSON.stringify(["SET", `${prefix}s`, "v"]),
      headers: { "upstash-encoding": "base64" },
    });
    assert.deepEqual(status.body, { result: "OK" });
    const array = await post(bridge, "", {
      body: JSON.stringify(["MGET", `${prefix}s`, `${prefix}none`]),
      headers: { "upstash-encoding": "base64" },
    });
    assert.deepEqual(array.body, { result: [btoa("v"), null] });
  },
);

bridgeTest(
  "`incr()` counts and an error reply rejects the call",
  async ({ redis, prefix }) => {
    assert.equal(await redis.incr(`${prefix}n`), 1);
    assert.equal(await redis.incr(`${prefix}n`), 2);
    await redis.set(`${prefix}word`, "abc");
    await assert.rejects(
      redis.incr(`${prefix}word`),
      (error) =>
        error instanceof errors.UpstashError &&
        /ERR value is not an integer/.test(error.message),
    );
  },
);

bridgeTest(
  "`pipeline()` returns every result in order",
  async ({ redis, prefix }) => {
    const results = await redis.pipeline()
      .set(`${prefix}a`, "1")
      .incr(`${prefix}a`)
      .get(`${prefix}a`)
      .mget(`${prefix}a`, `${prefix}b`)
      .exec();
    assert.deepEqual(results, ["OK", 2, "2", ["2", null]]);
    const withError = await redis.pipeline()
      .set(`${prefix}w`, "x")
      .incr(`${prefix}w`)
      .get(`${prefix}w`)
      .exec({ keepErrors: true });
    assert.equal(withError[0].result, "OK");
    assert.match(withError[1].error ?? "", /not an integer/);
    assert.equal(withError[2].result, "x");
  },
);

bridgeTest(
  "`multi()` runs transactions atomically",
  async ({ bridge, prefix }) => {
    const key = `${prefix}counter`;
    // Several clients so their requests really are concurrent.
    const clients = Array.from({ length: 4 }, () =>
      new Redis({
        url: bridge.url,
        token: bridge.token,
        enableTelemetry: false,
        automaticDeserialization: false,
      }));
    const runs = await Promise.all(
      Array.from(
        { length: 40 },
        (_, i) =>
          i % 2 === 0
            ? clients[i % 4].multi().incr(key).get(key).exec()
            : clients[i % 4].incr(key),
      ),
    );
    for (const run of runs) {
      if (!Array.isArray(run)) continue;
      const [count, value] = run as [number, string];
      assert.equal(value, String(count));
    }
    assert.equal(await clients[0].get(key), "40");
    const raw = await post(bridge, "/multi-exec", {
      body: JSON.stringify([["SET", key, "x"], ["NOPE"]]),
    });
    assert.equal(raw.status, 400);
    assert.match(String((raw.body as { error: string }).error), /EXECABORT/);
    assert.equal(await clients[0].get(key), "40");
  },
);

bridgeTest(
  "a failing command inside `multi()` rejects `exec()`",
  async ({ redis, prefix }) => {
    await assert.rejects(
      redis.multi().set(`${prefix}t`, "x").incr(`${prefix}t`).exec(),
      /Command 2 \[ incr \] failed: ERR value is not an integer/,
    );
    // Redis does not roll back: the SET before the failure stays.
    assert.equal(await redis.get(`${prefix}t`), "x");
  },
);

bridgeTest(
  "the client's auto-pipelining and scripts work through `/pipeline`",
  async ({ bridge, prefix }) => {
    const redis = new Redis({
      url: bridge.url,
      token: bridge.token,
      enableTelemetry: false,
    });
    const writes = await Promise.all([
      redis.set(`${prefix}json`, { nested: ["é", 1, null] }),
      redis.incr(`${prefix}n`),
      redis.eval("return {ARGV[1], 7}", [], ["ü"]),
    ]);
    assert.deepEqual(writes, ["OK", 1, ["ü", 7]]);
    const reads = await Promise.all([
      redis.get(`${prefix}json`),
      redis.get(`${prefix}n`),
      redis.get(`${prefix}missing`),
    ]);
    assert.deepEqual(reads, [{ nested: ["é", 1, null] }, 1, null]);
  },
);

bridgeTest(
  "a bad or missing token answers 401",
  async ({ bridge }) => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: "Bearer wrong" },
    ];
    for (const headers of attempts) {
      const res = await fetch(bridge.url, {
        method: "POST",
        body: JSON.stringify(["PING"]),
        headers,
      });
      assert.equal(res.status, 401);
      assert.deepEqual(await res.json(), { error: "Unauthorized" });
    }
    const redis = new Redis({
      url: bridge.url,
      token: "wrong",
      enableTelemetry: false,
      retry: false,
    });
    await assert.rejects(redis.ping(), /Unauthorized/);
  },
);

bridgeTest(
  "an invalid body answers 400 with an error",
  async ({ bridge }) => {
    for (
      const [path, body] of [
        ["", "{not json"],
        ["", "[]"],
        ["", '["GET", {"a": 1}]'],
        ["/pipeline", '["GET", "k"]'],
        ["/multi-exec", "[]"],
      ]
    ) {
      const res = await post(bridge, path, { body });
      assert.equal(res.status, 400, `${path} ${body}`);
      assert.match(String((res.body as { error: string }).error), /^ERR /);
    }
    const invalid = await post(bridge, "", { body: "{not json" });
    assert.deepEqual(invalid.body, {
      error: "ERR Invalid JSON in request body",
    });
  },
);

bridgeTest(
  "blocking and connection-state commands are refused",
  async ({ bridge, redis, prefix }) => {
    for (
      const command of [
        ["BLPOP", `${prefix}q`, "0"],
        ["XREAD", "BLOCK", "0", "STREAMS", `${prefix}s`, "$"],
        ["SUBSCRIBE", "news"],
        ["SELECT", "1"],
        ["MULTI"],
      ]
    ) {
      const res = await post(bridge, "", { body: JSON.stringify(command) });
      assert.equal(res.status, 400, command.join(" "));
      assert.match(
        String((res.body as { error: string }).error),
        /not supported by the REST bridge/,
      );
    }
    const pipeline = await post(bridge, "/pipeline", {
      body: JSON.stringify([["SET", `${prefix}p`, "1"], ["BRPOP", "q", "1"]]),
    });
    assert.equal(pipeline.status, 400);
    // Refused before anything ran.
    assert.equal(await redis.get(`${prefix}p`), null);
    await assert.rejects(
      redis.exec(["BLPOP", `${prefix}q`, "0"]),
      /Blocking command 'BLPOP'/,
    );
  },
);

bridgeTest(
  "the path form serves curl-style requests",
  async ({ bridge, prefix }) => {
    const get = (path: string, init?: RequestInit) =>
      fetch(`${bridge.url}${path}?_token=${bridge.token}`, init).then((res) =>
        res.json()
      );
    const key = encodeURIComponent(`${prefix}path/é`);
    assert.deepEqual(await get(`/set/${key}/bar`), { result: "OK" });
    assert.deepEqual(await get(`/get/${key}`), { result: "bar" });
    assert.deepEqual(
      await get(`/set/${key}`, { method: "POST", body: '{"a":1}' }),
      { result: "OK" },
    );
    assert.deepEqual(await get(`/get/${key}`), { result: '{"a":1}' });
    assert.deepEqual(await get("/ping"), { result: "PONG" });
    const res = await fetch(`${bridge.url}/ping`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${bridge.token}` },
    });
    assert.equal(res.status, 405);
    await res.body?.cancel();
  },
);

Deno.test("a bridge to an unreachable Redis answers 502", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  listener.close();
  const bridge = createRedisBridge({
    redisUrl: `redis://:secret@127.0.0.1:${port}`,
    token: "t",
  });
  try {
    const res = await bridge(
      new Request("http://bridge/", {
        method: "POST",
        body: '["PING"]',
        headers: { authorization: "Bearer t" },
      }),
    );
    assert.equal(res.status, 502);
    const { error } = await res.json();
    assert.match(error, /is unavailable/);
    assert.doesNotMatch(error, /secret/);
  } finally {
    await bridge.close();
  }
});
