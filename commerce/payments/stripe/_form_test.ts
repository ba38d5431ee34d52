import assert from "node:assert/strict";
import { parseForm } from "./_form.ts";

Deno.test("`parseForm()` nests bracketed keys as the SDK sends them", () => {
  const body = new URLSearchParams([
    ["amount", "2500"],
    ["automatic_payment_methods[enabled]", "true"],
    ["metadata[reference]", "ref-1"],
    ["metadata[order_number]", "SO-1"],
    ["expand[0]", "latest_charge"],
    ["expand[1]", "payment_method"],
    ["tags[]", "a"],
    ["tags[]", "b"],
    ["a[b][c]", "deep"],
  ]).toString();
  assert.deepEqual(parseForm(body), {
    amount: "2500",
    automatic_payment_methods: { enabled: "true" },
    metadata: { reference: "ref-1", order_number: "SO-1" },
    expand: ["latest_charge", "payment_method"],
    tags: ["a", "b"],
    a: { b: { c: "deep" } },
  });
});

Deno.test("`parseForm()` drops keys naming prototype fields", () => {
  const parsed = parseForm(
    "__proto__[polluted]=1&metadata[constructor]=x&ok=1",
  );
  assert.deepEqual(parsed, { ok: "1" });
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});
