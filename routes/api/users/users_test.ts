import assert from "node:assert/strict";
import {
  authenticate,
  InvalidCredentials,
  issueRefreshToken,
  registerUser,
} from "../../../commerce/identity/mod.ts";
import { ignorePostgresTests } from "../../../db/_test_util.ts";
import { signAccessToken } from "../../../edge/auth/jwt.ts";
import { startTestStore } from "../../../edge/testing.ts";

const PASSWORD = "correct horse battery staple";

const HOME = {
  type: "shipping",
  name: "Ada Lovelace",
  line1: "1600 Pennsylvania Ave NW",
  city: "Washington",
  region: "DC",
  postalCode: "20500",
  country: "US",
};

interface Call {
  status: number;
  headers: Headers;
  // deno-lint-ignore no-explicit-any
  body: any;
}

Deno.test({
  name: "the users API",
  // With DATABASE_URL it runs on that server's database; else on PGlite.
  ignore: ignorePostgresTests && Boolean(Deno.env.get("DATABASE_URL")),
  async fn(t) {
    const store = await startTestStore();
    const { sql } = store.deps.db;
    const created: string[] = [];

    async function user(roles: string[] = ["customer"]) {
      const [{ id }] = await sql<{ id: string }[]>`
        insert into identity.users (email, name)
        values (${`${crypto.randomUUID()}@example.com`}, 'Test')
        returning id`;
      for (const role of roles) {
        await sql`
          insert into identity.user_roles (user_id, role)
          values (${id}, ${role})`;
      }
      created.push(id);
      const token = await signAccessToken(store.deps.keys, { sub: id, roles });
      return { id, token };
    }

    async function call(
      method: string,
      path: string,
      options: {
        token?: string;
        body?: unknown;
        headers?: Record<string, string>;
      } = {},
    ): Promise<Call> {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (options.body !== undefined) {
        headers["content-type"] = "application/json";
      }
      const response = await store.app.request(`http://store.test${path}`, {
        method,
        headers,
        body: options.body === undefined
          ? undefined
          : typeof options.body === "string"
          ? options.body
          : JSON.stringify(options.body),
      });
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        body: text ? JSON.parse(text) : null,
      };
    }

    const alice = await user();
    const bob = await user();
    const admin = await user(["customer", "admin"]);
    const bobsAddress = await call("POST", `/api/users/${bob.id}/addresses`, {
      token: bob.token,
      body: { ...HOME, name: "Bob Builder", isDefault: true },
    });
    assert.equal(bobsAddress.status, 201);
    const bobsAddressId: string = bobsAddress.body.id;

    /** Every operation on an account, with a body where it takes one. */
    const operations = (id: string, addressId: string) =>
      [
        ["GET", `/api/users/${id}`],
        ["PATCH", `/api/users/${id}`, { name: "Mallory" }],
        ["DELETE", `/api/users/${id}`],
        ["GET", `/api/users/${id}/addresses`],
        ["POST", `/api/users/${id}/addresses`, HOME],
        ["PATCH", `/api/users/${id}/addresses/${addressId}`, { name: "M" }],
        ["DELETE", `/api/users/${id}/addresses/${addressId}`],
        ["GET", `/api/users/${id}/export`],
      ] as [string, string, unknown?][];

    try {
      await t.step("anonymous callers get 401 on every route", async () => {
        for (const [method, path, body] of operations("me", bobsAddressId)) {
          const { status, body: answer, headers } = await call(method, path, {
            body,
          });
          assert.equal(status, 401, `${method} ${path}`);
          assert.equal(answer.error.code, "unauthorized");
          assert.equal(headers.get("cache-control"), "private, no-store");
        }
        const forged = await call("GET", "/api/users/me", {
          token: "not-a-jwt",
        });
        assert.equal(forged.status, 401);
      });

      await t.step(
        "`me` and the caller's own id read the profile",
        async () => {
          const me = await call("GET", "/api/users/me", { token: alice.token });
          assert.equal(me.status, 200);
          assert.equal(me.body.id, alice.id);
          assert.deepEqual(me.body.roles, ["customer"]);
          assert.equal("passwordHash" in me.body, false);
          assert.equal(me.headers.get("cache-control"), "private, no-store");
          const own = await call("GET", `/api/users/${alice.id}`, {
            token: alice.token,
          });
          assert.deepEqual(own.body, me.body);
        },
      );

      await t.step(
        "PATCH changes the profile, strictly validated",
        async () => {
          const patched = await call("PATCH", "/api/users/me", {
            token: alice.token,
            body: {
              name: "Alice Liddell",
              phone: "+44 20 7946 0958",
              preferredLanguage: "fr",
              preferredCurrency: "EUR",
              marketingConsent: true,
            },
          });
          assert.equal(patched.status, 200);
          assert.equal(patched.body.name, "Alice Liddell");
          assert.equal(patched.body.preferredLanguage, "fr");
          assert.equal(patched.body.preferredCurrency, "EUR");
          assert.equal(patched.body.marketingConsent, true);
          const cases: [unknown, string][] = [
            [{ email: "evil@example.com" }, "validation_failed"],
            [{ name: "Alice", roles: ["admin"] }, "validation_failed"],
            [{}, "validation_failed"],
            [{ preferredLanguage: "xx" }, "validation_failed"],
            [{ preferredCurrency: "XAU" }, "unsupported_currency"],
            ["{not json", "invalid_json"],
          ];
          for (const [body, code] of cases) {
            const { status, body: answer } = await call(
              "PATCH",
              "/api/users/me",
              {
                token: alice.token,
                body,
              },
            );
            assert.equal(status, 400, JSON.stringify(body));
            assert.equal(answer.error.code, code, JSON.stringify(body));
          }
        },
      );

      await t.step(
        "a customer can neither read nor change another account (403)",
        async () => {
          const stranger = crypto.randomUUID();
          for (const id of [bob.id, stranger, "nonsense"]) {
            for (
              const [method, path, body] of operations(id, bobsAddressId)
            ) {
              const { status, body: answer } = await call(method, path, {
                token: alice.token,
                body,
              });
              assert.equal(status, 403, `${method} ${path}`);
              assert.equal(answer.error.code, "forbidden");
            }
          }
          const bobs = await call("GET", "/api/users/me/addresses", {
            token: bob.token,
          });
          assert.equal(bobs.body.items.length, 1);
          assert.equal(bobs.body.items[0].name, "Bob Builder");
          assert.equal(
            (await call("GET", "/api/users/me", { token: bob.token })).body
              .name,
            "Test",
          );
        },
      );

      await t.step(
        "another account's address id through one's own path is a 404",
        async () => {
          for (
            const [method, body] of [["PATCH", { name: "Mallory" }], [
              "DELETE",
            ]] as [string, unknown?][]
          ) {
            for (const id of ["me", alice.id]) {
              const { status, body: answer } = await call(
                method,
                `/api/users/${id}/addresses/${bobsAddressId}`,
                { token: alice.token, body },
              );
              assert.equal(status, 404, `${method} ${id}`);
              assert.equal(answer.error.code, "not_found");
            }
          }
          const missing = await call(
            "DELETE",
            "/api/users/me/addresses/not-a-uuid",
            { token: alice.token },
          );
          assert.equal(missing.status, 404);
          const bobs = await call("GET", "/api/users/me/addresses", {
            token: bob.token,
          });
          assert.equal(bobs.body.items[0].name, "Bob Builder");
        },
      );

      await t.step(
        "an admin reads other accounts but changes none",
        async () => {
          const profile = await call("GET", `/api/users/${bob.id}`, {
            token: admin.token,
          });
          assert.equal(profile.status, 200);
          assert.equal(profile.body.id, bob.id);
          const addresses = await call(
            "GET",
            `/api/users/${bob.id}/addresses`,
            {
              token: admin.token,
            },
          );
          assert.equal(addresses.status, 200);
          assert.equal(addresses.body.items[0].id, bobsAddressId);
          const exported = await call("GET", `/api/users/${bob.id}/export`, {
            token: admin.token,
          });
          assert.equal(exported.status, 200);
          assert.equal(exported.body.profile.id, bob.id);
          for (
            const [method, path, body] of operations(bob.id, bobsAddressId)
          ) {
            if (method === "GET") continue;
            const { status } = await call(method, path, {
              token: admin.token,
              body,
            });
            assert.equal(status, 403, `${method} ${path}`);
          }
          for (const id of [crypto.randomUUID(), "nonsense"]) {
            for (const path of ["", "/addresses", "/export"]) {
              const { status, body } = await call(
                "GET",
                `/api/users/${id}${path}`,
                {
                  token: admin.token,
                },
              );
              assert.equal(status, 404, `${id}${path}`);
              assert.equal(body.error.code, "not_found");
            }
          }
          // An admin's own account is theirs to change.
          const own = await call("PATCH", "/api/users/me", {
            token: admin.token,
            body: { marketingConsent: true },
          });
          assert.equal(own.status, 200);
        },
      );

      await t.step(
        "address errors list every field with a message in the shopper's language",
        async () => {
          const { status, body } = await call(
            "POST",
            "/api/users/me/addresses",
            {
              token: alice.token,
              headers: { "accept-language": "de" },
              body: { ...HOME, postalCode: "ABCDE", line1: "", nickname: "x" },
            },
          );
          assert.equal(status, 400);
          assert.equal(body.error.code, "invalid_address");
          assert.deepEqual(
            body.error.details.map((d: { field: string; code: string }) =>
              `${d.field}:${d.code}`
            ),
            [
              "line1:required",
              "postalCode:invalid_postal_code",
              "nickname:unknown_field",
            ],
          );
          assert.equal(
            body.error.details[0].message,
            "„Straße und Hausnummer“ ist ein Pflichtfeld.",
          );
          assert.equal(
            body.error.details[1].message,
            "„ZIP-Code“ hat nicht das richtige Format (Beispiel: 12345).",
          );
          const english = await call("POST", "/api/users/me/addresses", {
            token: alice.token,
            headers: { "accept-language": "en" },
            body: { ...HOME, postalCode: "ABCDE" },
          });
          assert.match(english.body.error.details[0].message, /ZIP code/);
          const notObject = await call("POST", "/api/users/me/addresses", {
            token: alice.token,
            body: ["not", "an", "object"],
          });
          assert.equal(notObject.status, 400);
          assert.equal(notObject.body.error.code, "validation_failed");
        },
      );

      await t.step(
        "one default address per type, switched over HTTP",
        async () => {
          const first = await call("POST", "/api/users/me/addresses", {
            token: alice.token,
            body: { ...HOME, isDefault: true },
          });
          assert.equal(first.status, 201);
          assert.equal(first.body.isDefault, true);
          const second = await call("POST", "/api/users/me/addresses", {
            token: alice.token,
            body: { ...HOME, line1: "2 Second St", isDefault: true },
          });
          const billing = await call("POST", "/api/users/me/addresses", {
            token: alice.token,
            body: { ...HOME, type: "billing", isDefault: true },
          });
          const defaults = async () =>
            (await call("GET", "/api/users/me/addresses", {
              token: alice.token,
            }))
              .body.items
              .filter((a: { isDefault: boolean }) => a.isDefault)
              .map((a: { id: string }) => a.id);
          assert.deepEqual(await defaults(), [second.body.id, billing.body.id]);
          const back = await call(
            "PATCH",
            `/api/users/me/addresses/${first.body.id}`,
            { token: alice.token, body: { isDefault: true } },
          );
          assert.equal(back.status, 200);
          assert.deepEqual(await defaults(), [first.body.id, billing.body.id]);
          const deleted = await call(
            "DELETE",
            `/api/users/me/addresses/${first.body.id}`,
            { token: alice.token },
          );
          assert.equal(deleted.status, 204);
          assert.deepEqual(await defaults(), [billing.body.id]);
          const invalid = await call(
            "PATCH",
            `/api/users/me/addresses/${second.body.id}`,
            {
              token: alice.token,
              headers: { "accept-language": "de" },
              body: { country: "ZZ" },
            },
          );
          assert.equal(invalid.status, 400);
          assert.equal(invalid.body.error.code, "invalid_address");
          assert.equal(
            invalid.body.error.details[0].message,
            "Bitte wählen Sie ein Land aus der Liste.",
          );
        },
      );

      await t.step(
        "the export holds the account's data and no secret",
        async () => {
          await sql`
          update identity.users set password_hash = '$argon2id$v=19$m=1$x$y'
          where id = ${alice.id}`;
          const session = await issueRefreshToken(sql, {
            userId: alice.id,
            userAgent: "Firefox/130",
          });
          const { status, headers, body } = await call(
            "GET",
            "/api/users/me/export",
            { token: alice.token },
          );
          assert.equal(status, 200);
          assert.match(
            headers.get("content-disposition") ?? "",
            new RegExp(`attachment; filename="account-${alice.id}.json"`),
          );
          assert.equal(body.profile.id, alice.id);
          assert.equal(body.profile.name, "Alice Liddell");
          assert.deepEqual(body.roles.map((r: { role: string }) => r.role), [
            "customer",
          ]);
          assert.equal(body.addresses.length, 2);
          assert.equal(body.sessions.length, 1);
          assert.equal(body.sessions[0].userAgent, "Firefox/130");
          const text = JSON.stringify(body);
          const [{ tokenHash }] = await sql`
          select token_hash as "tokenHash" from identity.refresh_tokens
          where user_id = ${alice.id}`;
          assert.ok(!text.includes(tokenHash));
          assert.ok(!text.includes(session.token));
          assert.doesNotMatch(text, /argon2|password|hash/i);
        },
      );

      await t.step(
        "DELETE anonymises the account: no sign-in, and its profile is a 404",
        async () => {
          const email = `${crypto.randomUUID()}@example.com`;
          await registerUser(sql, {
            email,
            password: PASSWORD,
            name: "Carol",
            language: "en",
            verifyUrl: (token) => `https://shop.test/en/verify?token=${token}`,
          });
          const carol = await authenticate(sql, { email, password: PASSWORD });
          created.push(carol.id);
          const token = await signAccessToken(store.deps.keys, {
            sub: carol.id,
            roles: carol.roles,
          });
          const added = await call("POST", "/api/users/me/addresses", {
            token,
            body: HOME,
          });
          assert.equal(added.status, 201);

          const deleted = await call("DELETE", "/api/users/me", { token });
          assert.equal(deleted.status, 204);
          assert.equal(deleted.body, null);

          await assert.rejects(
            authenticate(sql, { email, password: PASSWORD }),
            InvalidCredentials,
          );
          // The old access token still verifies (for minutes), but the
          // account is gone for every route.
          for (const [method, path, body] of operations("me", added.body.id)) {
            const { status, body: answer } = await call(method, path, {
              token,
              body,
            });
            assert.equal(status, 404, `${method} ${path}`);
            assert.equal(answer.error.code, "not_found");
          }
          const admins = await call("GET", `/api/users/${carol.id}`, {
            token: admin.token,
          });
          assert.equal(admins.status, 404);
          const [row] = await sql`
            select email, status from identity.users where id = ${carol.id}`;
          assert.deepEqual({ ...row }, {
            email: `deleted-${carol.id}@invalid`,
            status: "deleted",
          });
        },
      );
    } finally {
      await sql`delete from identity.users where id = any(${created})`;
      await store.close();
    }
  },
});
