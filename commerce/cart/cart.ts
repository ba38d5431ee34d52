/**
 * Carts: persisted in Postgres, owned by an account or by a guest browser,
 * priced on every read in the shopper's current currency from the
 * catalog's price index, so changing currency re-prices the cart.
 *
 * @module
 */
import type postgres from "postgres";
import type { Sql } from "../../db/client.ts";
import {
  OutOfStockError,
  type SellableVariant,
  sellableVariants,
} from "../catalog/mod.ts";
import type { Language } from "../localization/mod.ts";
import {
  type Money,
  moneyView,
  multiplyMoney,
  parseMoney,
  sumMoney,
} from "../pricing/mod.ts";
import { CartItemNotFound, VariantNotFound } from "./errors.ts";
import type {
  CartLine,
  CartLineView,
  CartOwner,
  CartView,
  LineProblem,
} from "./types.ts";

type Db = Sql | postgres.TransactionSql;

/** The most units of one variant a cart line holds. */
export const MAX_LINE_QUANTITY = 999;

/** The language and currency a cart is priced and named in. */
export interface CartLocale {
  currency: string;
  language: Language;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The id of `owner`'s cart, or `null` when it has none yet. */
export async function findCart(
  sql: Db,
  owner: CartOwner,
): Promise<string | null> {
  const [row] = "userId" in owner
    ? await sql`select id from cart.carts where user_id = ${owner.userId}`
    : await sql`select id from cart.carts where token_hash = ${owner.tokenHash}`;
  return row?.id ?? null;
}

async function ensureCart(sql: Db, owner: CartOwner): Promise<string> {
  const userId = "userId" in owner ? owner.userId : null;
  const tokenHash = "tokenHash" in owner ? owner.tokenHash : null;
  const [created] = await sql`
    insert into cart.carts (user_id, token_hash) values (${userId}, ${tokenHash})
    on conflict do nothing returning id`;
  return created?.id ?? (await findCart(sql, owner))!;
}

/**
 * Lock `owner`'s cart row for the rest of the caller's transaction, so
 * two checkouts of one cart (two tabs, two quotes) run one after the
 * other: the second finds the cart emptied. Resolves its id, or `null`.
 */
export async function lockCart(
  tx: postgres.TransactionSql,
  owner: CartOwner,
): Promise<string | null> {
  const [row] = "userId" in owner
    ? await tx`select id from cart.carts where user_id = ${owner.userId} for update`
    : await tx`
        select id from cart.carts where token_hash = ${owner.tokenHash} for update`;
  return row?.id ?? null;
}

/** The lines of a cart, oldest first (what checkout prices). */
export async function cartLines(sql: Db, cartId: string): Promise<CartLine[]> {
  const rows = await sql`
    select id, variant_id, quantity from cart.items
    where cart_id = ${cartId} order by created_at, id`;
  return rows.map((r) => ({
    id: r.id,
    variantId: r.variant_id,
    quantity: r.quantity,
  }));
}

/** `owner`'s cart priced for `locale`; an empty view when there is none. */
export async function getCart(
  sql: Sql,
  options: { owner: CartOwner | null } & CartLocale,
): Promise<CartView> {
  if (!options.owner) return await viewCart(sql, null, options);
  // The cart and its lines in one round trip: this is the hot read.
  const owner = options.owner;
  const rows = await sql`
    select c.id as cart_id, i.id, i.variant_id, i.quantity,
      i.seen_amount::text, i.seen_currency
    from cart.carts c left join cart.items i on i.cart_id = c.id
    where ${
    "userId" in owner
      ? sql`c.user_id = ${owner.userId}`
      : sql`c.token_hash = ${owner.tokenHash}`
  }
    order by i.created_at, i.id`;
  const cartId = rows[0]?.cart_id ?? null;
  const lines = rows.filter((row) => row.id !== null) as unknown as ItemRow[];
  return await viewCart(sql, cartId, options, lines);
}

interface ItemRow {
  id: string;
  variant_id: string;
  quantity: number;
  seen_amount: string;
  seen_currency: string;
}

/**
 * Add `quantity` units of a variant (to its line, if the cart has one).
 * Throws `VariantNotFound` (404) for a variant not on sale and
 * `OutOfStockError` (409) when the line would hold more than is available.
 */
export async function addItem(
  sql: Sql,
  options:
    & { owner: CartOwner; variantId: string; quantity: number }
    & CartLocale,
): Promise<CartView> {
  const { owner, variantId, quantity } = options;
  const variant = await onSale(sql, variantId, options);
  const cartId = await sql.begin(async (tx) => {
    const cartId = await ensureCart(tx, owner);
    const [line] = await tx`
      select quantity from cart.items
      where cart_id = ${cartId} and variant_id = ${variant.variantId} for update`;
    const wanted = (line?.quantity ?? 0) + quantity;
    checkStock(variant, wanted);
    const seen = seenPrice(variant, options.currency);
    await tx`
      insert into cart.items (cart_id, variant_id, quantity, seen_amount, seen_currency)
      values (${cartId}, ${variant.variantId}, ${wanted}, ${seen.amount}, ${seen.currency})
      on conflict (cart_id, variant_id) do update set quantity = excluded.quantity,
        seen_amount = excluded.seen_amount, seen_currency = excluded.seen_currency,
        updated_at = now()`;
    await touch(tx, cartId);
    return cartId;
  });
  return await viewCart(sql, cartId, options);
}

/**
 * Set a line's quantity (the shopper has now seen its current price).
 * Throws `CartItemNotFound` (404) for a line not in `owner`'s cart and
 * `OutOfStockError` (409) above what is available.
 */
export async function updateItem(
  sql: Sql,
  options: { owner: CartOwner; itemId: string; quantity: number } & CartLocale,
): Promise<CartView> {
  const { owner, itemId, quantity } = options;
  const cartId = await findCart(sql, owner);
  const item = cartId ? await lineOf(sql, cartId, itemId) : null;
  if (!cartId || !item) throw new CartItemNotFound(itemId);
  const variant = await onSale(sql, item.variantId, options);
  checkStock(variant, quantity);
  const seen = seenPrice(variant, options.currency);
  await sql`
    update cart.items set quantity = ${quantity}, seen_amount = ${seen.amount},
      seen_currency = ${seen.currency}, updated_at = now()
    where id = ${itemId} and cart_id = ${cartId}`;
  await touch(sql, cartId);
  return await viewCart(sql, cartId, options);
}

/** Remove a line; `CartItemNotFound` (404) when `owner`'s cart lacks it. */
export async function removeItem(
  sql: Sql,
  options: { owner: CartOwner; itemId: string } & CartLocale,
): Promise<CartView> {
  const cartId = await findCart(sql, options.owner);
  const removed = cartId && UUID.test(options.itemId)
    ? await sql`
        delete from cart.items where id = ${options.itemId} and cart_id = ${cartId}
        returning id`
    : [];
  if (!removed.length) throw new CartItemNotFound(options.itemId);
  await touch(sql, cartId!);
  return await viewCart(sql, cartId, options);
}

/**
 * Move a guest browser's cart into the account's on sign-in: lines of the
 * same variant add up, capped by the stock available (and by
 * {@link MAX_LINE_QUANTITY}); variants no longer on sale are dropped. The
 * guest cart is gone afterwards. Resolves the number of lines merged.
 */
export async function mergeGuestCart(
  sql: Sql,
  options: { tokenHash: string; userId: string },
): Promise<number> {
  return await sql.begin(async (tx) => {
    const guestId = await findCart(tx, { tokenHash: options.tokenHash });
    if (!guestId) return 0;
    const guest = await tx`
      select variant_id, quantity, seen_amount::text, seen_currency
      from cart.items where cart_id = ${guestId} for update`;
    const userCart = await ensureCart(tx, { userId: options.userId });
    const existing = new Map(
      (await tx`
        select variant_id, quantity from cart.items
        where cart_id = ${userCart} for update`)
        .map((r) => [r.variant_id as string, r.quantity as number]),
    );
    const variants = await sellableVariants(tx, {
      variantIds: guest.map((g) => g.variant_id),
      // Only availability matters here; prices are read on every view.
      currency: guest[0]?.seen_currency ?? "USD",
      language: "en",
    });
    let merged = 0;
    for (const line of guest) {
      const variant = variants.get(line.variant_id);
      if (!variant?.active) continue;
      const wanted = (existing.get(line.variant_id) ?? 0) + line.quantity;
      const quantity = Math.min(wanted, variant.available, MAX_LINE_QUANTITY);
      if (quantity < 1) continue;
      await tx`
        insert into cart.items (cart_id, variant_id, quantity, seen_amount, seen_currency)
        values (${userCart}, ${line.variant_id}, ${quantity}, ${line.seen_amount},
          ${line.seen_currency})
        on conflict (cart_id, variant_id) do update set quantity = excluded.quantity,
          updated_at = now()`;
      merged++;
    }
    await tx`delete from cart.carts where id = ${guestId}`;
    await touch(tx, userCart);
    return merged;
  });
}

/** Empty a cart (its order was placed), on the caller's transaction. */
export async function clearCart(
  tx: postgres.TransactionSql,
  cartId: string,
): Promise<void> {
  await tx`delete from cart.items where cart_id = ${cartId}`;
  await touch(tx, cartId);
}

async function viewCart(
  sql: Db,
  cartId: string | null,
  locale: CartLocale,
  lines?: readonly ItemRow[],
): Promise<CartView> {
  const { currency, language } = locale;
  const rows: readonly ItemRow[] = lines ?? (cartId
    ? await sql<ItemRow[]>`
        select id, variant_id, quantity, seen_amount::text, seen_currency
        from cart.items where cart_id = ${cartId} order by created_at, id`
    : []);
  const variants = await sellableVariants(sql, {
    variantIds: rows.map((r) => r.variant_id),
    currency,
    language,
  });
  const view = (money: Money) => moneyView(money, language);
  const totals: Money[] = [];
  const items = rows.flatMap((row): CartLineView[] => {
    const variant = variants.get(row.variant_id);
    // A variant deleted from the catalog: nothing left to show or sell.
    if (!variant) return [];
    const unit = variant.price
      ? parseMoney(variant.price.amount, currency)
      : null;
    const total = unit ? multiplyMoney(unit, row.quantity) : null;
    if (total) totals.push(total);
    const seen = row.seen_currency === currency
      ? parseMoney(row.seen_amount, currency)
      : null;
    return [{
      id: row.id,
      variantId: variant.variantId,
      productId: variant.productId,
      sku: variant.sku,
      name: variant.name,
      slug: variant.slug,
      options: variant.options,
      imageUrl: variant.imageUrl,
      quantity: row.quantity,
      available: variant.available,
      unitPrice: unit && view(unit),
      lineTotal: total && view(total),
      priceChangedFrom: unit && seen && seen.amount !== unit.amount
        ? view(seen)
        : null,
      problem: problemOf(variant, row.quantity),
    }];
  });
  return {
    id: cartId,
    currency,
    items,
    itemCount: items.reduce((sum, item) => sum + item.quantity, 0),
    subtotal: view(sumMoney(currency, totals)),
    ready: items.length > 0 && items.every((item) => item.problem === null),
  };
}

function problemOf(
  variant: SellableVariant,
  quantity: number,
): LineProblem | null {
  if (!variant.active) return "unavailable";
  if (!variant.price) return "no_price";
  if (variant.available < quantity) return "insufficient_stock";
  return null;
}

async function onSale(
  sql: Db,
  variantId: string,
  locale: CartLocale,
): Promise<SellableVariant> {
  const variant =
    (await sellableVariants(sql, { variantIds: [variantId], ...locale }))
      .get(variantId);
  if (!variant?.active) throw new VariantNotFound(variantId);
  return variant;
}

function checkStock(variant: SellableVariant, quantity: number): void {
  if (quantity > variant.available || quantity > MAX_LINE_QUANTITY) {
    throw new OutOfStockError({
      variantId: variant.variantId,
      sku: variant.sku,
      requested: quantity,
      available: Math.min(variant.available, MAX_LINE_QUANTITY),
    });
  }
}

// The price the shopper is shown now, remembered on the line; the base
// price stands in while the currency has no rate (the line is flagged).
function seenPrice(variant: SellableVariant, currency: string) {
  return variant.price
    ? { amount: variant.price.amount, currency }
    : { amount: variant.basePrice, currency: "XXX" };
}

async function lineOf(sql: Db, cartId: string, itemId: string) {
  if (!UUID.test(itemId)) return null;
  const [row] = await sql`
    select variant_id from cart.items where id = ${itemId} and cart_id = ${cartId}`;
  return row ? { variantId: row.variant_id as string } : null;
}

async function touch(sql: Db, cartId: string): Promise<void> {
  await sql`update cart.carts set updated_at = now() where id = ${cartId}`;
}
