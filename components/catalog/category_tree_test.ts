import assert from "node:assert/strict";
import type { CategoryNode } from "../../commerce/catalog/mod.ts";
import { findCategory } from "./category_tree.ts";

function node(
  key: string,
  slugs: Record<string, string>,
  children: CategoryNode[] = [],
): CategoryNode {
  return {
    id: key,
    key,
    slug: slugs.de,
    name: key,
    language: "de",
    productCount: 0,
    children,
    slugs,
  };
}

const knives = node("knives", { en: "knives", de: "messer" });
const tree = [
  node("kitchen", { en: "kitchen", de: "kueche" }, [knives]),
  node("travel", { en: "travel", de: "reisen" }),
];

Deno.test("findCategory() finds a nested category by its slug, with its path", () => {
  const found = findCategory(tree, "messer");
  assert.equal(found?.node, knives);
  assert.deepEqual(found?.path.map((n) => n.key), ["kitchen", "knives"]);
});

Deno.test("findCategory() falls back to another language's slug", () => {
  assert.equal(findCategory(tree, "knives")?.node.slug, "messer");
  assert.equal(findCategory(tree, "nope"), undefined);
});
