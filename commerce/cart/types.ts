/**
 * Carts as the API returns them: every line priced in the shopper's
 * current currency, with what changed since the shopper last looked.
 *
 * @module
 */
import type { MoneyView } from "../pricing/mod.ts";

/** Whose cart: an account's, or a guest browser's (its cookie token hash). */
export type CartOwner = { userId: string } | { tokenHash: string };

/** Why a line cannot be bought as it is. */
export type LineProblem = "unavailable" | "no_price" | "insufficient_stock";

/** One line of a cart. */
export interface CartLineView {
  id: string;
  variantId: string;
  productId: string;
  sku: string;
  /** In the request's language (English when the product lacks it). */
  name: string;
  slug: string;
  options: Record<string, string>;
  imageUrl: string | null;
  quantity: number;
  /** Units that can be bought now. */
  available: number;
  unitPrice: MoneyView | null;
  lineTotal: MoneyView | null;
  /**
   * The unit price the shopper saw when adding or last changing the line,
   * when the price has changed since (same currency only).
   */
  priceChangedFrom: MoneyView | null;
  problem: LineProblem | null;
}

/** A cart, priced. */
export interface CartView {
  /** `null` until the first item is added. */
  id: string | null;
  currency: string;
  items: CartLineView[];
  /** Units across all lines. */
  itemCount: number;
  /** The sum of the line totals that have a price. */
  subtotal: MoneyView;
  /** Whether every line can be checked out as it is. */
  ready: boolean;
}

/** A line as checkout reads it. */
export interface CartLine {
  id: string;
  variantId: string;
  quantity: number;
}
