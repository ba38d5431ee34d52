import { useSignal } from "@preact/signals";
import type { CartView } from "../commerce/cart/types.ts";
import { ApiFailure, callApi, messageOf } from "./_api.ts";
import { plural, type PluralForms } from "./_plural.ts";

/** The translated texts of {@link AddToCart}. */
export interface AddToCartLabels {
  quantity: string;
  add: string;
  adding: string;
  /** "Added to your cart." */
  added: string;
  viewCart: string;
  soldOut: string;
  /** "Only {{count}} left" when asking for more than is available. */
  onlyLeft: PluralForms;
  /** Messages by API error code, plus `failed` for anything else. */
  errors: Record<string, string>;
}

/** What the product page passes besides the variant. */
export interface AddToCartSettings {
  language: string;
  /** The cart page, `/{lang}/cart`. */
  cartHref: string;
  labels: AddToCartLabels;
}

/** Props of {@link AddToCart}. */
export interface AddToCartProps extends AddToCartSettings {
  variantId: string;
  soldOut: boolean;
}

/**
 * Quantity and "Add to cart" for one variant: posts to the cart API, then
 * says so with a link to the cart, or explains why not (sold out, only N
 * left). Disabled while sold out and while adding. The variant picker
 * renders it for the chosen variant; a product with one variant gets it as
 * an island of its own.
 */
export default function AddToCart(props: AddToCartProps) {
  const { labels } = props;
  const quantity = useSignal(1);
  const state = useSignal<"idle" | "adding" | "added" | "failed">("idle");
  const message = useSignal("");
  const busy = state.value === "adding";

  async function add(event: Event) {
    event.preventDefault();
    if (busy || props.soldOut) return;
    state.value = "adding";
    try {
      await callApi<CartView>("POST", "/api/cart/items", {
        variantId: props.variantId,
        quantity: quantity.value,
      });
      state.value = "added";
    } catch (error) {
      const available = error instanceof ApiFailure &&
          error.code === "out_of_stock"
        ? Number((error.details as { available?: number })?.available ?? 0)
        : 0;
      message.value = available > 0
        ? plural(labels.onlyLeft, available, props.language)
        : messageOf(error, labels.errors);
      state.value = "failed";
    }
  }

  return (
    <form
      data-testid="add-to-cart"
      onSubmit={add}
      class="mt-6 flex flex-wrap items-end gap-3"
    >
      <label class="flex flex-col text-sm font-medium text-gray-700">
        {labels.quantity}
        <input
          type="number"
          name="quantity"
          inputMode="numeric"
          min={1}
          max={999}
          value={quantity.value}
          disabled={props.soldOut}
          onInput={(event) => {
            const value = Math.trunc(Number(event.currentTarget.value));
            quantity.value = Math.min(999, Math.max(1, value || 1));
          }}
          class="mt-1 w-20 rounded-md border border-gray-300 px-3 py-2 text-gray-900 shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-500 disabled:bg-gray-100"
        />
      </label>
      <button
        type="submit"
        data-testid="add-to-cart-button"
        disabled={props.soldOut || busy}
        aria-busy={busy ? "true" : undefined}
        class="min-w-[12rem] flex-1 rounded-md bg-indigo-600 px-6 py-2.5 font-semibold text-white shadow-sm hover:bg-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500 focus:ring-offset-2 disabled:cursor-not-allowed disabled:bg-gray-300 disabled:text-gray-600"
      >
        {props.soldOut ? labels.soldOut : busy ? labels.adding : labels.add}
      </button>
      <p
        role="status"
        aria-live="polite"
        data-testid="add-to-cart-status"
        data-state={state.value}
        class="w-full text-sm data-[state=added]:text-emerald-700 data-[state=failed]:text-rose-700"
      >
        <span hidden={state.value !== "added"}>
          {labels.added}{" "}
          <a
            href={props.cartHref}
            data-testid="view-cart"
            class="font-semibold underline hover:text-emerald-900"
          >
            {labels.viewCart}
          </a>
        </span>
        <span hidden={state.value !== "failed"}>{message.value}</span>
      </p>
    </form>
  );
}
