import assert from "node:assert/strict";
import { hashPassword } from "../../../../commerce/identity/mod.ts";
import {
  placeOrder,
  staffMember,
  startPaymentsTestStore,
} from "../../../../commerce/payments/_test_util.ts";
import { ignorePostgresTests } from "../../../../db/_test_util.ts";
import { verifyAccessToken } from "../../../../edge/auth/jwt.ts";

const PASSWORD = "correct horse battery staple";

Deno.test({
  name:
    "the admin users API lists, shows, disables, enables, sets roles and resets passwords",
  ignore: ignorePostgresTests,
  async fn(t) {
    const store = await startPaymentsTestStore();
    const sql = store.deps.db.sql;
    const call = async (
      method: string,
      path: string,
      options: { token?: string; body?: unknown } = {},
    ) => {
      const headers: Record<string, string> = {};
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (options.body !== undefined) {
        headers["content-type"] = "application/json";
      }
      const response = await store.app.request(path, {
        method,
        headers,
        body: options.body === undefined
          ? undefined
          : JSON.stringify(options.body),
      });
      return {
        status: response.status,
        headers: response.headers,
        // deno-lint-ignore no-explicit-any
        json: await response.json() as any,
      };
    };
    const login = (email: string) =>
      call("POST", "/api/auth/login", {
        body: { email, password: PASSWORD, client: "api" },
      });
    const auditOf = async (token: string, userId: string) =>
      (await call(
        "GET",
        `/api/admin/audit?entityType=user&entityId=${userId}`,
        { token },
      )).json.items.toReversed();
    try {
      const admin = await staffMember(store);
      const root = await staffMember(store, ["customer", "super_admin"]);
      const customer = await staffMember(store, ["customer"]);
      const email = `ada.${crypto.randomUUID().slice(0, 8)}@example.com`;
      const [{ id: adaId }] = await sql`
        insert into identity.users (email, name, password_hash)
        values (${email}, 'Ada Lovelace', ${await hashPassword(PASSWORD)})
        returning id`;
      await sql`
        insert into identity.user_roles (user_id, role)
        values (${adaId}, 'customer')`;
      const order = await placeOrder(sql, { owner: { userId: adaId } });
      const base = `/api/admin/users/${adaId}`;

      await t.step(
        "anonymous is 401 and a customer 403 everywhere",
        async () => {
          const routes: [string, string, unknown?][] = [
            ["GET", "/api/admin/users"],
            ["GET", base],
            ["POST", `${base}/disable`, {}],
            ["POST", `${base}/enable`, {}],
            ["PUT", `${base}/roles`, { roles: ["admin"] }],
            ["POST", `${base}/password-reset`, {}],
          ];
          for (const [method, path, body] of routes) {
            const anonymous = await call(method, path, { body });
            assert.equal(anonymous.status, 401, `${method} ${path}`);
            const refused = await call(method, path, {
              token: customer.token,
              body,
            });
            assert.equal(refused.status, 403, `${method} ${path}`);
            assert.equal(refused.json.error.code, "forbidden");
          }
        },
      );

      await t.step("the list searches, filters and pages", async () => {
        const found = await call(
          "GET",
          `/api/admin/users?q=${encodeURIComponent("LOVELACE")}`,
          { token: admin.token },
        );
        assert.equal(found.status, 200);
        assert.equal(found.json.items.length, 1);
        assert.equal(found.json.items[0].id, adaId);
        assert.equal(found.json.items[0].email, email);
        assert.deepEqual(found.json.items[0].roles, ["customer"]);
        assert.equal(found.json.items[0].status, "active");
        assert.equal(found.json.nextCursor, null);

        const supers = await call("GET", "/api/admin/users?role=super_admin", {
          token: admin.token,
        });
        assert.deepEqual(
          supers.json.items.map((user: { id: string }) => user.id),
          [root.id],
        );
        const first = await call("GET", "/api/admin/users?limit=2&q=", {
          token: admin.token,
        });
        assert.equal(first.json.items.length, 2);
        const rest = await call(
          "GET",
          `/api/admin/users?limit=2&cursor=${first.json.nextCursor}`,
          { token: admin.token },
        );
        assert.equal(rest.status, 200);
        assert.ok(rest.json.items.length >= 2);

        for (
          const query of ["status=gone", "limit=0", "role=root", "bogus=1"]
        ) {
          const bad = await call("GET", `/api/admin/users?${query}`, {
            token: admin.token,
          });
          assert.equal(bad.status, 400, query);
          assert.equal(bad.json.error.code, "validation_failed");
        }
        const cursor = await call("GET", "/api/admin/users?cursor=nope", {
          token: admin.token,
        });
        assert.equal(cursor.status, 400);
        assert.equal(cursor.json.error.code, "invalid_cursor");
      });

      await t.step("the detail shows the account and its orders", async () => {
        assert.equal((await login(email)).status, 200);
        const { status, json } = await call("GET", base, {
          token: admin.token,
        });
        assert.equal(status, 200);
        assert.equal(json.id, adaId);
        assert.equal(json.name, "Ada Lovelace");
        assert.deepEqual(json.roles, ["customer"]);
        assert.equal(json.status, "active");
        assert.ok(Date.parse(json.createdAt));
        assert.ok(Date.parse(json.lastSignInAt));
        assert.equal(json.activeSessions, 1);
        assert.equal(json.orders.items.length, 1);
        assert.equal(json.orders.items[0].id, order.id);
        assert.equal(json.orders.items[0].number, order.number);
        assert.equal(json.orders.items[0].total.currency, "USD");

        const missing = await call(
          "GET",
          `/api/admin/users/${crypto.randomUUID()}`,
          { token: admin.token },
        );
        assert.equal(missing.status, 404);
        assert.equal(missing.json.error.code, "not_found");
        const bad = await call("GET", `${base}?ordersCursor=nope`, {
          token: admin.token,
        });
        assert.equal(bad.status, 400);
        assert.equal(bad.json.error.code, "invalid_cursor");
      });

      await t.step(
        "disabling refuses sign-in and ends every session, audited",
        async () => {
          const session = await login(email);
          const refreshToken = session.json.refreshToken;
          assert.ok(refreshToken);

          const invalid = await call("POST", `${base}/disable`, {
            token: admin.token,
            body: { reason: "" },
          });
          assert.equal(invalid.status, 400);
          assert.equal(invalid.json.error.code, "validation_failed");

          const disabled = await call("POST", `${base}/disable`, {
            token: admin.token,
            body: { reason: "Chargeback fraud" },
          });
          assert.equal(disabled.status, 200, JSON.stringify(disabled.json));
          assert.equal(disabled.json.changed, true);
          assert.equal(disabled.json.sessionsRevoked, 2);
          assert.equal(disabled.json.user.status, "disabled");

          const refused = await login(email);
          assert.equal(refused.status, 403);
          assert.equal(refused.json.error.code, "account_disabled");
          assert.match(refused.json.error.message, /disabled/);
          const refresh = await call("POST", "/api/auth/refresh", {
            body: { refreshToken, client: "api" },
          });
          assert.equal(refresh.status, 401);
          assert.equal(refresh.json.error.code, "invalid_refresh_token");

          const [entry] = await auditOf(admin.token, adaId);
          assert.equal(entry.action, "user.disable");
          assert.equal(entry.actorId, admin.id);
          assert.deepEqual(entry.before, {
            status: "active",
            disabledAt: null,
          });
          assert.equal(entry.after.status, "disabled");
          assert.equal(entry.after.reason, "Chargeback fraud");
          assert.equal(entry.requestId, disabled.headers.get("x-request-id"));

          // A bodyless POST is fine too.
          const again = await call("POST", `${base}/disable`, {
            token: admin.token,
          });
          assert.equal(again.status, 200);
          assert.equal(again.json.changed, false);
        },
      );

      await t.step(
        "nobody disables themselves; only super admins disable super admins",
        async () => {
          const self = await call(
            "POST",
            `/api/admin/users/${admin.id}/disable`,
            {
              token: admin.token,
            },
          );
          assert.equal(self.status, 403);
          assert.equal(self.json.error.code, "cannot_change_own_status");
          assert.match(self.json.error.message, /your own account/);
          const superAdmin = await call(
            "POST",
            `/api/admin/users/${root.id}/disable`,
            { token: admin.token },
          );
          assert.equal(superAdmin.status, 403);
          assert.equal(
            superAdmin.json.error.code,
            "cannot_disable_super_admin",
          );
          const missing = await call(
            "POST",
            `/api/admin/users/${crypto.randomUUID()}/disable`,
            { token: admin.token },
          );
          assert.equal(missing.status, 404);
        },
      );

      await t.step("enabling lets the account sign in again", async () => {
        const bad = await call("POST", `${base}/enable`, {
          token: admin.token,
          body: { bogus: true },
        });
        assert.equal(bad.status, 400);
        const enabled = await call("POST", `${base}/enable`, {
          token: admin.token,
          body: {},
        });
        assert.equal(enabled.status, 200);
        assert.equal(enabled.json.user.status, "active");
        assert.equal((await login(email)).status, 200);
        const entries = await auditOf(admin.token, adaId);
        assert.equal(entries.at(-1).action, "user.enable");
        assert.equal(entries.at(-1).before.status, "disabled");
        assert.equal(entries.at(-1).after.status, "active");
      });

      await t.step(
        "roles are for super admins and reach the account at its next refresh",
        async () => {
          const session = await login(email);
          const byAdmin = await call("PUT", `${base}/roles`, {
            token: admin.token,
            body: { roles: ["admin"] },
          });
          assert.equal(byAdmin.status, 403);
          for (const body of [{ roles: ["root"] }, {}, { roles: "admin" }]) {
            const bad = await call("PUT", `${base}/roles`, {
              token: root.token,
              body,
            });
            assert.equal(bad.status, 400, JSON.stringify(body));
            assert.equal(bad.json.error.code, "validation_failed");
          }
          const changed = await call("PUT", `${base}/roles`, {
            token: root.token,
            body: { roles: ["admin"] },
          });
          assert.equal(changed.status, 200, JSON.stringify(changed.json));
          assert.deepEqual(changed.json.roles, ["customer", "admin"]);
          assert.deepEqual(changed.json.previousRoles, ["customer"]);
          assert.equal(changed.json.takesEffect, "next_token_refresh");

          const refreshed = await call("POST", "/api/auth/refresh", {
            body: { refreshToken: session.json.refreshToken, client: "api" },
          });
          assert.equal(refreshed.status, 200);
          const claims = await verifyAccessToken(
            store.deps.keys,
            refreshed.json.accessToken,
          );
          assert.deepEqual(claims.roles, ["customer", "admin"]);

          const own = await call("PUT", `/api/admin/users/${root.id}/roles`, {
            token: root.token,
            body: { roles: ["admin"] },
          });
          assert.equal(own.status, 403);
          assert.equal(own.json.error.code, "cannot_remove_own_super_admin");

          const entries = await auditOf(admin.token, adaId);
          assert.equal(entries.at(-1).action, "user.roles");
          assert.equal(entries.at(-1).actorId, root.id);
          assert.deepEqual(entries.at(-1).before, { roles: ["customer"] });
          assert.deepEqual(entries.at(-1).after, {
            roles: ["customer", "admin"],
          });
        },
      );

      await t.step(
        "a password reset emails the forgot-password link",
        async () => {
          const bad = await call("POST", `${base}/password-reset`, {
            token: admin.token,
            body: { password: "x" },
          });
          assert.equal(bad.status, 400);
          const sent = await call("POST", `${base}/password-reset`, {
            token: admin.token,
          });
          assert.equal(sent.status, 202, JSON.stringify(sent.json));
          assert.equal(sent.json.status, "sent");
          assert.equal(sent.json.email, email);
          const [row] = await sql`
          select payload->>'url' as url from notifications.outbox
          where recipient = ${email} and kind = 'password_reset'`;
          assert.match(row.url, /\/en\/account\/reset\?token=/);

          const entries = await auditOf(admin.token, adaId);
          assert.equal(entries.at(-1).action, "user.password_reset");
          assert.deepEqual(entries.at(-1).before, { resetLinkPending: false });
          assert.equal(entries.at(-1).after.sentTo, email);

          const missing = await call(
            "POST",
            `/api/admin/users/${crypto.randomUUID()}/password-reset`,
            { token: admin.token },
          );
          assert.equal(missing.status, 404);
        },
      );
    } finally {
      await store.close();
    }
  },
});
