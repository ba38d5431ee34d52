/**
 * Finding a category in the localized tree the catalog returns.
 *
 * @module
 */
import type { CategoryNode } from "../../commerce/catalog/mod.ts";

/** A category with the path of categories from the root down to it. */
export interface FoundCategory {
  node: CategoryNode;
  /** From the root to `node` itself (included). */
  path: CategoryNode[];
}

/**
 * The category whose slug is `slug` in the tree's language, else in any
 * other language (its `slugs`), so an old or foreign link can be redirected
 * to the right one; `undefined` when no category has that slug.
 */
export function findCategory(
  tree: readonly CategoryNode[],
  slug: string,
): FoundCategory | undefined {
  return search(tree, (node) => node.slug === slug) ??
    search(tree, (node) => Object.values(node.slugs).includes(slug));
}

function search(
  nodes: readonly CategoryNode[],
  match: (node: CategoryNode) => boolean,
  above: CategoryNode[] = [],
): FoundCategory | undefined {
  for (const node of nodes) {
    const path = [...above, node];
    if (match(node)) return { node, path };
    const found = search(node.children, match, path);
    if (found) return found;
  }
  return undefined;
}
