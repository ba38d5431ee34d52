import assert from "node:assert/strict";
import manifest from "../manifest.gen.ts";
import { patternOf } from "../edge/router.ts";
import openapi from "./openapi.json" with { type: "json" };

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** Every JSON route and method the app serves, as OpenAPI paths. */
function servedOperations(): string[] {
  const operations: string[] = [];
  for (const [key, module] of Object.entries(manifest.routes)) {
    const file = key.replace("./routes/", "");
    if (!file.startsWith("api/") && !["health.ts", "ready.ts"].includes(file)) {
      continue;
    }
    const handler = (module as { handler?: Record<string, unknown> }).handler ??
      {};
    const path = patternOf(file).replace(/:(\w+)/g, "{$1}");
    for (const method of METHODS) {
      if (handler[method]) operations.push(`${method.toLowerCase()} ${path}`);
    }
  }
  return operations.sort();
}

Deno.test("docs/openapi.json documents every API route the app serves", () => {
  const documented = Object.entries(openapi.paths)
    .flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method} ${path}`)
    )
    .sort();
  assert.deepEqual(documented, servedOperations());
});
