import assert from "node:assert/strict";
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { allowInCsp, securityHeaders } from "./security_headers.ts";

/** A tiny app behind the middleware: a plain page and pages with Stripe. */
function testApp(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use("*", securityHeaders({ hsts: false }));
  app.get("/plain", (c) => c.html("<p>plain</p>"));
  app.get("/stripe", (c) => {
    allowInCsp(c, "stripe");
    allowInCsp(c, "stripe");
    return c.html(`<p>${c.var.secureHeadersNonce}</p>`);
  });
  // A handler answering with its own Response object skips the context's
  // prepared headers: the middleware still sends the widened policy.
  app.get("/stripe-own", (c) => {
    allowInCsp(c, "stripe");
    return new Response("own", { headers: { "content-type": "text/plain" } });
  });
  return app;
}

/** The policy as `{ directive: sources }`. */
function directives(csp: string): Record<string, string[]> {
  return Object.fromEntries(
    csp.split(";").map((part) => part.trim().split(/\s+/))
      .map(([name, ...sources]) => [name, sources]),
  );
}

async function policyOf(app: Hono<AppEnv>, path: string) {
  const response = await app.request(path);
  const body = await response.text();
  const csp = response.headers.get("content-security-policy") ?? "";
  return { csp, body, parsed: directives(csp) };
}

const STRIPE = /stripe\.com/;

Deno.test("`securityHeaders()` keeps an ordinary page's CSP strict", async () => {
  const { csp, parsed } = await policyOf(testApp(), "/plain");
  assert.doesNotMatch(csp, STRIPE);
  assert.match(parsed["script-src"][0], /^'nonce-[\w+/=]+'$/);
  assert.deepEqual(parsed["script-src"].slice(1), ["'self'"]);
  assert.deepEqual(parsed["connect-src"], ["'self'"]);
  assert.deepEqual(parsed["default-src"], ["'self'"]);
  // Frames fall back to `default-src 'self'`.
  assert.equal(parsed["frame-src"], undefined);
  assert.deepEqual(parsed["frame-ancestors"], ["'none'"]);
});

Deno.test("`allowInCsp()` adds exactly Stripe's origins to that response", async () => {
  const app = testApp();
  const plain = await policyOf(app, "/plain");
  const stripe = await policyOf(app, "/stripe");
  const nonce = `'nonce-${stripe.body.replace(/<\/?p>/g, "")}'`;
  assert.deepEqual(stripe.parsed["script-src"], [
    nonce,
    "'self'",
    "https://js.stripe.com",
    "https://*.js.stripe.com",
  ]);
  assert.deepEqual(stripe.parsed["frame-src"], [
    "'self'",
    "https://js.stripe.com",
    "https://*.js.stripe.com",
    "https://hooks.stripe.com",
  ]);
  assert.deepEqual(stripe.parsed["connect-src"], [
    "'self'",
    "https://api.stripe.com",
  ]);
  // Nothing else changes: the same directives as the plain page, nonce aside.
  const rest = (parsed: Record<string, string[]>) =>
    Object.fromEntries(
      Object.entries(parsed).filter(([name]) =>
        !["script-src", "frame-src", "connect-src", "style-src"].includes(name)
      ),
    );
  assert.deepEqual(rest(stripe.parsed), rest(plain.parsed));
  assert.deepEqual(stripe.parsed["style-src"], [nonce]);
  assert.equal(
    stripe.csp.match(/https:\/\/js\.stripe\.com/g)?.length,
    2,
    "no origin added twice",
  );

  const own = await policyOf(app, "/stripe-own");
  assert.equal(own.body, "own");
  assert.deepEqual(own.parsed["connect-src"], [
    "'self'",
    "https://api.stripe.com",
  ]);

  // The next ordinary page is strict again.
  assert.doesNotMatch((await policyOf(app, "/plain")).csp, STRIPE);
});
