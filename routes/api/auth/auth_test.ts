import assert from "node:assert/strict";
import { verifyAccessToken } from "../../../edge/auth/jwt.ts";
import { startTestStore } from "../../../edge/testing.ts";

Deno.test("the auth API: register, verify, login, refresh, reuse, logout, reset", async (t) => {
  const store = await startTestStore();
  const sql = store.deps.db.sql;
  const email = `ana.${crypto.randomUUID().slice(0, 8)}@example.com`;
  const post = (
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    store.app.request(path, {
      method: "POST",
      headers: body === undefined
        ? headers
        : { "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const tokenFrom = async (kind: string) => {
    const [row] = await sql`
      select payload->>'url' as url from notifications.outbox
      where recipient = ${email} and kind = ${kind}
      order by created_at desc limit 1`;
    return row ? new URL(row.url).searchParams.get("token")! : undefined;
  };
  const cookieOf = (response: Response, name: string) =>
    response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  try {
    await t.step(
      "register answers 202 and queues the verification email",
      async () => {
        const response = await post("/api/auth/register", {
          email,
          password: "correct horse battery",
          name: "Ana",
          language: "de",
        });
        assert.equal(response.status, 202);
        assert.deepEqual(await response.json(), {
          status: "pending_verification",
        });
        const [row] =
          await sql`select language, payload from notifications.outbox
                              where recipient = ${email} and kind = 'verify_email'`;
        assert.equal(row.language, "de");
        assert.match(row.payload.url, /\/de\/account\/verify\?token=/);
      },
    );

    await t.step(
      "registering a taken address looks the same and sends nothing",
      async () => {
        const response = await post("/api/auth/register", {
          email: email.toUpperCase(),
          password: "another long passphrase",
          name: "Mallory",
        });
        assert.equal(response.status, 202);
        assert.deepEqual(await response.json(), {
          status: "pending_verification",
        });
        const [{ count }] =
          await sql`select count(*)::integer from notifications.outbox
                                    where recipient = ${email}`;
        assert.equal(count, 1);
      },
    );

    await t.step("bad input is a 400 with the reason", async () => {
      const weak = await post("/api/auth/register", {
        email: "x@example.com",
        password: "password1",
        name: "X",
      });
      assert.equal(weak.status, 400);
      assert.equal((await weak.json()).error.code, "weak_password");
      const extra = await post("/api/auth/login", {
        email,
        password: "x",
        admin: true,
      });
      assert.equal(extra.status, 400);
      const notJson = await store.app.request("/api/auth/login", {
        method: "POST",
        body: "{",
        headers: { "content-type": "application/json" },
      });
      assert.equal(notJson.status, 400);
    });

    await t.step("the emailed token verifies the address, once", async () => {
      const token = await tokenFrom("verify_email");
      assert.equal(
        (await post("/api/auth/verify_email", { token })).status,
        200,
      );
      const again = await post("/api/auth/verify_email", { token });
      assert.equal(again.status, 400);
      assert.equal((await again.json()).error.code, "invalid_token");
    });

    let apiRefresh = "";
    await t.step(
      "a browser login sets HttpOnly cookies; an API login gets tokens",
      async () => {
        const browser = await post("/api/auth/login", {
          email,
          password: "correct horse battery",
        });
        assert.equal(browser.status, 200);
        const body = await browser.json();
        assert.equal(body.refreshToken, undefined);
        assert.equal(body.user.email, email);
        const claims = await verifyAccessToken(
          store.deps.keys,
          body.accessToken,
        );
        assert.deepEqual(claims.roles, ["customer"]);
        assert.match(cookieOf(browser, "access_token") ?? "", /HttpOnly/);
        const refresh = cookieOf(browser, "refresh_token") ?? "";
        assert.match(refresh, /HttpOnly/);
        assert.match(refresh, /Path=\/api\/auth/);
        assert.match(refresh, /SameSite=Strict/);

        const api = await post("/api/auth/login", {
          email,
          password: "correct horse battery",
          client: "api",
        });
        const tokens = await api.json();
        assert.ok(tokens.refreshToken);
        assert.equal(cookieOf(api, "refresh_token"), undefined);
        apiRefresh = tokens.refreshToken;
      },
    );

    await t.step(
      "refresh rotates; reusing a rotated token revokes the family",
      async () => {
        const first = await post("/api/auth/refresh", {
          refreshToken: apiRefresh,
          client: "api",
        });
        assert.equal(first.status, 200);
        const next = (await first.json()).refreshToken;
        assert.ok(next && next !== apiRefresh);
        const reuse = await post("/api/auth/refresh", {
          refreshToken: apiRefresh,
          client: "api",
        });
        assert.equal(reuse.status, 401);
        assert.equal((await reuse.json()).error.code, "refresh_token_reused");
        const victim = await post("/api/auth/refresh", {
          refreshToken: next,
          client: "api",
        });
        assert.equal(
          victim.status,
          401,
          "the family is revoked, the newest token too",
        );
      },
    );

    await t.step(
      "cookie refresh: same-origin works, cross-site is refused",
      async () => {
        const login = await post("/api/auth/login", {
          email,
          password: "correct horse battery",
        });
        const cookie = (cookieOf(login, "refresh_token") ?? "").split(";")[0];
        const evil = await post("/api/auth/refresh", undefined, {
          cookie,
          origin: "https://evil.example",
        });
        assert.equal(evil.status, 403);
        const same = await post("/api/auth/refresh", undefined, {
          cookie,
          origin: "http://localhost",
          "sec-fetch-site": "same-origin",
        });
        assert.equal(same.status, 200);
        const rotated = (cookieOf(same, "refresh_token") ?? "").split(";")[0];
        const out = await post("/api/auth/logout", undefined, {
          cookie: rotated,
          origin: "http://localhost",
        });
        assert.equal(out.status, 204);
        assert.match(cookieOf(out, "refresh_token") ?? "", /Max-Age=0/);
        const after = await post("/api/auth/refresh", undefined, {
          cookie: rotated,
          origin: "http://localhost",
        });
        assert.equal(after.status, 401);
      },
    );

    await t.step(
      "repeated wrong passwords slow the account down with 429",
      async () => {
        let last: Response | undefined;
        for (let i = 0; i < 7; i++) {
          last = await post("/api/auth/login", {
            email,
            password: `wrong-${i}`,
          });
          if (last.status === 429) break;
          assert.equal(last.status, 401);
          assert.equal((await last.json()).error.code, "invalid_credentials");
        }
        assert.equal(last?.status, 429);
        assert.ok(Number(last?.headers.get("retry-after")) >= 1);
        assert.equal((await last!.json()).error.code, "rate_limited");
      },
    );

    await t.step("forgot and reset password", async () => {
      const unknown = await post("/api/auth/forgot_password", {
        email: "nobody@example.com",
      });
      assert.equal(unknown.status, 202);
      const known = await post("/api/auth/forgot_password", { email });
      assert.equal(known.status, 202);
      assert.deepEqual(await unknown.json(), await known.json());
      const token = await tokenFrom("password_reset");
      assert.ok(token);
      const reset = await post("/api/auth/reset_password", {
        token,
        password: "a brand new passphrase",
      });
      assert.equal(reset.status, 200);
      assert.equal(
        (await post("/api/auth/reset_password", {
          token,
          password: "yet another passphrase",
        })).status,
        400,
      );
    });
  } finally {
    await store.close();
  }
});

Deno.test("the auth API: resend, change password, sign out everywhere, saved preferences", async (t) => {
  const store = await startTestStore();
  const sql = store.deps.db.sql;
  const email = `bo.${crypto.randomUUID().slice(0, 8)}@example.com`;
  const post = (
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    store.app.request(path, {
      method: "POST",
      headers: body === undefined
        ? headers
        : { "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const verifyRows = async () =>
    (await sql`select count(*)::integer as n from notifications.outbox
               where recipient = ${email} and kind = 'verify_email'`)[0].n;
  const login = async (password: string) =>
    await (await post("/api/auth/login", { email, password, client: "api" }))
      .json();
  try {
    await post("/api/auth/register", {
      email,
      password: "first long passphrase",
      name: "Bo",
    });

    await t.step(
      "resend: a new link for an unverified account, nothing otherwise",
      async () => {
        const response = await post("/api/auth/resend_verification", { email });
        assert.equal(response.status, 202);
        assert.equal(await verifyRows(), 2);
        const stranger = await post("/api/auth/resend_verification", {
          email: "no.one@example.com",
        });
        assert.equal(stranger.status, 202);
        assert.deepEqual(await stranger.json(), await response.json());
      },
    );

    await t.step(
      "change password keeps this session and ends the others",
      async () => {
        const here = await login("first long passphrase");
        const elsewhere = await login("first long passphrase");
        const auth = { authorization: `Bearer ${here.accessToken}` };
        assert.equal(
          (await post("/api/auth/change_password", {
            currentPassword: "x",
            newPassword: "y",
          })).status,
          401,
        );
        const wrong = await post("/api/auth/change_password", {
          currentPassword: "not it",
          newPassword: "second long passphrase",
        }, auth);
        assert.equal(wrong.status, 401);
        const weak = await post("/api/auth/change_password", {
          currentPassword: "first long passphrase",
          newPassword: "password",
        }, auth);
        assert.equal((await weak.json()).error.code, "weak_password");
        const ok = await post("/api/auth/change_password", {
          currentPassword: "first long passphrase",
          newPassword: "second long passphrase",
        }, auth);
        assert.equal(ok.status, 204);
        const kept = await post("/api/auth/refresh", {
          refreshToken: here.refreshToken,
          client: "api",
        });
        assert.equal(kept.status, 200);
        const ended = await post("/api/auth/refresh", {
          refreshToken: elsewhere.refreshToken,
          client: "api",
        });
        assert.equal(ended.status, 401);
        assert.equal(
          (await post("/api/auth/login", {
            email,
            password: "first long passphrase",
          })).status,
          401,
        );
      },
    );

    await t.step("sign out everywhere", async () => {
      const one = await login("second long passphrase");
      const two = await login("second long passphrase");
      const response = await post("/api/auth/logout_all", undefined, {
        authorization: `Bearer ${one.accessToken}`,
      });
      assert.equal(response.status, 200);
      assert.ok((await response.json()).revoked >= 2);
      for (const session of [one, two]) {
        const refresh = await post("/api/auth/refresh", {
          refreshToken: session.refreshToken,
          client: "api",
        });
        assert.equal(refresh.status, 401);
      }
    });

    await t.step(
      "a browser sign-in applies the account's saved language and currency",
      async () => {
        const session = await login("second long passphrase");
        const patch = await store.app.request("/api/users/me", {
          method: "PATCH",
          headers: {
            "content-type": "application/json",
            authorization: `Bearer ${session.accessToken}`,
          },
          body: JSON.stringify({
            preferredLanguage: "ja",
            preferredCurrency: "JPY",
          }),
        });
        assert.equal(patch.status, 200);
        const browser = await post("/api/auth/login", {
          email,
          password: "second long passphrase",
        });
        const cookies = browser.headers.getSetCookie().join("\n");
        assert.match(cookies, /^lang=ja/m);
        assert.match(cookies, /^currency=JPY/m);
      },
    );
  } finally {
    await store.close();
  }
});
