import assert from "node:assert/strict";
import { startTestStore } from "../../../edge/testing.ts";
import de from "../../../locales/de.json" with { type: "json" };

/** A browser in miniature: keeps cookies, scrapes and posts forms. */
function browser(
  app: {
    request: (path: string, init?: RequestInit) => Response | Promise<Response>;
  },
) {
  const jar = new Map<string, string>();
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, value] = pair.split("=");
      if (value === "" || /max-age=0/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  return {
    jar,
    async get(path: string) {
      const response = await app.request(path, {
        headers: { cookie: cookie() },
      });
      remember(response);
      return { response, html: await response.text() };
    },
    async post(path: string, fields: Record<string, string>, csrfFrom = path) {
      const page = await this.get(csrfFrom);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.html)?.[1];
      assert.ok(csrf, `no CSRF token on ${csrfFrom}`);
      const response = await app.request(path, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          origin: "http://localhost",
          cookie: cookie(),
        },
        body: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
      });
      remember(response);
      return { response, html: await response.text() };
    },
  };
}

Deno.test("account pages: sign up, verify, sign in, profile, sign out", async (t) => {
  const store = await startTestStore();
  const sql = store.deps.db.sql;
  const email = `lena.${crypto.randomUUID().slice(0, 8)}@example.com`;
  const password = "Sommerwiese am Fluss 42";
  try {
    const b = browser(store.app);

    await t.step(
      "the sign-up form is private and carries a token",
      async () => {
        const { response, html } = await b.get("/de/account/signup");
        assert.equal(response.status, 200);
        assert.equal(
          response.headers.get("cache-control"),
          "private, no-store",
        );
        assert.match(html, /name="_csrf"/);
        assert.ok(html.includes(de.account.rules.common));
        assert.ok(b.jar.has("csrf"));
      },
    );

    await t.step(
      "a weak password shows the German message and keeps the values",
      async () => {
        const { response, html } = await b.post("/de/account/signup", {
          name: "Lena",
          email,
          password: "kurz",
        });
        assert.equal(response.status, 400);
        assert.ok(
          html.includes("Das Passwort muss mindestens 10 Zeichen lang sein."),
        );
        assert.match(html, new RegExp(`value="${email.replace(".", "\\.")}"`));
        assert.ok(!html.includes('value="kurz"'));
      },
    );

    await t.step(
      "sign-up shows the check-email state and queues the email",
      async () => {
        const { response } = await b.post("/de/account/signup", {
          name: "Lena",
          email,
          password,
        });
        assert.equal(response.status, 303);
        const location = response.headers.get("location")!;
        assert.equal(location, "/de/account/signup?sent=1");
        const { html } = await b.get(location);
        assert.ok(html.includes(de.account.signup.sentBody));
        const rows =
          await sql`select language, payload from notifications.outbox
        where recipient = ${email} and kind = 'verify_email'`;
        assert.equal(rows.length, 1);
        assert.equal(rows[0].language, "de");
      },
    );

    await t.step("the emailed verify link verifies, once", async () => {
      const [row] =
        await sql`select payload->>'url' as url from notifications.outbox
        where recipient = ${email} and kind = 'verify_email'`;
      const url = new URL(row.url);
      assert.equal(url.pathname, "/de/account/verify");
      const ok = await b.get(url.pathname + url.search);
      assert.equal(ok.response.status, 200);
      assert.ok(ok.html.includes(de.account.verify.successTitle));
      const again = await b.get(url.pathname + url.search);
      assert.equal(again.response.status, 400);
      assert.ok(again.html.includes(de.account.verify.invalidBody));
    });

    await t.step("wrong credentials give one generic message", async () => {
      const { response, html } = await b.post("/de/account/signin", {
        email,
        password: "nicht das Passwort",
      });
      assert.equal(response.status, 401);
      assert.ok(html.includes(de.account.signin.invalid));
      assert.ok(!b.jar.has("access_token"));
    });

    await t.step(
      "a disabled account is told so, but only with the right password",
      async () => {
        await sql`update identity.users set status = 'disabled', disabled_at = now()
        where email = ${email}`;
        try {
          const right = await b.post("/de/account/signin", { email, password });
          assert.equal(right.response.status, 403);
          assert.ok(right.html.includes(de.account.signin.disabled));
          const wrong = await b.post("/de/account/signin", {
            email,
            password: "nicht das Passwort",
          });
          assert.equal(wrong.response.status, 401);
          assert.ok(!wrong.html.includes(de.account.signin.disabled));
          assert.ok(!b.jar.has("access_token"));
        } finally {
          await sql`update identity.users set status = 'active', disabled_at = null
          where email = ${email}`;
        }
      },
    );

    await t.step(
      "anonymous visitors of the account page go to sign in",
      async () => {
        const { response } = await b.get("/de/account");
        assert.equal(response.status, 303);
        assert.equal(response.headers.get("location"), "/de/account/signin");
      },
    );

    await t.step(
      "sign-in sets the session cookies and goes to the account",
      async () => {
        const { response } = await b.post("/de/account/signin", {
          email,
          password,
        });
        assert.equal(response.status, 303);
        assert.equal(response.headers.get("location"), "/de/account");
        assert.ok(b.jar.has("access_token"));
        assert.ok(b.jar.has("refresh_token"));
      },
    );

    await t.step("the account page shows the name, privately", async () => {
      const { response, html } = await b.get("/de/account");
      assert.equal(response.status, 200);
      assert.equal(response.headers.get("cache-control"), "private, no-store");
      assert.match(html, /data-testid="account-name">Lena</);
      assert.ok(html.includes(email));
    });

    await t.step(
      "the profile form saves name, language and currency",
      async () => {
        const { response } = await b.post("/de/account", {
          intent: "profile",
          name: "Lena Berg",
          preferredLanguage: "fr",
          preferredCurrency: "EUR",
        });
        assert.equal(response.status, 303);
        const { html } = await b.get(response.headers.get("location")!);
        assert.ok(html.includes(de.account.home.saved));
        assert.match(html, /data-testid="account-name">Lena Berg</);
        assert.match(html, /<option value="fr" lang="fr" selected/);
        const bad = await b.post("/de/account", {
          intent: "profile",
          name: "",
          preferredLanguage: "",
          preferredCurrency: "",
        });
        assert.equal(bad.response.status, 400);
        assert.ok(bad.html.includes(de.account.errors.required));
      },
    );

    await t.step("sign out clears the cookies and goes home", async () => {
      const { response } = await b.post("/de/account", { intent: "signout" });
      assert.equal(response.status, 303);
      assert.equal(response.headers.get("location"), "/de/");
      assert.ok(!b.jar.has("access_token"));
      assert.ok(!b.jar.has("refresh_token"));
    });

    await t.step("a cross-site form post is refused", async () => {
      const response = await store.app.request("/de/account/signin", {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          origin: "https://evil.example",
        },
        body: new URLSearchParams({ email, password }).toString(),
      });
      assert.equal(response.status, 403);
    });

    await t.step(
      "forgot and reset: same answer, new password works",
      async () => {
        const unknown = await b.post("/de/account/forgot", {
          email: "niemand@example.com",
        });
        const known = await b.post("/de/account/forgot", { email });
        assert.equal(
          unknown.response.headers.get("location"),
          "/de/account/forgot?sent=1",
        );
        assert.equal(
          known.response.headers.get("location"),
          "/de/account/forgot?sent=1",
        );
        const [row] =
          await sql`select payload->>'url' as url from notifications.outbox
        where recipient = ${email} and kind = 'password_reset'`;
        const url = new URL(row.url);
        assert.equal(url.pathname, "/de/account/reset");
        const token = url.searchParams.get("token")!;
        const resetPath = url.pathname + url.search;
        const weak = await b.post("/de/account/reset", {
          token,
          password: "kurz",
        }, resetPath);
        assert.equal(weak.response.status, 400);
        assert.ok(
          weak.html.includes(
            "Das Passwort muss mindestens 10 Zeichen lang sein.",
          ),
        );
        const done = await b.post("/de/account/reset", {
          token,
          password: "Neues Passwort im Herbst",
        }, resetPath);
        assert.equal(
          done.response.headers.get("location"),
          "/de/account/reset?done=1",
        );
        const used = await b.post("/de/account/reset", {
          token,
          password: "Noch ein Passwort 123",
        }, resetPath);
        assert.ok(used.html.includes(de.account.reset.invalidBody));
        const bad = await b.get("/de/account/reset?token=kaputt");
        assert.equal(bad.response.status, 400);
        const signin = await b.post("/de/account/signin", {
          email,
          password: "Neues Passwort im Herbst",
        });
        assert.equal(signin.response.status, 303);
      },
    );
  } finally {
    await store.close();
  }
});

/** Sign up through the pages, follow the emailed link, and sign in. */
async function signedIn(
  store: Awaited<ReturnType<typeof startTestStore>>,
  who: { name: string; email: string; password: string },
) {
  const b = browser(store.app);
  const signup = await b.post("/de/account/signup", who);
  assert.equal(signup.response.status, 303);
  const [row] = await store.deps.db.sql`
    select payload->>'url' as url from notifications.outbox
    where recipient = ${who.email} and kind = 'verify_email'`;
  const url = new URL(row.url);
  await b.get(url.pathname + url.search);
  const signin = await b.post("/de/account/signin", {
    email: who.email,
    password: who.password,
  });
  assert.equal(signin.response.status, 303);
  assert.ok(b.jar.has("access_token"));
  return b;
}

Deno.test("account pages: password change and address book", async (t) => {
  const store = await startTestStore();
  const sql = store.deps.db.sql;
  const id = crypto.randomUUID().slice(0, 8);
  const jonas = {
    name: "Jonas",
    email: `jonas.${id}@example.com`,
    password: "Winterabend am Hafen 17",
  };
  const newPassword = "Frühlingsmorgen im Garten 9";
  try {
    const b = await signedIn(store, jonas);

    await t.step(
      "the account page links to password and addresses",
      async () => {
        const { html } = await b.get("/de/account");
        assert.ok(html.includes('href="/de/account/password"'));
        assert.ok(html.includes('href="/de/account/addresses"'));
        assert.ok(html.includes(de.account.password.link));
        assert.ok(html.includes(de.account.addresses.link));
      },
    );

    await t.step("anonymous visitors of both pages go to sign in", async () => {
      const anonymous = browser(store.app);
      for (const page of ["password", "addresses"]) {
        const { response } = await anonymous.get(`/de/account/${page}`);
        assert.equal(response.status, 303);
        assert.equal(response.headers.get("location"), "/de/account/signin");
      }
    });

    await t.step("a wrong current password is shown in German", async () => {
      const { response, html } = await b.post("/de/account/password", {
        currentPassword: "nicht das Passwort",
        newPassword,
      });
      assert.equal(response.status, 400);
      assert.ok(html.includes(de.account.errors.wrongPassword));
      assert.ok(html.includes(de.account.rules.common));
    });

    await t.step("a weak new password gets the sign-up messages", async () => {
      const { response, html } = await b.post("/de/account/password", {
        currentPassword: jonas.password,
        newPassword: "kurz",
      });
      assert.equal(response.status, 400);
      assert.ok(
        html.includes("Das Passwort muss mindestens 10 Zeichen lang sein."),
      );
    });

    await t.step(
      "the new password signs in, the old one no longer does",
      async () => {
        const { response } = await b.post("/de/account/password", {
          currentPassword: jonas.password,
          newPassword,
        });
        assert.equal(response.status, 303);
        const location = response.headers.get("location")!;
        assert.equal(location, "/de/account?password=changed");
        const { html } = await b.get(location);
        assert.ok(html.includes(de.account.password.changed));
        const old = await browser(store.app).post("/de/account/signin", {
          email: jonas.email,
          password: jonas.password,
        });
        assert.equal(old.response.status, 401);
        const fresh = await browser(store.app).post("/de/account/signin", {
          email: jonas.email,
          password: newPassword,
        });
        assert.equal(fresh.response.status, 303);
      },
    );

    const address = {
      type: "shipping",
      isDefault: "on",
      name: "Jonas Weber",
      company: "",
      line1: "Hafenstraße 12",
      line2: "",
      city: "Hamburg",
      region: "",
      postalCode: "123",
      country: "DE",
      phone: "",
    };

    await t.step(
      "a bad German postal code is explained next to the field",
      async () => {
        const { response, html } = await b.post("/de/account/addresses", {
          intent: "add",
          ...address,
        });
        assert.equal(response.status, 400);
        const message =
          "„Postleitzahl“ hat nicht das richtige Format (Beispiel: 10115).";
        const field = /id="postalCode-error"[^>]*>(.*?)<\/ul>/s.exec(html);
        assert.ok(field, "no error next to the postal code");
        assert.ok(field[1].includes(message));
        assert.ok(html.includes('value="Hafenstraße 12"'));
        assert.match(html, /<option value="DE" selected>Deutschland</);
      },
    );

    let addressId = "";
    await t.step("a valid address is added and listed", async () => {
      const { response } = await b.post("/de/account/addresses", {
        intent: "add",
        ...address,
        postalCode: "20095",
      });
      assert.equal(response.status, 303);
      const { html } = await b.get(response.headers.get("location")!);
      assert.ok(html.includes(de.account.addresses.added));
      assert.ok(html.includes("20095 Hamburg"));
      assert.ok(html.includes(de.account.addresses.defaultBadge));
      addressId = /data-address-id="([^"]+)"/.exec(html)?.[1] ?? "";
      assert.ok(addressId);
    });

    await t.step("another shopper cannot delete it", async () => {
      const other = await signedIn(store, {
        name: "Mara",
        email: `mara.${id}@example.com`,
        password: "Sonnenblumen im August 5",
      });
      const { response } = await other.post(
        "/de/account/addresses",
        { intent: "delete", addressId },
      );
      assert.equal(response.status, 303);
      const rows = await sql`
        select 1 from identity.addresses where id = ${addressId}`;
      assert.equal(rows.length, 1);
    });

    await t.step("its owner deletes it", async () => {
      const { response } = await b.post("/de/account/addresses", {
        intent: "delete",
        addressId,
      });
      assert.equal(response.status, 303);
      const { html } = await b.get(response.headers.get("location")!);
      assert.ok(html.includes(de.account.addresses.deleted));
      assert.ok(!html.includes(addressId));
      assert.ok(html.includes(de.account.addresses.empty));
    });
  } finally {
    await store.close();
  }
});
