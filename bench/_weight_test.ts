import assert from "node:assert/strict";
import { scriptUrls } from "./_weight.ts";

Deno.test("scriptUrls() finds boot, preloaded chunks and island chunks once each", () => {
  const html = '<link rel="modulepreload" href="/_islands/h/boot.js">' +
    '<link rel="modulepreload" href="/_islands/h/chunk-A.js">' +
    '<script type="module" nonce="n">import{boot}from"/_islands/h/boot.js";' +
    'boot({"CurrencyPicker":"/_islands/h/islands/CurrencyPicker.js"});</script>';
  assert.deepEqual(scriptUrls(html), [
    "/_islands/h/boot.js",
    "/_islands/h/chunk-A.js",
    "/_islands/h/islands/CurrencyPicker.js",
  ]);
});

Deno.test("scriptUrls() finds nothing on a page without scripts", () => {
  assert.deepEqual(scriptUrls("<html><body><p>static</p></body></html>"), []);
});
