import assert from "node:assert/strict";
import { Hono } from "hono";
import type { Handler } from "hono";
import { ignorePostgresTests, withTempDatabase } from "../../db/_test_util.ts";
import type { Sql } from "../../db/client.ts";
import { migrate } from "../../db/migrate.ts";
import type { AppEnv } from "../env.ts";
import { toErrorResponse } from "../errors.ts";
import { createLogger } from "../logger.ts";
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  idempotency,
  type IdempotencyOptions,
  IN_PROGRESS_LEASE_SECONDS,
  purgeIdempotencyKeys,
  releaseIdempotencyKey,
} from "./mod.ts";

/** Run `fn` against a fresh, migrated database. */
function withIdempotencyDatabase(
  fn: (sql: Sql) => Promise<void>,
): Promise<void> {
  return withTempDatabase(async (sql) => {
    await migrate(sql);
    await fn(sql);
  });
}

/**
 * A tiny app: the context the middleware needs (the signed-in user comes
 * from `X-Test-User`), the store's error mapping, and `handler` behind
 * `idempotency()` on `/api/orders`.
 */
function testApp(
  sql: Sql,
  handler: Handler<AppEnv>,
  options?: IdempotencyOptions,
): { app: Hono<AppEnv>; logs: string[] } {
  const logs: string[] = [];
  const app = new Hono<AppEnv>();
  app.use(async function testContext(c, next) {
    c.set("db", { sql, kind: "postgres", close: () => Promise.resolve() });
    c.set("logger", createLogger("debug", (line) => logs.push(line)));
    c.set("requestId", "test-request");
    const user = c.req.header("x-test-user");
    if (user) c.set("user", { id: user, roles: ["customer"] });
    await next();
  });
  app.onError((error, c) => {
    const mapped = toErrorResponse(error);
    return c.json(mapped.body, mapped.status, mapped.headers);
  });
  app.on(["GET", "POST", "PUT"], "/api/orders", idempotency(options), handler);
  return { app, logs };
}

/** A handler that counts its runs and answers 201 with the JSON it read. */
function countingHandler(): { handler: Handler<AppEnv>; runs: () => number } {
  let runs = 0;
  return {
    runs: () => runs,
    async handler(c) {
      runs++;
      const body = c.req.method === "GET" ? null : await c.req.json();
      c.header("Location", `/api/orders/${runs}`);
      c.header("Set-Cookie", `session=secret-${runs}; HttpOnly`);
      c.header("X-Run", String(runs));
      return c.json({ order: runs, received: body }, 201);
    },
  };
}

function post(
  body: unknown,
  headers: Record<string, string> = {},
): RequestInit {
  return {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "content-type": "application/json", ...headers },
  };
}

async function errorCode(res: Response): Promise<string> {
  return (await res.json()).error.code;
}

async function keyRows(sql: Sql): Promise<Record<string, unknown>[]> {
  const rows = await sql`
    select scope, key, status from api.idempotency_keys order by scope, key`;
  return [...rows];
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => resolve = r);
  return { promise, resolve };
}

Deno.test({
  name: "`idempotency()` replays the first response to a retried request",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdempotencyDatabase(async (sql) => {
      const { handler, runs } = countingHandler();
      const { app } = testApp(sql, handler);
      const request = () =>
        app.request(
          "/api/orders",
          post({ sku: "SKU-1" }, { "Idempotency-Key": "order-1" }),
        );

      const first = await request();
      assert.equal(first.status, 201);
      assert.equal(first.headers.get("idempotency-replayed"), null);
      assert.equal(
        first.headers.get("set-cookie"),
        "session=secret-1; HttpOnly",
      );
      const firstBody = await first.text();

      const second = await request();
      assert.equal(second.status, 201);
      assert.equal(await second.text(), firstBody);
      assert.equal(second.headers.get("idempotency-replayed"), "true");
      assert.equal(second.headers.get("location"), "/api/orders/1");
      assert.match(second.headers.get("content-type")!, /^application\/json/);
      // Cookies may carry secrets and other headers are not kept.
      assert.equal(second.headers.get("set-cookie"), null);
      assert.equal(second.headers.get("x-run"), null);
      assert.equal(runs(), 1);
      assert.deepEqual(JSON.parse(firstBody), {
        order: 1,
        received: { sku: "SKU-1" },
      });
    });
  },
});

Deno.test({
  name: "`idempotency()` refuses a key reused with a different body (422)",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdempotencyDatabase(async (sql) => {
      const { handler, runs } = countingHandler();
      const { app } = testApp(sql, handler);
      const key = { "Idempotency-Key": "order-1" };
      assert.equal(
        (await app.request("/api/orders", post({ sku: "SKU-1" }, key))).status,
        201,
      );
      const other = await app.request(
        "/api/orders",
        post({ sku: "SKU-2" }, key),
      );
      assert.equal(other.status, 422);
      assert.equal(await errorCode(other), "idempotency_key_reused");
      // Another query string is another request too.
      const query = await app.request(
        "/api/orders?express=1",
        post({ sku: "SKU-1" }, key),
      );
      assert.equal(query.status, 422);
      assert.equal(runs(), 1);
    });
  },
});

Deno.test({
  name:
    "`idempotency()` answers 409 with Retry-After while the first request runs",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdempotencyDatabase(async (sql) => {
      const entered = deferred();
      const proceed = deferred();
      let runs = 0;
      const { app } = testApp(sql, async (c) => {
        runs++;
        entered.resolve();
        await proceed.promise;
        return c.json({ order: runs }, 201);
      });
      const request = () =>
        app.request("/api/orders", post({}, { "Idempotency-Key": "slow" }));

      const first = request();
      await entered.promise;
      const busy = await request();
      assert.equal(busy.status, 409);
      assert.equal(busy.headers.get("retry-after"), "1");
      assert.equal(await errorCode(busy), "idempotency_in_progress");

      proceed.resolve();
      assert.equal((await first).status, 201);
      const replayed = await request();
      assert.equal(replayed.status, 201);
      assert.equal(replayed.headers.get("idempotency-replayed"), "true");
      assert.equal(runs, 1);
    });
  },
});

Deno.test({
  name: "`idempotency()` runs one of two simultaneous identical requests",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdempotencyDatabase(async (sql) => {
      let runs = 0;
      const { app } = testApp(sql, async (c) => {
        runs++;
        await new Promise((r) => setTimeout(r, 50));
        return c.json({ order: runs }, 201);
      });
      const request = () =>
        app.request(
          "/api/orders",
          post({ sku: "SKU-1" }, { "Idempotency-Key": "twice" }),
        );
      const responses = await Promise.all([request(), request(), request()]);
      assert.equal(runs, 1);
      const statuses = responses.map((res) => res.status).sort();
      assert.equal(statuses.filter((s) => s === 201).length >= 1, true);
      assert.ok(statuses.every((s) => s === 201 || s === 409), `${statuses}`);
      const ran = responses.filter((res) =>
        res.status === 201 && !res.headers.has("idempotency-replayed")
      );
      assert.equal(ran.length, 1);
    });
  },
});

Deno.test({
  name: "`idempotency()` releases the key after a thrown error or a 5xx",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdempotencyDatabase(async (sql) => {
      const outcomes = ["throw", "503", "429", "ok"];
      let runs = 0;
      const { app } = testApp(sql, (c) => {
        const outcome = outcomes[runs++];
        if (outcome === "throw") throw new Error("The gateway timed out");
        if (outcome === "503") return c.json({ later: true }, 503);
        if (outcome === "429") return c.json({ later: true }, 429);
        return c.json({ order: runs }, 201);
      });
      const request = () =>
        app.request("/api/orders", post({}, { "Idempotency-Key": "flaky" }));

      const thrown = await request();
      assert.equal(thrown.status, 500);
      assert.equal(await errorCode(thrown), "internal_error");
      assert.deepEqual(await keyRows(sql), []);
      assert.equal((await request()).status, 503);
      assert.deepEqual(await keyRows(sql), []);
      assert.equal((await request()).status, 429);
      assert.equal((await request()).status, 201);
      const replayed = await request();
      assert.equal(replayed.headers.get("idempotency-replayed"), "true");
      assert.deepEqual(await replayed.json(), { order: 4 });
      assert.equal(runs, 4);
    });
  },
});

Deno.test({
  name: "`idempotency()` replays a 4xx answer of the route like any other",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdempotencyDatabase(async (sql) => {
      let runs = 0;
      const { app } = testApp(sql, (c) => {
        runs++;
        return c.json(
          { error: { code: "out_of_stock", message: "Gone" } },
          409,
        );
      });
      const request = () =>
        app.request("/api/orders", post({}, { "Idempotency-Key": "k" }));
      assert.equal((await request()).status, 409);
      const replayed = await request();
      assert.equal(replayed.status, 409);
      assert.equal(await errorCode(replayed), "out_of_stock");
      assert.equal(runs, 1);
    });
  },
});

Deno.test({
  name: "`idempotency()` keeps the keys of different callers apart",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdempotencyDatabase(async (sql) => {
      const { handler, runs } = countingHandler();
      const { app } = testApp(sql, handler);
      const as = (headers: Record<string, string>) =>
        app.request(
          "/api/orders",
          post({ sku: "SKU-1" }, { "Idempotency-Key": "same", ...headers }),
        );

      const ada = await as({ "X-Test-User": "ada" });
      const bob = await as({ "X-Test-User": "bob" });
      assert.deepEqual((await ada.json()).order, 1);
      assert.deepEqual((await bob.json()).order, 2);
      const cartA = await as({ Cookie: "cart=token-a" });
      const cartB = await as({ Cookie: "cart=token-b" });
      assert.equal((await cartA.json()).order, 3);
      assert.equal((await cartB.json()).order, 4);
      const again = await as({ Cookie: "cart=token-a" });
      assert.equal(again.headers.get("idempotency-replayed"), "true");
      assert.equal((await again.json()).order, 3);
      const anonymous = await as({ "X-Forwarded-For": "203.0.113.9" });
      assert.equal((await anonymous.json()).order, 5);
      assert.equal(runs(), 5);

      const scopes = (await keyRows(sql)).map((row) => row.scope as string);
      assert.deepEqual(scopes.filter((s) => !s.startsWith("cart:")), [
        "anon:203.0.113.9 POST /api/orders",
        "user:ada POST /api/orders",
        "user:bob POST /api/orders",
      ]);
      // The cart token itself is never stored, only its digest.
      const carts = scopes.filter((s) => s.startsWith("cart:"));
      assert.equal(carts.length, 2);
      for (const scope of carts) {
        assert.match(scope, /^cart:[0-9a-f]{64} POST \/api\/orders$/);
      }
    });
  },
});

Deno.test({
  name: "`idempotency()` rejects a malformed key (400)",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdempotencyDatabase(async (sql) => {
      const { handler, runs } = countingHandler();
      const { app } = testApp(sql, handler);
      for (const key of ["", "x".repeat(256), "caf\u00e9", "tab\there"]) {
        const res = await app.request(
          "/api/orders",
          post({}, { "Idempotency-Key": key }),
        );
        assert.equal(res.status, 400, JSON.stringify(key));
        assert.equal(await errorCode(res), "invalid_idempotency_key");
      }
      const longest = await app.request(
        "/api/orders",
        post({}, { "Idempotency-Key": "~".repeat(255) }),
      );
      assert.equal(longest.status, 201);
      assert.equal(runs(), 1);
    });
  },
});

Deno.test({
  name: "`idempotency()` lets requests without a key or safe methods through",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdempotencyDatabase(async (sql) => {
      const { handler, runs } = countingHandler();
      const { app } = testApp(sql, handler);
      for (let i = 0; i < 2; i++) {
        const res = await app.request("/api/orders", post({ sku: "SKU-1" }));
        assert.equal(res.status, 201);
        assert.equal(res.headers.get("idempotency-replayed"), null);
      }
      for (let i = 0; i < 2; i++) {
        const res = await app.request("/api/orders", {
          headers: { "Idempotency-Key": "read" },
        });
        assert.equal(res.status, 201);
      }
      assert.equal(runs(), 4);
      assert.deepEqual(await keyRows(sql), []);
    });
  },
});

Deno.test({
  name: "`idempotency()` leaves the body readable by the route",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdempotencyDatabase(async (sql) => {
      const key = { "Idempotency-Key": "body" };
      const json = testApp(sql, async (c) => c.json(await c.req.json()));
      const res = await json.app.request(
        "/api/orders",
        post({ name: "Käse", qty: 2 }, key),
      );
      assert.deepEqual(await res.json(), { name: "Käse", qty: 2 });

      const text = testApp(sql, async (c) => {
        const raw = await c.req.text();
        return c.json({ raw, parsed: await c.req.json() });
      });
      const res2 = await text.app.request("/api/orders", {
        method: "PUT",
        body: '{"a": 1}',
        headers: { "content-type": "application/json", ...key },
      });
      assert.deepEqual(await res2.json(), {
        raw: '{"a": 1}',
        parsed: { a: 1 },
      });

      // A binary upload keeps its bytes: the middleware must not have read
      // the body as text.
      const bytes = new Uint8Array([0xff, 0xfe, 0x00, 0x80, 0x41]);
      const upload = testApp(sql, async (c) => {
        const file = (await c.req.parseBody()).file as File;
        return c.json([...new Uint8Array(await file.arrayBuffer())]);
      });
      const form = new FormData();
      form.set("file", new File([bytes], "scan.bin"));
      const res3 = await upload.app.request("/api/orders", {
        method: "POST",
        body: form,
        headers: { "Idempotency-Key": "upload" },
      });
      assert.deepEqual(await res3.json(), [...bytes]);
    });
  },
});

Deno.test({
  name: "`idempotency()` treats a key older than 24 hours as unused",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdempotencyDatabase(async (sql) => {
      const { handler, runs } = countingHandler();
      const { app } = testApp(sql, handler);
      const request = (body: unknown) =>
        app.request("/api/orders", post(body, { "Idempotency-Key": "old" }));
      assert.equal((await request({ sku: "SKU-1" })).status, 201);
      await sql`
        update api.idempotency_keys
        set created_at = now() - interval '25 hours'`;
      // Even with another body: the old request is forgotten.
      const res = await request({ sku: "SKU-2" });
      assert.equal(res.status, 201);
      assert.equal(res.headers.get("idempotency-replayed"), null);
      assert.equal((await res.json()).order, 2);
      const replayed = await request({ sku: "SKU-2" });
      assert.equal((await replayed.json()).order, 2);
      assert.equal(runs(), 2);
    });
  },
});

Deno.test({
  name: "`purgeIdempotencyKeys()` deletes only keys older than the limit",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdempotencyDatabase(async (sql) => {
      for (const key of ["old", "new"]) {
        const id = { scope: "user:ada POST /api/orders", key };
        assert.equal(
          (await claimIdempotencyKey(sql, { ...id, requestHash: "h" })).claimed,
          true,
        );
      }
      await sql`
        update api.idempotency_keys
        set created_at = now() - interval '30 hours'
        where key = 'old'`;
      assert.equal(await purgeIdempotencyKeys(sql, { olderThanHours: 24 }), 1);
      assert.deepEqual((await keyRows(sql)).map((row) => row.key), ["new"]);
      await assert.rejects(
        purgeIdempotencyKeys(sql, { olderThanHours: -1 }),
        RangeError,
      );
    });
  },
});

Deno.test({
  name: "`claimIdempotencyKey()` reports the holder until it completes",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdempotencyDatabase(async (sql) => {
      const id = { scope: "cart:abc POST /api/cart/items", key: "k1" };
      assert.equal(
        (await claimIdempotencyKey(sql, { ...id, requestHash: "h1" })).claimed,
        true,
      );
      assert.deepEqual(
        await claimIdempotencyKey(sql, { ...id, requestHash: "h2" }),
        { claimed: false, requestHash: "h1", response: null },
      );
      const response = {
        status: 201,
        headers: { "content-type": "application/json" },
        body: '{"ok":true}',
      };
      assert.equal(
        await completeIdempotencyKey(sql, { ...id, response }),
        true,
      );
      // Completed rows are neither completed again nor released.
      assert.equal(
        await completeIdempotencyKey(sql, { ...id, response }),
        false,
      );
      assert.equal(await releaseIdempotencyKey(sql, id), false);
      assert.deepEqual(
        await claimIdempotencyKey(sql, { ...id, requestHash: "h1" }),
        { claimed: false, requestHash: "h1", response },
      );
    });
  },
});

Deno.test({
  name:
    "`idempotency()` lets a retry run once a dead request's claim is past its lease",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdempotencyDatabase(async (sql) => {
      const { app } = testApp(sql, (c) => c.json({ placed: true }, 201));
      // A claim left by an instance that died mid-request.
      await sql`
        insert into api.idempotency_keys (scope, key, request_hash, created_at)
        values ('anon:unknown POST /api/orders', 'orphan', 'x', now())`;
      await sql`
        update api.idempotency_keys
        set created_at = now() - ${
        IN_PROGRESS_LEASE_SECONDS + 1
      } * interval '1 second'`;
      const retried = await app.request(
        "/api/orders",
        post({}, { "Idempotency-Key": "orphan" }),
      );
      assert.equal(retried.status, 201);
    });
  },
});

Deno.test({
  name: "`idempotency()` never stores an answer that mints the cart cookie",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdempotencyDatabase(async (sql) => {
      let runs = 0;
      const { app } = testApp(sql, (c) => {
        runs++;
        c.header("Set-Cookie", `cart=token${runs}; Path=/; HttpOnly`);
        return c.json({ added: runs }, 201);
      });
      const request = () =>
        app.request(
          "/api/orders",
          post({}, { "Idempotency-Key": "first-add" }),
        );
      const first = await request();
      const retry = await request();
      assert.equal(retry.status, 201);
      assert.equal(retry.headers.get("idempotency-replayed"), null);
      assert.match(retry.headers.get("set-cookie") ?? "", /cart=token2/);
      assert.match(first.headers.get("set-cookie") ?? "", /cart=token1/);
      assert.equal(runs, 2);
      assert.deepEqual(await keyRows(sql), []);
    });
  },
});

Deno.test({
  name: "`completeIdempotencyKey()` leaves alone a claim a retry took over",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdempotencyDatabase(async (sql) => {
      const id = { scope: "user:ada POST /api/orders", key: "slow" };
      const first = await claimIdempotencyKey(sql, { ...id, requestHash: "h" });
      assert.ok(first.claimed);
      // The first request outlives its lease; its retry takes the key over.
      await sql`
        update api.idempotency_keys
        set created_at = now() - ${
        IN_PROGRESS_LEASE_SECONDS + 1
      } * interval '1 second'`;
      const retry = await claimIdempotencyKey(sql, { ...id, requestHash: "h" });
      assert.ok(retry.claimed);
      const response = { status: 201, headers: {}, body: "{}" };
      assert.equal(
        await completeIdempotencyKey(sql, {
          ...id,
          response,
          claim: first.claim,
        }),
        false,
      );
      assert.equal(
        await releaseIdempotencyKey(sql, { ...id, claim: first.claim }),
        false,
      );
      assert.equal(
        await completeIdempotencyKey(sql, {
          ...id,
          response,
          claim: retry.claim,
        }),
        true,
      );
    });
  },
});
