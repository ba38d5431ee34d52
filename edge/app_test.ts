import assert from "node:assert/strict";
import manifest from "../manifest.gen.ts";
import { createApp } from "./app.ts";
import { loadIslandAssets } from "./render/assets.ts";
import { startTestStore } from "./testing.ts";

function cookieHeader(response: Response): string {
  return response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

Deno.test("the store over HTTP", async (t) => {
  const store = await startTestStore();
  const request = (path: string, init?: RequestInit) =>
    store.app.request(`http://store.test${path}`, init);
  /** Post the no-JS preferences form, as a browser would. */
  const postForm = (body: string, headers: Record<string, string> = {}) =>
    request("/preferences", {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        ...headers,
      },
      body,
    });
  /** Call `PUT /api/preferences` with a JSON body. */
  const putPreferences = (body: unknown) =>
    request("/api/preferences", {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

  try {
    await t.step(
      "GET / redirects to the language from geo, with Vary",
      async () => {
        const response = await request("/", {
          headers: { "cf-ipcountry": "JP" },
        });
        assert.equal(response.status, 302);
        assert.equal(response.headers.get("location"), "/ja/");
        const vary = response.headers.get("vary") ?? "";
        for (const header of ["Cookie", "Accept-Language", "cf-ipcountry"]) {
          assert.ok(vary.includes(header), `Vary lacks ${header}: ${vary}`);
        }
      },
    );

    await t.step(
      "GET / prefers the saved language, then Accept-Language, then en",
      async () => {
        const saved = await request("/", {
          headers: {
            cookie: "lang=fr",
            "cf-ipcountry": "JP",
            "accept-language": "es",
          },
        });
        assert.equal(saved.headers.get("location"), "/fr/");
        const accept = await request("/", {
          headers: { "accept-language": "es-MX,es;q=0.9" },
        });
        assert.equal(accept.headers.get("location"), "/es/");
        const none = await request("/");
        assert.equal(none.headers.get("location"), "/en/");
        const configured = await request("/", {
          headers: { "x-vercel-ip-country": "DE" },
        });
        assert.equal(configured.headers.get("location"), "/de/");
      },
    );

    await t.step(
      "a localized page never redirects on a geo mismatch; it suggests",
      async () => {
        const response = await request("/en/", {
          headers: { "cf-ipcountry": "DE" },
        });
        assert.equal(response.status, 200);
        const html = await response.text();
        assert.match(html, /data-testid="geo-suggestion"/);
        assert.match(html, /href="\/de\/"/);
        const dismissed = await request("/en/", {
          headers: { "cf-ipcountry": "DE", cookie: "geo_dismissed=1" },
        });
        assert.doesNotMatch(await dismissed.text(), /geo-suggestion/);
      },
    );

    await t.step(
      "the home page is localized, carries hreflang and hydrates islands",
      async () => {
        const response = await request("/de/", {
          headers: { cookie: "currency=JPY" },
        });
        assert.equal(response.status, 200);
        assert.equal(response.headers.get("content-language"), "de");
        const html = await response.text();
        assert.match(html, /<html lang="de" dir="ltr">/);
        assert.match(html, /Startseite|Start/);
        for (const language of ["en", "de", "fr", "es", "ja", "zh", "ar"]) {
          assert.match(
            html,
            new RegExp(
              `hreflang="${language}" href="http://store.test/${language}/"`,
            ),
          );
        }
        assert.match(html, /hreflang="x-default" href="http:\/\/store.test\/"/);
        assert.match(
          html,
          /<x-island data-island="CurrencyPicker" data-id="\d+">/,
        );
        assert.match(
          html,
          /<x-island data-island="LanguagePicker" data-id="\d+">/,
        );
        assert.match(html, /Japanischer Yen/);
        const props = JSON.parse(
          /<script type="application\/json" id="__islands">(.*?)<\/script>/
            .exec(html)![1],
        );
        const picker = props.find((
          p: { current?: string; options?: unknown[] },
        ) => p.current === "JPY");
        assert.ok(picker, "currency picker props carry the current currency");
        assert.equal(
          picker.options.length,
          store.deps.config.CURRENCIES.length,
        );
      },
    );

    await t.step(
      "the boot script carries the CSP nonce of its response",
      async () => {
        const response = await request("/en/");
        const csp = response.headers.get("content-security-policy") ?? "";
        const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
        assert.ok(nonce, `CSP has a nonce: ${csp}`);
        const html = await response.text();
        assert.ok(html.includes(`<script type="module" nonce="${nonce}">`));
        assert.ok(html.includes(`<style nonce="${nonce}">`));
        const again = await request("/en/");
        assert.notEqual(
          /'nonce-([^']+)'/.exec(again.headers.get("content-security-policy")!)
            ?.[1],
          nonce,
        );
      },
    );

    await t.step(
      "the boot script and island chunks are served, immutable",
      async () => {
        const html = await (await request("/en/")).text();
        const boot = /import\{boot\}from"([^"]+)"/.exec(html)![1];
        const response = await request(boot);
        assert.equal(response.status, 200);
        assert.match(response.headers.get("content-type") ?? "", /javascript/);
        assert.match(response.headers.get("cache-control") ?? "", /immutable/);
        assert.ok((await response.text()).length > 0);
      },
    );

    await t.step("the about page ships no <script> at all", async () => {
      const response = await request("/fr/about");
      assert.equal(response.status, 200);
      const html = await response.text();
      assert.doesNotMatch(html, /<script/);
      assert.match(html, /<form method="post" action="\/preferences"/);
      assert.match(html, /<html lang="fr"/);
    });

    await t.step("Arabic pages render right to left", async () => {
      const html = await (await request("/ar/")).text();
      assert.match(html, /<html lang="ar" dir="rtl">/);
    });

    await t.step("an unknown page answers a localized 404 page", async () => {
      const response = await request("/ja/no-such-page", {
        headers: { accept: "text/html" },
      });
      assert.equal(response.status, 404);
      const html = await response.text();
      assert.match(html, /<html lang="ja"/);
      assert.match(html, /404/);
      assert.match(html, /name="robots" content="noindex"/);
      const badLanguage = await request("/xx/about", {
        headers: { accept: "text/html" },
      });
      assert.equal(badLanguage.status, 404);
      assert.match(await badLanguage.text(), /<html lang="en"/);
    });

    await t.step("an unknown API path answers a JSON 404", async () => {
      const response = await request("/api/nothing-here");
      assert.equal(response.status, 404);
      const body = await response.json();
      assert.equal(body.error.code, "not_found");
      assert.equal(typeof body.error.message, "string");
    });

    await t.step("a wrong method answers 405 with Allow", async () => {
      const response = await request("/api/currencies", { method: "DELETE" });
      assert.equal(response.status, 405);
      assert.equal(response.headers.get("allow"), "GET");
      assert.equal((await response.json()).error.code, "method_not_allowed");
    });

    await t.step(
      "GET /api/currencies names currencies in the request language",
      async () => {
        const response = await request("/api/currencies", {
          headers: { "accept-language": "de", cookie: "currency=GBP" },
        });
        assert.equal(response.status, 200);
        const body = await response.json();
        assert.equal(body.base, "USD");
        assert.equal(body.current, "GBP");
        const jpy = body.currencies.find((c: { code: string }) =>
          c.code === "JPY"
        );
        assert.deepEqual(
          {
            code: jpy.code,
            name: jpy.name,
            symbol: jpy.symbol,
            exponent: jpy.exponent,
          },
          { code: "JPY", name: "Japanischer Yen", symbol: "¥", exponent: 0 },
        );
        const eur = body.currencies.find((c: { code: string }) =>
          c.code === "EUR"
        );
        assert.equal(eur.exponent, 2);
        assert.equal(eur.symbol, "€");
      },
    );

    await t.step(
      "GET /api/languages lists all seven with native names",
      async () => {
        const body = await (await request("/api/languages?x", {
          headers: { "accept-language": "fr" },
        })).json();
        assert.equal(body.languages.length, 7);
        const ar = body.languages.find((l: { code: string }) =>
          l.code === "ar"
        );
        assert.equal(ar.dir, "rtl");
        assert.equal(ar.nativeName, "العربية");
        assert.equal(ar.name, "arabe");
      },
    );

    await t.step(
      "PUT /api/preferences saves choices as cookies that later requests use",
      async () => {
        const response = await putPreferences({
          language: "ja",
          currency: "EUR",
        });
        assert.equal(response.status, 200);
        assert.deepEqual(await response.json(), {
          language: "ja",
          currency: "EUR",
        });
        const cookies = response.headers.getSetCookie().join("\n");
        assert.match(cookies, /lang=ja;.*HttpOnly/);
        assert.match(cookies, /currency=EUR;.*SameSite=Lax/);
        const redirect = await request("/", {
          headers: { cookie: cookieHeader(response) },
        });
        assert.equal(redirect.headers.get("location"), "/ja/");
        const currencies = await (await request("/api/currencies", {
          headers: { cookie: cookieHeader(response) },
        })).json();
        assert.equal(currencies.current, "EUR");
      },
    );

    await t.step(
      "PUT /api/preferences rejects unsupported values with 400 JSON",
      async () => {
        const cases: [unknown, string][] = [
          [{ currency: "XYZ" }, "unsupported_currency"],
          [{ currency: "CHFX" }, "validation_failed"],
          [{ currency: "SEK" }, "unsupported_currency"],
          [{ language: "pt" }, "validation_failed"],
          [{}, "validation_failed"],
          [{ language: "de", admin: true }, "validation_failed"],
        ];
        for (const [body, code] of cases) {
          const response = await putPreferences(body);
          assert.equal(response.status, 400, JSON.stringify(body));
          const json = await response.json();
          assert.equal(json.error.code, code, JSON.stringify(body));
          assert.equal(response.headers.get("set-cookie"), null);
        }
      },
    );

    await t.step("invalid JSON is a 400, never a 500", async () => {
      const response = await putPreferences("{not json");
      assert.equal(response.status, 400);
      assert.equal((await response.json()).error.code, "invalid_json");
    });

    await t.step("an oversized API body is refused with 413", async () => {
      const response = await putPreferences({
        language: "x".repeat(2 * 1024 * 1024),
      });
      assert.equal(response.status, 413);
      assert.equal((await response.json()).error.code, "payload_too_large");
    });

    await t.step("an image upload may be larger than a JSON body", async () => {
      const image = new Uint8Array(2 * 1024 * 1024);
      const upload = await request("/api/admin/media", {
        method: "POST",
        headers: { "content-type": "application/octet-stream" },
        body: image,
      });
      // Past the size check, stopped by sign-in instead.
      assert.equal(upload.status, 401);
      const huge = await request("/api/admin/media", {
        method: "POST",
        headers: { "content-type": "application/octet-stream" },
        body: new Uint8Array(200 * 1024 * 1024),
      });
      assert.equal(huge.status, 413);
    });

    await t.step(
      "the no-JS form saves and returns to the page in the new language",
      async () => {
        const response = await postForm(
          "language=de&currency=JPY&return=%2Ffr%2Fabout",
          { origin: "http://store.test" },
        );
        assert.equal(response.status, 303);
        assert.equal(response.headers.get("location"), "/de/about");
        assert.match(response.headers.getSetCookie().join(";"), /currency=JPY/);
        const offsite = await postForm(
          "currency=JPY&return=%2F%2Fevil.example",
        );
        assert.equal(offsite.status, 400);
        const crossSite = await postForm("currency=JPY&return=%2Fen%2F", {
          origin: "https://evil.example",
        });
        assert.equal(crossSite.status, 403);
      },
    );

    await t.step(
      "the no-JS form refuses what is not form data, without a 500",
      async () => {
        const json = await request("/preferences", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ currency: "JPY" }),
        });
        assert.equal(json.status, 415);
        assert.equal((await json.json()).error.code, "unsupported_media_type");
        const broken = await request("/preferences", {
          method: "POST",
          headers: { "content-type": "multipart/form-data" },
          body: "currency=JPY",
        });
        assert.equal(broken.status, 400);
        assert.equal((await broken.json()).error.code, "invalid_request");
        const unknownField = await postForm("currency=JPY&admin=1");
        assert.equal(unknownField.status, 400);
        await unknownField.body?.cancel();
      },
    );

    await t.step(
      "a return path that is not printable ASCII is refused, not sent",
      async () => {
        for (const bad of ["%2F%01", "%2F%00", "%2Fde%2F%0Dx", "%2F%C3%A9"]) {
          const response = await postForm(`currency=JPY&return=${bad}`);
          assert.equal(response.status, 400, bad);
          await response.body?.cancel();
        }
        const health = await request("/health");
        assert.equal(health.status, 200);
        await health.body?.cancel();
      },
    );

    await t.step(
      "the no-JS form saves only what the shopper changed",
      async () => {
        // /fr/about shows EUR (French); the form posts both selects.
        const response = await postForm(
          "language=ja&currency=EUR&return=%2Ffr%2Fabout",
        );
        assert.equal(response.status, 303);
        assert.equal(response.headers.get("location"), "/ja/about");
        const cookies = response.headers.getSetCookie().join("\n");
        assert.match(cookies, /lang=ja/);
        assert.doesNotMatch(
          cookies,
          /currency=/,
          "the untouched currency is not pinned",
        );
        const page = await request("/ja/about", {
          headers: { cookie: cookieHeader(response) },
        });
        assert.match(await page.text(), /<option value="JPY" selected/);
        // A saved German choice does not move a shopper reading /en/about.
        const currencyOnly = await postForm(
          "language=en&currency=JPY&return=%2Fen%2Fabout",
          { cookie: "lang=de" },
        );
        assert.equal(currencyOnly.headers.get("location"), "/en/about");
        assert.match(
          currencyOnly.headers.get("set-cookie") ?? "",
          /currency=JPY/,
        );
      },
    );

    await t.step(
      "static pages show the geo banner with a dismiss form, still no script",
      async () => {
        const page = await request("/en/about", {
          headers: { "cf-ipcountry": "FR" },
        });
        const html = await page.text();
        assert.match(html, /data-testid="geo-suggestion"/);
        assert.match(html, /href="\/fr\/about"/);
        assert.match(html, /name="dismiss_geo" value="1"/);
        assert.doesNotMatch(html, /<script/);
        const dismissed = await postForm("dismiss_geo=1&return=%2Fen%2Fabout");
        assert.equal(dismissed.status, 303);
        assert.equal(dismissed.headers.get("location"), "/en/about");
        const again = await request("/en/about", {
          headers: { "cf-ipcountry": "FR", cookie: cookieHeader(dismissed) },
        });
        assert.doesNotMatch(await again.text(), /geo-suggestion/);
      },
    );

    await t.step(
      "a new language answers with the currency it now resolves to",
      async () => {
        const response = await putPreferences({ language: "de" });
        assert.deepEqual(await response.json(), {
          language: "de",
          currency: "EUR",
        });
        const currencies = await (await request("/api/currencies", {
          headers: { cookie: cookieHeader(response) },
        })).json();
        assert.equal(currencies.current, "EUR");
      },
    );

    await t.step(
      "API answers vary on the cookies and geo headers they depend on",
      async () => {
        const response = await request("/api/currencies", {
          headers: { "cf-ipcountry": "JP" },
        });
        assert.equal((await response.json()).current, "JPY");
        const vary = response.headers.get("vary") ?? "";
        assert.ok(
          vary.includes("cf-ipcountry") && vary.includes("Cookie"),
          vary,
        );
      },
    );

    await t.step(
      "the canonical link is one URL per page, slashes aside",
      async () => {
        const home = await (await request("/de")).text();
        assert.match(home, /rel="canonical" href="http:\/\/store.test\/de\/"/);
        const about = await (await request("/de/about/")).text();
        assert.match(
          about,
          /rel="canonical" href="http:\/\/store.test\/de\/about"/,
        );
        assert.match(
          about,
          /hreflang="ja" href="http:\/\/store.test\/ja\/about"/,
        );
      },
    );

    await t.step(
      "behind a TLS proxy, PUBLIC_URL decides links, cookie security and origins",
      async () => {
        const app = createApp({
          ...store.deps,
          config: { ...store.deps.config, PUBLIC_URL: "https://shop.example" },
        }, { manifest, assets: loadIslandAssets() });
        const page = await app.request("http://10.0.0.7:8000/de/about", {
          headers: { host: "evil.example" },
        });
        const html = await page.text();
        assert.match(
          html,
          /rel="canonical" href="https:\/\/shop.example\/de\/about"/,
        );
        assert.doesNotMatch(html, /evil\.example|10\.0\.0\.7/);
        const form = await app.request("http://10.0.0.7:8000/preferences", {
          method: "POST",
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            origin: "https://shop.example",
          },
          body: "currency=GBP&return=%2Fde%2Fabout",
        });
        assert.equal(form.status, 303);
        assert.match(
          form.headers.get("set-cookie") ?? "",
          /currency=GBP;.*Secure/,
        );
      },
    );

    await t.step(
      "security headers and a request id are on every response",
      async () => {
        for (
          const path of ["/en/", "/api/currencies", "/health", "/api/missing"]
        ) {
          const response = await request(path);
          await response.body?.cancel();
          assert.equal(
            response.headers.get("x-content-type-options"),
            "nosniff",
            path,
          );
          assert.equal(response.headers.get("x-frame-options"), "DENY", path);
          assert.ok(response.headers.get("content-security-policy"), path);
          assert.match(
            response.headers.get("x-request-id") ?? "",
            /^[\w-]{8,}$/,
            path,
          );
        }
        const echoed = await request("/health", {
          headers: { "x-request-id": "edge-abc-12345" },
        });
        await echoed.body?.cancel();
        assert.equal(echoed.headers.get("x-request-id"), "edge-abc-12345");
      },
    );

    await t.step(
      "GET /health and GET /ready answer 200 when everything is up",
      async () => {
        const health = await request("/health");
        assert.equal(health.status, 200);
        assert.deepEqual(await health.json(), { status: "ok" });
        const ready = await request("/ready");
        assert.equal(ready.status, 200);
        assert.deepEqual(await ready.json(), {
          status: "ok",
          checks: { database: "ok", cache: "ok" },
        });
      },
    );

    await t.step(
      "GET /ready answers 503 naming the cache when it is down",
      async () => {
        const cache = store.deps.cache;
        const ping = cache.ping;
        cache.ping = () => Promise.reject(new Error("connection refused"));
        try {
          const response = await request("/ready");
          assert.equal(response.status, 503);
          assert.equal(response.headers.get("retry-after"), "5");
          assert.deepEqual(await response.json(), {
            status: "unavailable",
            checks: { database: "ok", cache: "unavailable" },
          });
        } finally {
          cache.ping = ping;
        }
      },
    );
  } finally {
    await store.close();
  }
});
