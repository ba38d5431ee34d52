import assert from "node:assert/strict";
import { Hono } from "hono";
import { MemoryCache } from "../cache/memory.ts";
import type { Cache } from "../cache/types.ts";
import { parseConfig } from "../config.ts";
import type { AppEnv } from "../env.ts";
import { toErrorResponse } from "../errors.ts";
import { createLogger } from "../logger.ts";
import {
  accountKey,
  clearFailures,
  clientIp,
  failureDelaySeconds,
  rateLimit,
  type RateLimitOptions,
  recordFailure,
  TooManyRequests,
  tooManyRequests,
} from "./rate_limit.ts";

function fakeClock(start = Date.UTC(2030, 0, 1)) {
  let now = start;
  return {
    now: () => now,
    advance(seconds: number) {
      now += seconds * 1000;
    },
  };
}

/** A tiny app with the store's context variables and error handler. */
function testApp(
  cache: Cache,
  limit: Partial<RateLimitOptions> = {},
): { app: Hono<AppEnv>; logs: string[] } {
  const logs: string[] = [];
  const app = new Hono<AppEnv>();
  app.use("*", async function testContext(c, next) {
    c.set("config", parseConfig({ APP_ENV: "test" }));
    c.set("cache", cache);
    c.set("logger", createLogger("warn", (line) => logs.push(line)));
    c.set("requestId", "test-request");
    await next();
  });
  app.use(
    "/login",
    rateLimit({
      name: "login-ip",
      limit: 3,
      windowSeconds: 60,
      key: (c) => clientIp(c),
      ...limit,
    }),
  );
  app.post("/login", (c) => c.json({ ok: true }));
  // The same mapping as edge/app.ts's onError for JSON answers.
  app.onError((error, c) => {
    const mapped = toErrorResponse(error);
    return c.json(mapped.body, mapped.status, mapped.headers);
  });
  return { app, logs };
}

function login(app: Hono<AppEnv>, ip = "203.0.113.7") {
  return app.request("/login", {
    method: "POST",
    headers: { "cf-connecting-ip": ip },
  });
}

Deno.test("rateLimit() answers 429 with Retry-After once the limit is reached", async () => {
  const clock = fakeClock();
  const cache = new MemoryCache({ maxEntries: 100, now: clock.now });
  const { app } = testApp(cache);

  for (let remaining = 2; remaining >= 0; remaining--) {
    const res = await login(app);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("RateLimit-Limit"), "3");
    assert.equal(res.headers.get("RateLimit-Remaining"), String(remaining));
    assert.equal(res.headers.get("RateLimit-Reset"), "60");
    await res.body?.cancel();
  }
  clock.advance(20);
  const blocked = await login(app);
  assert.equal(blocked.status, 429);
  assert.equal(blocked.headers.get("Retry-After"), "40");
  assert.equal(blocked.headers.get("RateLimit-Remaining"), "0");
  assert.match(blocked.headers.get("content-type") ?? "", /application\/json/);
  assert.deepEqual(await blocked.json(), {
    error: {
      code: "rate_limited",
      message: "Too many attempts; please retry later",
      details: { retryAfterSeconds: 40 },
    },
  });
});

Deno.test("rateLimit() lets requests through again after the window", async () => {
  const clock = fakeClock();
  const cache = new MemoryCache({ maxEntries: 100, now: clock.now });
  const { app } = testApp(cache);
  for (let i = 0; i < 3; i++) await (await login(app)).body?.cancel();
  assert.equal((await login(app)).status, 429);

  clock.advance(60);
  const res = await login(app);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("RateLimit-Remaining"), "2");
  await res.body?.cancel();
});

Deno.test("rateLimit() counts each key on its own", async () => {
  const cache = new MemoryCache({ maxEntries: 100 });
  const { app } = testApp(cache);
  for (let i = 0; i < 3; i++) await (await login(app, "203.0.113.7")).text();
  assert.equal((await login(app, "203.0.113.7")).status, 429);
  assert.equal((await login(app, "198.51.100.1")).status, 200);
});

Deno.test("rateLimit() skips requests whose key is undefined", async () => {
  const cache = new MemoryCache({ maxEntries: 100 });
  const { app } = testApp(cache, { limit: 1, key: () => undefined });
  for (let i = 0; i < 3; i++) {
    const res = await login(app);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("RateLimit-Limit"), null);
    await res.body?.cancel();
  }
});

Deno.test("rateLimit() fails open and logs a warning when the cache throws", async () => {
  const broken = new MemoryCache({ maxEntries: 100 });
  broken.hit = () => Promise.reject(new Error("connection refused"));
  const { app, logs } = testApp(broken, { limit: 1 });
  for (let i = 0; i < 3; i++) {
    const res = await login(app);
    assert.equal(res.status, 200);
    await res.body?.cancel();
  }
  assert.equal(logs.length, 3);
  const line = JSON.parse(logs[0]);
  assert.equal(line.level, "warn");
  assert.equal(line.limit, "login-ip");
  assert.equal(line.requestId, "test-request");
});

Deno.test("rateLimit() reports the tightest of several limits", async () => {
  const cache = new MemoryCache({ maxEntries: 100 });
  const { app } = testApp(cache, { limit: 10 });
  app.use(
    "/account",
    rateLimit({ name: "a", limit: 10, windowSeconds: 60, key: () => "k" }),
    rateLimit({ name: "b", limit: 2, windowSeconds: 60, key: () => "k" }),
  );
  app.post("/account", (c) => c.text("ok"));
  const res = await app.request("/account", { method: "POST" });
  assert.equal(res.headers.get("RateLimit-Limit"), "2");
  assert.equal(res.headers.get("RateLimit-Remaining"), "1");
});

Deno.test("rateLimit() refuses invalid options", () => {
  const key = () => "k";
  assert.throws(
    () => rateLimit({ name: "a:b", limit: 1, windowSeconds: 1, key }),
    TypeError,
  );
  assert.throws(
    () => rateLimit({ name: "a", limit: 0, windowSeconds: 1, key }),
    RangeError,
  );
  assert.throws(
    () => rateLimit({ name: "a", limit: 1, windowSeconds: 0.5, key }),
    RangeError,
  );
});

Deno.test("tooManyRequests() thrown by a handler answers 429 with Retry-After", async () => {
  const { app } = testApp(new MemoryCache({ maxEntries: 10 }));
  app.post("/slow", (c) => {
    throw tooManyRequests(c, 7.2);
  });
  const res = await app.request("/slow", { method: "POST" });
  assert.equal(res.status, 429);
  assert.equal(res.headers.get("Retry-After"), "8");
  const body = await res.json();
  assert.equal(body.error.code, "rate_limited");

  const error = new TooManyRequests(0);
  assert.equal(error.status, 429);
  assert.equal(error.retryAfterSeconds, 1);
});

Deno.test("clientIp() reads trusted headers in order, else the connection", async () => {
  const app = new Hono();
  app.get("/", (c) => c.text(clientIp(c)));
  app.get("/direct", (c) => c.text(clientIp(c, { headers: [] })));
  const ip = async (path: string, headers: Record<string, string>) =>
    await (await app.request(path, { headers }, {
      remoteAddr: { hostname: "192.0.2.1", port: 5000, transport: "tcp" },
    })).text();

  assert.equal(
    await ip("/", {
      "x-forwarded-for": "198.51.100.9, 10.0.0.1",
      "cf-connecting-ip": "2001:DB8::1",
    }),
    "2001:db8::1",
  );
  assert.equal(
    await ip("/", { "x-forwarded-for": " 198.51.100.9 , 10.0.0.1" }),
    "198.51.100.9",
  );
  assert.equal(await ip("/", { "x-real-ip": "198.51.100.3" }), "198.51.100.3");
  // A header that is not an address is skipped.
  assert.equal(
    await ip("/", {
      "x-forwarded-for": "<script>",
      "x-real-ip": "198.51.100.3",
    }),
    "198.51.100.3",
  );
  assert.equal(await ip("/", {}), "192.0.2.1");
  assert.equal(
    await ip("/direct", { "cf-connecting-ip": "198.51.100.4" }),
    "192.0.2.1",
  );
  // No connection info at all (in-process requests).
  assert.equal(await (await app.request("/")).text(), "unknown");
});

Deno.test("accountKey() normalizes and hides the identifier", () => {
  assert.equal(accountKey(" Ann@Example.com "), accountKey("ann@example.com"));
  assert.match(accountKey("ann@example.com"), /^[0-9a-f]{64}$/);
  assert.notEqual(accountKey("ann@example.com"), accountKey("bob@example.com"));
});

Deno.test("recordFailure() escalates the wait after five failures, capped", async () => {
  const clock = fakeClock();
  const cache = new MemoryCache({ maxEntries: 100, now: clock.now });
  const options = { now: clock.now };
  const key = accountKey("ann@example.com");

  for (let i = 1; i <= 5; i++) {
    assert.deepEqual(await recordFailure(cache, key, options), {
      failures: i,
      delaySeconds: 0,
    });
    assert.equal(await failureDelaySeconds(cache, key, options), 0);
  }
  const waits = [];
  for (let i = 0; i < 4; i++) {
    const { delaySeconds } = await recordFailure(cache, key, options);
    assert.equal(await failureDelaySeconds(cache, key, options), delaySeconds);
    waits.push(delaySeconds);
  }
  assert.deepEqual(waits, [2, 4, 8, 16]);

  clock.advance(10);
  assert.equal(await failureDelaySeconds(cache, key, options), 6);
  clock.advance(6);
  assert.equal(await failureDelaySeconds(cache, key, options), 0);

  // Many more failures within the window: the wait stops growing at 15 min.
  let last = 0;
  for (let i = 0; i < 20; i++) {
    last = (await recordFailure(cache, key, options)).delaySeconds;
  }
  assert.equal(last, 900);
  assert.equal(await failureDelaySeconds(cache, key, options), 900);

  // Never for good: once the wait and the window pass, it starts over.
  clock.advance(900);
  assert.equal(await failureDelaySeconds(cache, key, options), 0);
  assert.deepEqual(await recordFailure(cache, key, options), {
    failures: 1,
    delaySeconds: 0,
  });
});

Deno.test("recordFailure() counts each account on its own", async () => {
  const cache = new MemoryCache({ maxEntries: 100 });
  for (let i = 0; i < 6; i++) await recordFailure(cache, "ann");
  assert.ok(await failureDelaySeconds(cache, "ann") > 0);
  assert.equal(await failureDelaySeconds(cache, "bob"), 0);
});

Deno.test("clearFailures() forgets the failures and the wait", async () => {
  const cache = new MemoryCache({ maxEntries: 100 });
  for (let i = 0; i < 7; i++) await recordFailure(cache, "ann");
  assert.ok(await failureDelaySeconds(cache, "ann") > 0);

  await clearFailures(cache, "ann");
  assert.equal(await failureDelaySeconds(cache, "ann"), 0);
  assert.equal(cache.size, 0);
  assert.deepEqual(await recordFailure(cache, "ann"), {
    failures: 1,
    delaySeconds: 0,
  });
});
