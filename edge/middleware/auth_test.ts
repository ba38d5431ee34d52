import assert from "node:assert/strict";
import { Hono } from "hono";
import { loadKeySet } from "../../commerce/identity/mod.ts";
import { migrate } from "../../db/migrate.ts";
import { ignorePostgresTests, withTempDatabase } from "../../db/_test_util.ts";
import { generateSigningKey, signAccessToken } from "../auth/jwt.ts";
import type { AppEnv } from "../env.ts";
import { toErrorResponse } from "../errors.ts";
import { startTestStore } from "../testing.ts";
import { requestContext } from "./request_context.ts";
import {
  ACCESS_COOKIE,
  authentication,
  requirePermission,
  requireUser,
} from "./auth.ts";

Deno.test("authentication: tokens verified at the edge, guards by permission", async (t) => {
  const store = await startTestStore();
  const app = new Hono<AppEnv>();
  app.use("*", requestContext(store.deps), authentication());
  app.get("/who", (c) => c.json({ user: c.var.user ?? null }));
  app.get("/mine", requireUser(), (c) => c.json({ id: c.var.user!.id }));
  app.get(
    "/admin",
    requirePermission("catalog:write"),
    (c) => c.json({ ok: true }),
  );
  app.onError((error, c) => {
    const mapped = toErrorResponse(error);
    return c.json(mapped.body, mapped.status, mapped.headers);
  });
  const keys = store.deps.keys;
  const token = (roles: string[]) =>
    signAccessToken(keys, { sub: "user-1", roles, sessionId: "s1" });
  try {
    await t.step("a Bearer token signs the user in", async () => {
      const response = await app.request("/who", {
        headers: { authorization: `Bearer ${await token(["customer"])}` },
      });
      const { expiresAt, ...user } = (await response.json()).user;
      assert.deepEqual(user, {
        id: "user-1",
        roles: ["customer"],
        sessionId: "s1",
      });
      // The token's own expiry, 15 minutes on.
      assert.ok(Math.abs(expiresAt - (Date.now() / 1000 + 900)) < 60);
    });

    await t.step("so does the access cookie", async () => {
      const response = await app.request("/mine", {
        headers: { cookie: `${ACCESS_COOKIE}=${await token(["customer"])}` },
      });
      assert.equal(response.status, 200);
    });

    await t.step(
      "a bad Bearer token is a 401; a bad cookie is anonymous",
      async () => {
        const other = { current: await generateSigningKey(keys.current.kid) };
        const forged = await signAccessToken(other, {
          sub: "user-1",
          roles: ["super_admin"],
        });
        const bearer = await app.request("/who", {
          headers: { authorization: `Bearer ${forged}` },
        });
        assert.equal(bearer.status, 401);
        assert.equal((await bearer.json()).error.code, "invalid_token");
        const cookie = await app.request("/who", {
          headers: { cookie: `${ACCESS_COOKIE}=${forged}` },
        });
        assert.equal(cookie.status, 200);
        assert.equal((await cookie.json()).user, null);
        const garbage = await app.request("/who", {
          headers: { authorization: "Basic abc" },
        });
        assert.equal(garbage.status, 401);
      },
    );

    await t.step(
      "guards: 401 anonymous, 403 without the permission",
      async () => {
        assert.equal((await app.request("/mine")).status, 401);
        assert.equal((await app.request("/admin")).status, 401);
        const customer = await app.request("/admin", {
          headers: { authorization: `Bearer ${await token(["customer"])}` },
        });
        assert.equal(customer.status, 403);
        const admin = await app.request("/admin", {
          headers: { authorization: `Bearer ${await token(["admin"])}` },
        });
        assert.equal(admin.status, 200);
      },
    );

    await t.step(
      "/.well-known/jwks.json publishes the public key only",
      async () => {
        const response = await store.app.request("/.well-known/jwks.json");
        assert.equal(response.status, 200);
        const body = await response.json();
        assert.equal(body.keys[0].kid, keys.current.kid);
        assert.equal(body.keys[0].use, "sig");
        assert.ok(
          body.keys.every((key: Record<string, unknown>) => !("d" in key)),
        );
      },
    );
  } finally {
    await store.close();
  }
});

Deno.test({
  name: "loadKeySet() creates one key and every instance loads the same one",
  ignore: ignorePostgresTests,
  async fn() {
    await withTempDatabase(async (sql) => {
      await migrate(sql);
      const sets = await Promise.all([
        loadKeySet(sql),
        loadKeySet(sql),
        loadKeySet(sql),
      ]);
      assert.equal(new Set(sets.map((set) => set.current.kid)).size, 1);
      const [{ count }] =
        await sql`select count(*)::integer from identity.signing_keys`;
      assert.equal(count, 1);
      const again = await loadKeySet(sql);
      assert.equal(again.current.kid, sets[0].current.kid);
      // Rotation: a newer key signs, the older one still verifies.
      const next = await generateSigningKey();
      const { exportSigningKey } = await import("../auth/jwt.ts");
      await sql`insert into identity.signing_keys (kid, private_jwk, created_at)
                values (${next.kid}, ${
        sql.json(await exportSigningKey(next) as Record<string, string>)
      },
                        now() + interval '1 second')`;
      const rotated = await loadKeySet(sql);
      assert.equal(rotated.current.kid, next.kid);
      assert.deepEqual(rotated.previous?.map((key) => key.kid), [
        sets[0].current.kid,
      ]);
    });
  },
});
