/**
 * Carts: a guest browser's or an account's, persisted in Postgres and
 * priced on every read in the shopper's current currency. Other modules
 * and routes import only this file.
 *
 * @module
 */
export {
  addItem,
  cartLines,
  type CartLocale,
  clearCart,
  findCart,
  getCart,
  lockCart,
  MAX_LINE_QUANTITY,
  mergeGuestCart,
  removeItem,
  updateItem,
} from "./cart.ts";
export { CartItemNotFound, VariantNotFound } from "./errors.ts";
export type * from "./types.ts";
