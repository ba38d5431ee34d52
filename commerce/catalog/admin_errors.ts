/**
 * The errors of the catalog's admin writes that callers (and dashboards)
 * tell apart by their code.
 *
 * @module
 */
import { Conflict } from "../../edge/errors.ts";

/**
 * Another category already uses `slug` in `language`: 409 `slug_taken`.
 * Slugs are URLs, unique per language.
 */
export class SlugTakenError extends Conflict {
  override readonly code: string = "slug_taken";
  readonly language: string;
  readonly slug: string;

  constructor(item: { language: string; slug: string }, cause?: unknown) {
    super(
      `The slug '${item.slug}' is already used in '${item.language}'`,
      { details: item },
    );
    if (cause !== undefined) this.cause = cause;
    this.language = item.language;
    this.slug = item.slug;
  }
}

/** Another category already has `key`: 409 `key_taken`. */
export class CategoryKeyTakenError extends Conflict {
  override readonly code: string = "key_taken";
  readonly key: string;

  constructor(key: string) {
    super(`The category key '${key}' is already used`, { details: { key } });
    this.key = key;
  }
}

/**
 * Moving a category under itself or one of its descendants would make a
 * cycle: 409 `category_cycle`.
 */
export class CategoryCycleError extends Conflict {
  override readonly code: string = "category_cycle";
  readonly id: string;
  readonly parentId: string;

  constructor(item: { id: string; parentId: string }) {
    super(
      `Cannot move category '${item.id}' under '${item.parentId}': it is the category itself or one of its descendants`,
      { details: item },
    );
    this.id = item.id;
    this.parentId = item.parentId;
  }
}

/**
 * A category still holds subcategories or products (of any status):
 * 409 `category_not_empty`, with both counts.
 */
export class CategoryNotEmptyError extends Conflict {
  override readonly code: string = "category_not_empty";
  readonly children: number;
  readonly products: number;

  constructor(item: { id: string; children: number; products: number }) {
    super(
      `Cannot delete category '${item.id}': it holds ${item.children} subcategories and ${item.products} products`,
      { details: { children: item.children, products: item.products } },
    );
    this.children = item.children;
    this.products = item.products;
  }
}
