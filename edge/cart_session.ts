/**
 * Whose cart a request is about: the signed-in user's, or the guest
 * browser's, named by an opaque token in the HttpOnly `cart` cookie (only
 * its hash is stored). The same token lets a guest pay for, view and
 * cancel the orders that browser placed.
 *
 * @module
 */
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { CartOwner } from "../commerce/cart/mod.ts";
import { mergeGuestCart } from "../commerce/cart/mod.ts";
import {
  hashToken,
  isOpaqueToken,
  newOpaqueToken,
} from "../commerce/identity/mod.ts";
import type { AppContext } from "./env.ts";
import { publicOrigin } from "./origin.ts";

/** The cookie naming a guest browser's cart. */
export const CART_COOKIE = "cart";

const NINETY_DAYS = 60 * 60 * 24 * 90;

/**
 * The request's cart owner: the signed-in user, else the guest browser's
 * cart token; with `create`, a browser without one gets a new token (and
 * its cookie) so the first item has a cart to go in. `null` when anonymous
 * without a token and `create` is not set.
 */
export function cartOwner(
  c: AppContext,
  options: { create?: boolean } = {},
): CartOwner | null {
  const userId = c.var.user?.id;
  if (userId) return { userId };
  const token = guestToken(c);
  if (token) return { tokenHash: hashToken(token) };
  if (!options.create) return null;
  const fresh = newOpaqueToken();
  setCookie(c, CART_COOKIE, fresh, {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    maxAge: NINETY_DAYS,
    secure: publicOrigin(c).startsWith("https:"),
  });
  return { tokenHash: hashToken(fresh) };
}

/**
 * Who may see an order from this request: the signed-in user and, in any
 * case, the browser whose cart token placed a guest order.
 */
export function orderOwner(
  c: AppContext,
): { userId?: string; guestTokenHash?: string } {
  const token = guestToken(c);
  return {
    ...(c.var.user ? { userId: c.var.user.id } : {}),
    ...(token ? { guestTokenHash: hashToken(token) } : {}),
  };
}

/**
 * After a sign-in: move the guest cart of this browser into the account's
 * cart (see `mergeGuestCart`). The cookie stays, so guest orders placed in
 * this browser remain visible to it.
 */
export async function mergeCartOnSignIn(
  c: AppContext,
  userId: string,
): Promise<void> {
  const token = guestToken(c);
  if (!token) return;
  await mergeGuestCart(c.var.db.sql, { tokenHash: hashToken(token), userId });
}

/** Forget the browser's cart token (tests and account deletion). */
export function forgetCart(c: AppContext): void {
  deleteCookie(c, CART_COOKIE, { path: "/" });
}

function guestToken(c: AppContext): string | undefined {
  const token = getCookie(c, CART_COOKIE);
  return token && isOpaqueToken(token) ? token : undefined;
}
