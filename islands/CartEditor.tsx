import { useSignal } from "@preact/signals";
import { useRef } from "preact/hooks";
import type { CartLineView, CartView } from "../commerce/cart/types.ts";
import { ApiFailure, callApi, messageOf } from "./_api.ts";
import { plural, type PluralForms } from "./_plural.ts";
import { savePreferences } from "./_preferences.ts";

/** The translated texts of {@link CartEditor}. */
export interface CartEditorLabels {
  quantity: string;
  decrease: string;
  increase: string;
  remove: string;
  unitPrice: string;
  lineTotal: string;
  /** "Was {{price}}": the price the shopper saw before it changed. */
  priceChanged: string;
  noPrice: string;
  unavailable: string;
  soldOut: string;
  /** "Only {{count}} left". */
  onlyLeft: PluralForms;
  summary: string;
  subtotal: string;
  /** "{{count}} items". */
  itemCount: PluralForms;
  taxNote: string;
  currency: string;
  checkout: string;
  /** Why checkout waits: lines that cannot be bought as they are. */
  notReady: string;
  updating: string;
  emptyTitle: string;
  emptyBody: string;
  continueShopping: string;
  /** By API error code, plus `failed`. */
  errors: Record<string, string>;
}

/** Props of {@link CartEditor}: the cart as the server read it, and texts. */
export interface CartEditorProps {
  language: string;
  cart: CartView;
  /** Each line's options, translated ("Colour: Black · Size: M"), by line id. */
  optionTexts: Record<string, string>;
  currencies: { code: string; label: string }[];
  checkoutHref: string;
  shopHref: string;
  labels: CartEditorLabels;
}

const BUTTON =
  "flex h-9 w-9 items-center justify-center text-lg text-gray-700 hover:bg-gray-50 disabled:cursor-not-allowed disabled:text-gray-300";

/**
 * The cart: each line with its image, name, options, unit price, a
 * quantity stepper and a remove button, the price it had when the shopper
 * added it if that changed, and what stops it from being bought (sold
 * out, only N left, no longer on sale); then the subtotal, a currency
 * switch and the way to checkout. Every change goes to the cart API and
 * shows the cart it answers. The server renders the same markup, so the
 * cart is readable without JavaScript.
 */
export default function CartEditor(props: CartEditorProps) {
  const { labels, language } = props;
  const cart = useSignal<CartView>(props.cart);
  const busy = useSignal(false);
  const error = useSignal("");
  const currency = useSignal(props.cart.currency);
  const inFlight = useRef(false);
  const view = cart.value;
  const empty = view.items.length === 0;

  async function change(run: () => Promise<CartView>) {
    if (inFlight.current) return;
    inFlight.current = true;
    busy.value = true;
    error.value = "";
    try {
      cart.value = await run();
    } catch (failure) {
      error.value = messageOf(failure, labels.errors);
      // The line may be gone or the stock moved: show the cart as it is.
      if (failure instanceof ApiFailure && failure.status !== 0) {
        cart.value = await callApi<CartView>("GET", "/api/cart").catch(() =>
          cart.value
        );
      }
    } finally {
      inFlight.current = false;
      busy.value = false;
    }
  }

  function setQuantity(line: CartLineView, quantity: number) {
    if (quantity < 1 || quantity > 999 || quantity === line.quantity) return;
    change(() =>
      callApi<CartView>("PATCH", `/api/cart/items/${line.id}`, { quantity })
    );
  }

  function remove(line: CartLineView) {
    change(() => callApi<CartView>("DELETE", `/api/cart/items/${line.id}`));
  }

  function switchCurrency(code: string) {
    const previous = currency.value;
    currency.value = code;
    change(async () => {
      try {
        await savePreferences({ currency: code });
      } catch (failure) {
        currency.value = previous;
        throw failure;
      }
      // The header's picker shows the shopper's currency too.
      const picker = document.querySelector<HTMLSelectElement>(
        "[data-testid=currency-picker]",
      );
      if (picker) picker.value = code;
      return await callApi<CartView>("GET", "/api/cart");
    });
  }

  function problem(line: CartLineView): string {
    switch (line.problem) {
      case "unavailable":
        return labels.unavailable;
      case "no_price":
        return labels.noPrice;
      case "insufficient_stock":
        return line.available > 0
          ? plural(labels.onlyLeft, line.available, language)
          : labels.soldOut;
      default:
        return "";
    }
  }

  return (
    <div
      data-testid="cart"
      data-busy={busy.value ? "" : undefined}
      aria-busy={busy.value ? "true" : undefined}
    >
      <div hidden={!empty} data-testid="cart-empty" class="py-16 text-center">
        <h2 class="text-xl font-semibold text-gray-900">{labels.emptyTitle}</h2>
        <p class="mt-2 text-gray-600">{labels.emptyBody}</p>
        <a
          href={props.shopHref}
          class="mt-6 inline-block rounded-md bg-indigo-600 px-5 py-2.5 font-semibold text-white hover:bg-indigo-500"
        >
          {labels.continueShopping}
        </a>
      </div>
      {/* A wrapper: `hidden` loses to a display class on the same element. */}
      <div hidden={empty}>
        <div class="grid gap-8 lg:grid-cols-[minmax(0,1fr)_20rem] lg:items-start">
          <ul
            class="min-w-0 divide-y divide-gray-200 border-y border-gray-200"
            data-testid="cart-lines"
          >
            {view.items.map((line) => {
              const note = problem(line);
              return (
                <li
                  key={line.id}
                  data-testid="cart-line"
                  data-sku={line.sku}
                  class="flex gap-4 py-5"
                >
                  <a
                    href={`/${language}/p/${line.slug}`}
                    class="h-20 w-20 shrink-0 overflow-hidden rounded-lg bg-gray-100 sm:h-24 sm:w-24"
                  >
                    {line.imageUrl && (
                      <img
                        src={line.imageUrl}
                        alt=""
                        width={96}
                        height={96}
                        loading="lazy"
                        class="h-full w-full object-cover"
                      />
                    )}
                  </a>
                  <div class="flex min-w-0 flex-1 flex-col gap-3 sm:flex-row sm:justify-between">
                    <div class="min-w-0">
                      <a
                        href={`/${language}/p/${line.slug}`}
                        data-testid="line-name"
                        class="font-semibold text-gray-900 hover:text-indigo-700"
                      >
                        {line.name}
                      </a>
                      <p class="text-sm text-gray-500">
                        {props.optionTexts[line.id]}
                      </p>
                      <p class="mt-1 text-sm text-gray-700">
                        <span class="sr-only">{labels.unitPrice}</span>
                        <span data-testid="unit-price">
                          {line.unitPrice?.formatted ?? labels.noPrice}
                        </span>
                      </p>
                      <p
                        hidden={!line.priceChangedFrom}
                        data-testid="price-changed"
                        class="mt-1 text-sm text-amber-800"
                      >
                        {line.priceChangedFrom &&
                          labels.priceChanged.replace(
                            "{{price}}",
                            line.priceChangedFrom.formatted,
                          )}
                      </p>
                      <p
                        hidden={!note}
                        data-testid="line-problem"
                        class="mt-1 text-sm font-medium text-rose-700"
                      >
                        {note}
                      </p>
                    </div>
                    <div class="flex flex-wrap items-center gap-x-4 gap-y-2 sm:flex-col sm:flex-nowrap sm:items-end">
                      <div class="flex items-center rounded-md border border-gray-300">
                        <button
                          type="button"
                          aria-label={labels.decrease}
                          disabled={busy.value || line.quantity <= 1}
                          onClick={() => setQuantity(line, line.quantity - 1)}
                          class={BUTTON}
                        >
                          −
                        </button>
                        <input
                          type="number"
                          inputMode="numeric"
                          min={1}
                          max={999}
                          aria-label={labels.quantity}
                          data-testid="line-quantity"
                          value={line.quantity}
                          disabled={busy.value}
                          onChange={(event) => {
                            const value = Math.trunc(
                              Number(event.currentTarget.value),
                            );
                            if (value >= 1) setQuantity(line, value);
                            else {event.currentTarget.value = String(
                                line.quantity,
                              );}
                          }}
                          class="h-9 w-14 border-x border-gray-300 text-center text-gray-900 [appearance:textfield] focus:outline-none focus:ring-2 focus:ring-inset focus:ring-indigo-500"
                        />
                        <button
                          type="button"
                          aria-label={labels.increase}
                          disabled={busy.value || line.quantity >= 999}
                          onClick={() => setQuantity(line, line.quantity + 1)}
                          class={BUTTON}
                        >
                          +
                        </button>
                      </div>
                      <p class="font-semibold text-gray-900">
                        <span class="sr-only">{labels.lineTotal}</span>
                        <span data-testid="line-total">
                          {line.lineTotal?.formatted ?? ""}
                        </span>
                      </p>
                      <button
                        type="button"
                        data-testid="remove-line"
                        disabled={busy.value}
                        onClick={() => remove(line)}
                        class="text-sm font-medium text-rose-700 hover:underline disabled:text-gray-400"
                      >
                        {labels.remove}
                      </button>
                    </div>
                  </div>
                </li>
              );
            })}
          </ul>

          <section
            aria-labelledby="cart-summary"
            class="rounded-xl border border-gray-200 bg-gray-50 p-5 lg:sticky lg:top-4"
          >
            <h2 id="cart-summary" class="text-lg font-bold text-gray-900">
              {labels.summary}
            </h2>
            <dl class="mt-4 flex items-start justify-between gap-4">
              <dt class="text-gray-700">
                {labels.subtotal}
                <span class="block text-sm text-gray-500">
                  {plural(labels.itemCount, view.itemCount, language)}
                </span>
              </dt>
              <dd data-testid="cart-subtotal" class="text-lg font-bold">
                {view.subtotal.formatted}
              </dd>
            </dl>
            <p class="mt-2 text-sm text-gray-600">{labels.taxNote}</p>
            <label class="mt-4 flex items-center justify-between gap-3 text-sm text-gray-700">
              {labels.currency}
              <select
                data-testid="cart-currency"
                value={currency.value}
                disabled={busy.value}
                onChange={(event) => switchCurrency(event.currentTarget.value)}
                class="rounded-md border border-gray-300 bg-white px-2 py-1 text-sm focus:outline-none focus:ring-2 focus:ring-indigo-500"
              >
                {props.currencies.map((option) => (
                  <option key={option.code} value={option.code}>
                    {option.label}
                  </option>
                ))}
              </select>
            </label>
            <p
              hidden={view.ready}
              data-testid="cart-not-ready"
              class="mt-4 text-sm text-rose-700"
            >
              {labels.notReady}
            </p>
            <a
              href={props.checkoutHref}
              data-testid="checkout-link"
              aria-disabled={view.ready ? undefined : "true"}
              onClick={(event) => {
                if (!view.ready || busy.value) event.preventDefault();
              }}
              class="mt-5 block rounded-md bg-indigo-600 px-4 py-3 text-center font-semibold text-white shadow-sm hover:bg-indigo-500 aria-disabled:pointer-events-none aria-disabled:bg-gray-300 aria-disabled:text-gray-600"
            >
              {labels.checkout}
            </a>
            <p
              role="status"
              aria-live="polite"
              class="text-sm text-gray-600 [&:not(:empty)]:mt-3"
            >
              {busy.value ? labels.updating : ""}
            </p>
            <p
              role="alert"
              hidden={!error.value}
              data-testid="cart-error"
              class="mt-3 text-sm text-rose-700"
            >
              {error.value}
            </p>
          </section>
        </div>
      </div>
    </div>
  );
}
