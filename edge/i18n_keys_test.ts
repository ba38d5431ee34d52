import assert from "node:assert/strict";
import { MESSAGES } from "./i18n.ts";

const ROOT = new URL("../", import.meta.url);
const SOURCE_DIRS = ["routes", "components", "islands", "edge", "commerce"];

/** Literal keys passed to `t("...")` anywhere in the shipped code. */
async function usedKeys(): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  async function walk(dir: URL, prefix: string) {
    // Seed data carries its seven languages inline; its `t()` builds them.
    if (prefix === "commerce/catalog/seed/") return;
    for await (const entry of Deno.readDir(dir)) {
      if (entry.isDirectory) {
        await walk(new URL(`${entry.name}/`, dir), `${prefix}${entry.name}/`);
      } else if (
        /\.tsx?$/.test(entry.name) && !/_test\.tsx?$/.test(entry.name)
      ) {
        const text = await Deno.readTextFile(new URL(entry.name, dir));
        for (const match of text.matchAll(/\bt\(\s*"([\w.]+)"/g)) {
          keys.set(match[1], prefix + entry.name);
        }
        // Template keys with one ${...} part must match at least one key.
        for (
          const match of text.matchAll(/\bt\(\s*`([\w.]*)\$\{(\w+)\}([\w.]*)`/g)
        ) {
          keys.set(`${match[1]}*${match[3]}`, prefix + entry.name);
        }
      }
    }
  }
  for (const dir of SOURCE_DIRS) {
    await walk(new URL(`${dir}/`, ROOT), `${dir}/`);
  }
  return keys;
}

function flatKeys(value: unknown, prefix = ""): string[] {
  return Object.entries(value as Record<string, unknown>).flatMap((
    [key, item],
  ) =>
    typeof item === "string"
      ? [prefix + key]
      : flatKeys(item, `${prefix}${key}.`)
  );
}

/** A literal key must exist; a template key (`a.*Title`) must match one. */
function has(known: string[], key: string): boolean {
  if (!key.includes("*")) return known.includes(key);
  const pattern = new RegExp(
    `^${
      key.split("*").map((part) => part.replaceAll(".", "\\.")).join("\\w+")
    }$`,
  );
  return known.some((candidate) => pattern.test(candidate));
}

Deno.test("every translation key the code uses exists in en.json", async () => {
  const keys = await usedKeys();
  assert.ok(
    keys.size > 20,
    `found only ${keys.size} keys: is the scan broken?`,
  );
  const known = flatKeys(MESSAGES.en);
  const missing = [...keys].filter(([key]) => !has(known, key))
    .map(([key, file]) => `${key} (${file})`);
  assert.deepEqual(missing, []);
});
