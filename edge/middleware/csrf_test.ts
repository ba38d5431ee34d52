import assert from "node:assert/strict";
import { Hono } from "hono";
import { MemoryCache } from "../cache/memory.ts";
import { parseConfig } from "../config.ts";
import type { AppEnv } from "../env.ts";
import { createLogger } from "../logger.ts";
import { CSRF_COOKIE, csrfProtection, csrfToken } from "./csrf.ts";

const STORE = "https://shop.example";
const SESSION = "session=s3cret";

/** A tiny app with the store's context variables and a protected route. */
function testApp(
  options: { publicUrl?: string; checkAnonymous?: boolean } = {},
): Hono<AppEnv> {
  const config = parseConfig({
    APP_ENV: "test",
    PUBLIC_URL: options.publicUrl ?? STORE,
  });
  const app = new Hono<AppEnv>();
  app.use("*", async function testContext(c, next) {
    c.set("config", config);
    c.set("cache", new MemoryCache({ maxEntries: 10 }));
    c.set("logger", createLogger("error", () => {}));
    c.set("requestId", "test-request");
    await next();
  });
  app.use(
    "*",
    csrfProtection({
      cookieNames: ["session", "refresh"],
      checkAnonymous: options.checkAnonymous,
    }),
  );
  app.get("/form", (c) => c.text(csrfToken(c)));
  app.get("/two-forms", (c) => c.json([csrfToken(c), csrfToken(c)]));
  app.all("/account", (c) => c.json({ ran: true }));
  app.post("/account/form", async (c) => {
    const parsed = await c.req.parseBody();
    const data = await c.req.formData();
    return c.json({
      name: parsed.name,
      again: data.get("name"),
      fields: Object.keys(parsed),
    });
  });
  return app;
}

/** Visit the form page as a browser and return its secret cookie and token. */
async function visitForm(
  app: Hono<AppEnv>,
): Promise<{ cookie: string; token: string }> {
  const res = await app.request(`${STORE}/form`);
  const setCookie = res.headers.get("set-cookie") ?? "";
  const secret = /csrf=([0-9a-f]+)/.exec(setCookie)?.[1];
  assert.ok(secret, "the form page sets the csrf cookie");
  return { cookie: `${CSRF_COOKIE}=${secret}`, token: await res.text() };
}

function post(
  app: Hono<AppEnv>,
  headers: Record<string, string>,
  body?: BodyInit,
  path = "/account",
) {
  return app.request(`${STORE}${path}`, { method: "POST", headers, body });
}

async function assertRefused(res: Response, reason: string): Promise<void> {
  assert.equal(res.status, 403);
  assert.deepEqual(await res.json(), {
    error: {
      code: "csrf_failed",
      message: await errorMessage(reason),
      details: { reason },
    },
  });
}

function errorMessage(reason: string): string {
  return {
    cross_site: "Cross-site requests are not accepted",
    missing_token:
      "The request lacks a CSRF token; reload the page and try again",
    invalid_token:
      "The form has expired or was not issued by this store; reload the page and try again",
  }[reason]!;
}

Deno.test("csrfProtection() refuses cross-site posts carrying the auth cookie", async () => {
  const app = testApp();
  await assertRefused(
    await post(app, { cookie: SESSION, "sec-fetch-site": "cross-site" }),
    "cross_site",
  );
  await assertRefused(
    await post(app, { cookie: SESSION, "sec-fetch-site": "same-site" }),
    "cross_site",
  );
  await assertRefused(
    await post(app, { cookie: SESSION, origin: "https://evil.example" }),
    "cross_site",
  );
  await assertRefused(
    await post(app, { cookie: SESSION, origin: "null" }),
    "cross_site",
  );
  // Any of the configured cookies counts, and every unsafe method.
  for (const method of ["PUT", "PATCH", "DELETE"]) {
    const res = await app.request(`${STORE}/account`, {
      method,
      headers: { cookie: "refresh=r", origin: "https://evil.example" },
    });
    await assertRefused(res, "cross_site");
  }
});

Deno.test("csrfProtection() accepts same-origin posts", async () => {
  const app = testApp();
  const cases: Record<string, string>[] = [
    { "sec-fetch-site": "same-origin", origin: STORE },
    { origin: STORE },
    { "sec-fetch-site": "same-origin" },
    // Typed into the address bar or a bookmark.
    { "sec-fetch-site": "none" },
    // Local development: the request's own origin, not PUBLIC_URL.
    { origin: "http://localhost:8000" },
  ];
  for (const headers of cases) {
    const res = await app.request("http://localhost:8000/account", {
      method: "POST",
      headers: {
        cookie: SESSION,
        "content-type": "application/json",
        ...headers,
      },
      body: "{}",
    });
    assert.equal(res.status, 200, JSON.stringify(headers));
    assert.deepEqual(await res.json(), { ran: true });
  }
});

Deno.test("csrfProtection() lets Bearer-only API clients through without Origin", async () => {
  const app = testApp();
  const res = await post(app, {
    authorization: "Bearer abc.def.ghi",
    "content-type": "application/json",
  }, "{}");
  assert.equal(res.status, 200);
  // Cookies that do not authenticate are no reason to check either.
  const other = await post(app, {
    cookie: "language=de",
    origin: "https://evil.example",
  });
  assert.equal(other.status, 200);
});

Deno.test("csrfProtection() never checks GET", async () => {
  const app = testApp();
  const res = await app.request(`${STORE}/account`, {
    headers: {
      cookie: SESSION,
      "sec-fetch-site": "cross-site",
      origin: "https://evil.example",
    },
  });
  assert.equal(res.status, 200);
});

Deno.test("csrfProtection() needs a token when the browser sends neither header", async () => {
  const app = testApp();
  await assertRefused(
    await post(app, { cookie: SESSION, "content-type": "application/json" }),
    "missing_token",
  );
  const { cookie, token } = await visitForm(app);
  const res = await post(app, {
    cookie: `${SESSION}; ${cookie}`,
    "x-csrf-token": token,
  });
  assert.equal(res.status, 200);
});

Deno.test("csrfProtection() requires a token in form posts and leaves the body readable", async () => {
  const app = testApp();
  const { cookie, token } = await visitForm(app);
  const headers = {
    cookie: `${SESSION}; ${cookie}`,
    origin: STORE,
    "sec-fetch-site": "same-origin",
    "content-type": "application/x-www-form-urlencoded",
  };
  await assertRefused(
    await post(app, headers, "name=Ann", "/account/form"),
    "missing_token",
  );

  const res = await post(
    app,
    headers,
    new URLSearchParams({ name: "Ann", _csrf: token }).toString(),
    "/account/form",
  );
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), {
    name: "Ann",
    again: "Ann",
    fields: ["name"],
  });

  const form = new FormData();
  form.set("name", "Bo");
  form.set("_csrf", token);
  const { "content-type": _, ...multipartHeaders } = headers;
  const multipart = await post(app, multipartHeaders, form, "/account/form");
  assert.equal(multipart.status, 200);
  assert.deepEqual(await multipart.json(), {
    name: "Bo",
    again: "Bo",
    fields: ["name"],
  });
});

Deno.test("csrfProtection() refuses a token signed for another browser", async () => {
  const app = testApp();
  const mine = await visitForm(app);
  const theirs = await visitForm(app);
  assert.notEqual(mine.cookie, theirs.cookie);
  const headers = {
    cookie: `${SESSION}; ${mine.cookie}`,
    origin: STORE,
    "content-type": "application/x-www-form-urlencoded",
  };
  await assertRefused(
    await post(app, headers, `_csrf=${theirs.token}`),
    "invalid_token",
  );
  await assertRefused(
    await post(app, headers, "_csrf=not-a-token"),
    "invalid_token",
  );
  // A token without the browser's secret cookie.
  await assertRefused(
    await post(app, { ...headers, cookie: SESSION }, `_csrf=${mine.token}`),
    "invalid_token",
  );
  // The same forgery in the header.
  await assertRefused(
    await post(app, {
      cookie: `${SESSION}; ${mine.cookie}`,
      "x-csrf-token": theirs.token,
    }),
    "invalid_token",
  );
  assert.equal(
    (await post(app, headers, `_csrf=${mine.token}`)).status,
    200,
  );
});

Deno.test("csrfProtection() answers 400 for a form it cannot read", async () => {
  const app = testApp();
  const res = await post(app, {
    cookie: SESSION,
    origin: STORE,
    "content-type": "multipart/form-data; boundary=x",
  }, "not multipart at all");
  assert.equal(res.status, 400);
  assert.equal((await res.json()).error.code, "invalid_request");
});

Deno.test("csrfProtection() with checkAnonymous refuses cross-site sign-in posts", async () => {
  const app = testApp({ checkAnonymous: true });
  await assertRefused(
    await post(app, { origin: "https://evil.example" }),
    "cross_site",
  );
  await assertRefused(
    await post(app, { "sec-fetch-site": "cross-site" }),
    "cross_site",
  );
  // API clients send neither header and no cookie.
  assert.equal((await post(app, {}, "{}")).status, 200);
  assert.equal((await post(app, { origin: STORE }, "{}")).status, 200);
});

Deno.test("csrfToken() sets one secure, HttpOnly secret cookie per browser", async () => {
  const app = testApp();
  const res = await app.request(`${STORE}/two-forms`);
  const cookies = res.headers.getSetCookie();
  assert.equal(cookies.length, 1);
  assert.match(cookies[0], /^csrf=[0-9a-f]{64}; Max-Age=\d+; Path=\//);
  assert.match(cookies[0], /; HttpOnly/);
  assert.match(cookies[0], /; Secure/);
  assert.match(cookies[0], /; SameSite=Lax/);
  const [first, second] = await res.json();
  assert.notEqual(first, second, "tokens are fresh per call");

  // Both verify against the one secret.
  const cookie = `${SESSION}; ${cookies[0].split(";")[0]}`;
  for (const token of [first, second]) {
    const ok = await post(app, { cookie, "x-csrf-token": token });
    assert.equal(ok.status, 200);
  }

  // A browser that has the secret keeps it.
  const again = await app.request(`${STORE}/form`, {
    headers: { cookie: cookies[0].split(";")[0] },
  });
  assert.equal(again.headers.get("set-cookie"), null);

  const plain = testApp({ publicUrl: "http://localhost:8000" });
  const local = await plain.request("http://localhost:8000/form");
  assert.doesNotMatch(local.headers.get("set-cookie") ?? "", /Secure/);
});
