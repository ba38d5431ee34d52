import assert from "node:assert/strict";
import {
  alternatesOf,
  canonicalPath,
  compareSpecificity,
  patternOf,
} from "./router.ts";

Deno.test("patternOf() follows Fresh file conventions", () => {
  assert.equal(patternOf("index.ts"), "/");
  assert.equal(patternOf("[lang]/index.tsx"), "/:lang");
  assert.equal(patternOf("[lang]/about.tsx"), "/:lang/about");
  assert.equal(patternOf("api/currencies.ts"), "/api/currencies");
  assert.equal(
    patternOf("api/users/[id]/addresses.ts"),
    "/api/users/:id/addresses",
  );
  assert.equal(patternOf("docs/[...rest].tsx"), "/docs/*");
});

Deno.test("compareSpecificity() puts static segments before parameters and catch-alls", () => {
  const sorted = [
    "/:lang/about",
    "/docs/*",
    "/api/currencies",
    "/:lang",
    "/health",
  ]
    .sort(compareSpecificity);
  assert.deepEqual(sorted, [
    "/health",
    "/api/currencies",
    "/docs/*",
    "/:lang",
    "/:lang/about",
  ]);
});

Deno.test("alternatesOf() links the page in every language plus x-default", () => {
  const links = alternatesOf("/de/about", "https://shop.example");
  assert.equal(links.length, 8);
  assert.deepEqual(links[0], {
    hreflang: "en",
    href: "https://shop.example/en/about",
  });
  assert.deepEqual(links.at(-1), {
    hreflang: "x-default",
    href: "https://shop.example/",
  });
});

Deno.test("canonicalPath() gives one URL per page whatever the slashes", () => {
  assert.equal(canonicalPath("/de"), "/de/");
  assert.equal(canonicalPath("/de/"), "/de/");
  assert.equal(canonicalPath("/de/about/"), "/de/about");
  assert.equal(canonicalPath("/de//about"), "/de/about");
  assert.equal(canonicalPath("/"), "/");
});
