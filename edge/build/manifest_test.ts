import assert from "node:assert/strict";
import freshConfig from "../../fresh.config.ts";
import { manifestSource, scanProject } from "./manifest.ts";

const ROOT = new URL("../../", import.meta.url);

Deno.test("manifest.gen.ts is up to date with routes/ and islands/", async () => {
  const expected = manifestSource(await scanProject(ROOT, freshConfig));
  const actual = await Deno.readTextFile(new URL("manifest.gen.ts", ROOT));
  assert.equal(
    actual,
    expected,
    "run `deno task build` and commit manifest.gen.ts",
  );
});

Deno.test("scanProject() skips tests and private island helpers", async () => {
  const files = await scanProject(ROOT, freshConfig);
  assert.ok(files.islands.includes("./islands/CurrencyPicker.tsx"));
  assert.ok(!files.islands.some((path) => path.includes("/_")));
  assert.ok(!files.routes.some((path) => path.endsWith("_test.ts")));
  assert.ok(files.routes.includes("./routes/[lang]/_layout.tsx") === false);
  assert.ok(files.routes.includes("./routes/_layout.tsx"));
});
