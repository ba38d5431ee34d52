import { useSignal } from "@preact/signals";
import { useRef } from "preact/hooks";
import type { QuoteView } from "../commerce/checkout/quote.ts";
import type { OrderView } from "../commerce/orders/view.ts";
import {
  type AddressField,
  AddressFields,
  type AddressLabels,
  type AddressValues,
  type CountryChoice,
  emptyAddress,
  fieldLabel,
  isRequired,
} from "./_AddressFields.tsx";
import {
  ApiFailure,
  callApi,
  messageOf,
  nextStepUrl,
  requestPayment,
} from "./_api.ts";
import {
  type CardErrors,
  CardFields,
  type CardLabels,
  type CardMethod,
  type CardValues,
  emptyCard,
  readCard,
} from "./_CardFields.tsx";
import { plural, type PluralForms } from "./_plural.ts";
import { Totals, type TotalsLabels, totalsView } from "./_Totals.tsx";

/** The translated texts of {@link Checkout}. */
export interface CheckoutLabels {
  contact: string;
  email: string;
  /** "Already have an account?" */
  haveAccount: string;
  signIn: string;
  /** "Signed in as {{email}}" */
  signedInAs: string;
  shippingAddress: string;
  savedAddresses: string;
  newAddress: string;
  billingSame: string;
  billingAddress: string;
  shippingMethod: string;
  /** "{{min}}–{{max}} days" */
  deliveryRange: string;
  /** "{{count}} day(s)" */
  deliveryDays: PluralForms;
  free: string;
  payment: string;
  /** Gateway names by key ("test" → "Test card"). */
  gateways: Record<string, string>;
  noGateway: string;
  summary: string;
  /** "Qty {{quantity}}" */
  quantity: string;
  updating: string;
  /** "Prices held until {{time}}" */
  holdsUntil: string;
  /** The new quote after prices or availability changed. */
  changed: string;
  place: string;
  confirm: string;
  placing: string;
  paying: string;
  /** "{{field}} is required." */
  required: string;
  invalidEmail: string;
  fixErrors: string;
  backToCart: string;
  /** By API error code, plus `failed`. */
  errors: Record<string, string>;
  totals: TotalsLabels;
  address: AddressLabels;
  card: CardLabels;
}

/** A saved address of the account, as the picker shows it. */
export interface SavedAddressChoice {
  id: string;
  /** The formatted lines ("Jonas Weber", "Hauptstr. 1", "10115 Berlin"...). */
  lines: string[];
  country: string;
  region: string;
}

/** Props of {@link Checkout}: small, serializable, translated. */
export interface CheckoutProps {
  language: string;
  signedIn: boolean;
  /** The account's email, when signed in. */
  email?: string;
  /** Sign-in, coming back here. */
  signinHref: string;
  cartHref: string;
  /** `/{lang}/orders`: an order's page is `{ordersBase}/{id}`. */
  ordersBase: string;
  countries: CountryChoice[];
  saved: SavedAddressChoice[];
  /** The address form's first values (the country guessed). */
  address: AddressValues;
  /** The saved address chosen first; "" for a new one. */
  savedId: string;
  /** The quote for the first destination, or why there is none. */
  quote: QuoteView | null;
  quoteError: string;
  /** The options of each variant in the cart, translated, by variant id. */
  optionTexts: Record<string, string>;
  labels: CheckoutLabels;
}

type Errors = Record<string, string>;

const SECTION =
  "rounded-xl border border-gray-200 bg-white p-5 shadow-sm sm:p-6";
const HEADING = "text-lg font-bold tracking-tight text-gray-900";
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key) => values[key] ?? "");
}

/** The amounts that decide whether the shopper must look at a quote again. */
function charges(quote: QuoteView): string {
  return JSON.stringify([
    quote.currency,
    quote.shippingMethod,
    quote.lines.map((l) => [l.variantId, l.quantity, l.lineTotal.amount]),
    quote.totals.total.amount,
    quote.totals.tax.amount,
  ]);
}

/** The API's address problems, as `{field, message}`. */
function addressProblems(
  details: unknown,
): { field: string; message: string; country?: string }[] {
  if (!Array.isArray(details)) return [];
  return details.map((d) => ({
    field: String(d?.field ?? ""),
    message: String(d?.message ?? ""),
    country: d?.params?.country,
  }));
}

/**
 * The checkout: contact email (guests, with a way to sign in and come
 * back), the shipping address with the country's fields or a saved one,
 * billing (the same, or a second address), then a quote from the API that
 * follows the destination and the chosen shipping method, the payment
 * method (card fields for the test gateway), and the order's review with
 * the tax shown the local way. "Place order and pay" places the order at
 * the quote's exact amounts (409 `quote_changed`: the new quote is shown
 * and must be confirmed), then pays it and goes on to the gateway's page
 * or the order's (which shows a QR code or Stripe's form when the gateway
 * asks for one). One submission at a time; a lost connection is retried
 * with the same `Idempotency-Key`.
 */
export default function Checkout(props: CheckoutProps) {
  const { labels } = props;
  const email = useSignal("");
  const savedId = useSignal(props.savedId);
  const shipping = useSignal<AddressValues>(props.address);
  const billingSame = useSignal(true);
  const billing = useSignal<AddressValues>(emptyAddress(props.address.country));
  const quote = useSignal<QuoteView | null>(props.quote);
  const quoteError = useSignal(props.quoteError);
  const quoting = useSignal(false);
  const gateway = useSignal(props.quote?.gateways[0] ?? "");
  // The method the shopper picked shows at once, before its quote arrives.
  const method = useSignal(props.quote?.shippingMethod ?? "");
  const card = useSignal<CardValues>(emptyCard());
  const errors = useSignal<Errors>({});
  const formError = useSignal("");
  const cartLink = useSignal(false);
  const changed = useSignal(false);
  const stage = useSignal<"idle" | "placing" | "paying">("idle");
  const busy = useRef(false);
  const quoteSeq = useRef(0);
  const saved = props.saved.find((s) => s.id === savedId.value);
  const submitting = stage.value !== "idle";

  function destination(): { country: string; region: string } {
    return saved
      ? { country: saved.country, region: saved.region }
      : { country: shipping.value.country, region: shipping.value.region };
  }

  // The latest quote request, so a submission can wait for it.
  const pending = useRef<Promise<void>>(Promise.resolve());

  function requote(shippingMethod?: string): Promise<void> {
    pending.current = fetchQuote(shippingMethod);
    return pending.current;
  }

  async function fetchQuote(shippingMethod?: string) {
    const { country, region } = destination();
    const seq = ++quoteSeq.current;
    if (!country) {
      quote.value = null;
      return;
    }
    quoting.value = true;
    if (shippingMethod) method.value = shippingMethod;
    const wanted = region.trim().toUpperCase();
    const body = {
      country,
      // The API takes region codes; longer names do not change the tax.
      ...(wanted && wanted.length <= 10 ? { region: wanted } : {}),
    };
    try {
      let next: QuoteView;
      try {
        next = await callApi<QuoteView>("POST", "/api/checkout/quote", {
          ...body,
          ...(shippingMethod ? { shippingMethod } : {}),
        });
      } catch (error) {
        // The method chosen for another destination may not ship here.
        if (
          !shippingMethod || !(error instanceof ApiFailure) ||
          error.code !== "shipping_unavailable"
        ) throw error;
        next = await callApi<QuoteView>("POST", "/api/checkout/quote", body);
      }
      if (seq !== quoteSeq.current) return;
      quote.value = next;
      method.value = next.shippingMethod;
      quoteError.value = "";
      if (!next.gateways.includes(gateway.value)) {
        gateway.value = next.gateways[0] ?? "";
      }
    } catch (error) {
      if (seq !== quoteSeq.current) return;
      quote.value = null;
      method.value = "";
      quoteError.value = messageOf(error, labels.errors);
      cartLink.value = error instanceof ApiFailure &&
        ["cart_not_ready", "cart_empty"].includes(error.code);
    } finally {
      if (seq === quoteSeq.current) quoting.value = false;
    }
  }

  /** Forget a field's error once the shopper edits it. */
  function clearError(key: string) {
    if (!errors.value[key]) return;
    const { [key]: _, ...rest } = errors.value;
    errors.value = rest;
    if (
      Object.keys(rest).length === 0 && formError.value === labels.fixErrors
    ) {
      formError.value = "";
    }
  }

  function setAddress(
    which: "shipping" | "billing",
    field: AddressField,
    value: string,
  ) {
    const target = which === "shipping" ? shipping : billing;
    target.value = { ...target.value, [field]: value };
    clearError(`${which}.${field}`);
  }

  function requiredMessage(field: string): string {
    return fill(labels.required, { field });
  }

  function validate(): { errors: Errors; method?: CardMethod } {
    const found: Errors = {};
    if (!props.signedIn) {
      const value = email.value.trim();
      if (!value) found.email = requiredMessage(labels.email);
      else if (!EMAIL.test(value)) found.email = labels.invalidEmail;
    }
    const check = (which: "shipping" | "billing", values: AddressValues) => {
      const country = props.countries.find((c) => c.code === values.country);
      for (const field of Object.keys(values) as AddressField[]) {
        if (isRequired(field, country) && !values[field].trim()) {
          found[`${which}.${field}`] = requiredMessage(
            fieldLabel(field, labels.address, country),
          );
        }
      }
    };
    if (!saved) check("shipping", shipping.value);
    if (!billingSame.value) check("billing", billing.value);
    let method: CardMethod | undefined;
    if (gateway.value === "test") {
      const read = readCard(card.value, labels.card);
      if ("errors" in read) {
        for (const [field, message] of Object.entries(read.errors)) {
          found[`card.${field}`] = message;
        }
      } else method = read.method;
    }
    return { errors: found, method };
  }

  function showErrors(found: Errors) {
    errors.value = found;
    formError.value = labels.fixErrors;
    // Focus the first field with a problem, in the order of the form.
    requestAnimationFrame(() => {
      document.querySelector<HTMLElement>(
        "[data-checkout] [aria-invalid='true']",
      )?.focus();
    });
  }

  function addressBody(values: AddressValues): Record<string, string> {
    // Only the fields given: the API refuses unknown or empty-looking keys.
    return Object.fromEntries(
      Object.entries(values)
        .map(([key, value]) => [key, value.trim()])
        .filter(([, value]) => value !== ""),
    );
  }

  function attributeAddressErrors(details: unknown): Errors {
    // The API checks the shipping address first and reports one address;
    // which one is not said, so tell them apart by what was sent.
    const problems = addressProblems(details);
    let which: "shipping" | "billing" = "shipping";
    if (!billingSame.value) {
      if (saved) which = "billing";
      else if (
        problems.some((p) =>
          p.country && p.country === billing.value.country &&
          p.country !== shipping.value.country
        )
      ) which = "billing";
    }
    const found: Errors = {};
    for (const problem of problems) {
      found[problem.field ? `${which}.${problem.field}` : "form"] =
        problem.message;
    }
    return found;
  }

  async function placeOrder(): Promise<OrderView | null> {
    // At most one automatic confirmation: a quote that changed without
    // changing what the shopper pays (an expiry, a region's spelling).
    for (let round = 0; round < 2; round++) {
      const current = quote.value!;
      try {
        return await callApi<OrderView>("POST", "/api/orders", {
          quoteId: current.id,
          ...(props.signedIn ? {} : { email: email.value.trim() }),
          shipping: saved
            ? { addressId: saved.id }
            : { address: addressBody(shipping.value) },
          ...(billingSame.value
            ? {}
            : { billing: { address: addressBody(billing.value) } }),
          shippingMethod: current.shippingMethod,
          gateway: gateway.value,
        });
      } catch (error) {
        if (!(error instanceof ApiFailure)) throw error;
        if (error.code === "quote_changed") {
          const fresh = (error.details as { quote?: QuoteView })?.quote;
          if (!fresh) throw error;
          const same = charges(fresh) === charges(current);
          quote.value = fresh;
          method.value = fresh.shippingMethod;
          if (same && round === 0 && !changed.value) continue;
          changed.value = true;
          formError.value = labels.changed;
          return null;
        }
        if (error.code === "quote_used") {
          // An earlier attempt went through: that order is the one to pay.
          const orderId = (error.details as { orderId?: string })?.orderId;
          if (orderId) {
            return await callApi<OrderView>("GET", `/api/orders/${orderId}`);
          }
        }
        throw error;
      }
    }
    return null;
  }

  async function pay(order: OrderView, method?: CardMethod) {
    const page = `${props.ordersBase}/${order.id}`;
    let target = `${page}?payment=processing`;
    try {
      const result = await requestPayment({
        orderId: order.id,
        gateway: order.gateway,
        ...(method ? { method } : {}),
        returnUrl: target,
      });
      const step = nextStepUrl(result, page);
      if (step) {
        target = step;
      } else if (result.status === "failed") {
        target = `${page}?payment=failed&reason=${
          encodeURIComponent(result.failureCode ?? "")
        }`;
      }
    } catch (error) {
      // The order is placed: the shopper can pay again from its page.
      const code = error instanceof ApiFailure ? error.code : "failed";
      target = `${page}?payment=failed&reason=${encodeURIComponent(code)}`;
    }
    location.assign(target);
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy.current) return;
    formError.value = "";
    cartLink.value = false;
    const checked = validate();
    if (Object.keys(checked.errors).length > 0) {
      showErrors(checked.errors);
      return;
    }
    errors.value = {};
    busy.current = true;
    stage.value = "placing";
    let leaving = false;
    const seen = quote.value;
    try {
      // Leaving the region field re-quotes as the button is pressed: the
      // shopper pays what they saw, or looks again.
      await pending.current;
      if (!quote.value) return;
      if (seen && charges(seen) !== charges(quote.value)) {
        changed.value = true;
        formError.value = labels.changed;
        return;
      }
      const order = await placeOrder();
      if (order) {
        stage.value = "paying";
        leaving = true;
        await pay(order, checked.method);
      }
    } catch (error) {
      if (error instanceof ApiFailure && error.code === "invalid_address") {
        showErrors(attributeAddressErrors(error.details));
      } else if (
        error instanceof ApiFailure && error.code === "email_required"
      ) {
        showErrors({ email: requiredMessage(labels.email) });
      } else {
        formError.value = messageOf(error, labels.errors);
        cartLink.value = error instanceof ApiFailure &&
          ["out_of_stock", "cart_not_ready", "cart_empty"].includes(error.code);
        if (error instanceof ApiFailure && error.code === "quote_not_found") {
          await requote(method.value || undefined);
        }
      }
    } finally {
      if (!leaving) {
        busy.current = false;
        stage.value = "idle";
      }
    }
  }

  const current = quote.value;
  const times = new Intl.DateTimeFormat(props.language, { timeStyle: "short" });
  const shippingOption = current?.shippingOptions.find((o) =>
    o.key === current.shippingMethod
  );
  const fieldErrors = (which: "shipping" | "billing") =>
    Object.fromEntries(
      Object.entries(errors.value)
        .filter(([key]) => key.startsWith(`${which}.`))
        .map(([key, message]) => [key.slice(which.length + 1), message]),
    );
  const cardErrors = Object.fromEntries(
    Object.entries(errors.value)
      .filter(([key]) => key.startsWith("card."))
      .map(([key, message]) => [key.slice(5), message]),
  ) as CardErrors;

  return (
    <form
      id="checkout-form"
      data-checkout
      data-testid="checkout"
      noValidate
      onSubmit={submit}
      class="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem] lg:items-start"
    >
      <div class="space-y-6">
        <section class={SECTION} aria-labelledby="checkout-contact">
          <h2 id="checkout-contact" class={HEADING}>{labels.contact}</h2>
          {props.signedIn
            ? (
              <p class="mt-3 text-sm text-gray-700" data-testid="signed-in-as">
                {fill(labels.signedInAs, { email: props.email ?? "" })}
              </p>
            )
            : (
              <div class="mt-4">
                <label
                  for="checkout-email"
                  class="block text-sm font-medium text-gray-800"
                >
                  {labels.email}
                </label>
                <input
                  id="checkout-email"
                  type="email"
                  name="email"
                  autocomplete="email"
                  required
                  value={email.value}
                  disabled={submitting}
                  aria-invalid={errors.value.email ? "true" : undefined}
                  aria-describedby={errors.value.email
                    ? "checkout-email-error"
                    : undefined}
                  onInput={(event) => {
                    email.value = event.currentTarget.value;
                    clearError("email");
                  }}
                  class="mt-1 block w-full rounded-md border border-gray-300 bg-white px-3 py-2 text-gray-900 shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500 aria-[invalid]:border-red-500"
                />
                <p
                  id="checkout-email-error"
                  hidden={!errors.value.email}
                  data-field-error={errors.value.email ? "" : undefined}
                  class="mt-1 text-sm text-red-700"
                >
                  {errors.value.email}
                </p>
                <p class="mt-3 text-sm text-gray-600">
                  {labels.haveAccount}{" "}
                  <a
                    href={props.signinHref}
                    data-testid="checkout-signin"
                    class="font-medium text-indigo-600 hover:underline"
                  >
                    {labels.signIn}
                  </a>
                </p>
              </div>
            )}
        </section>

        <section class={SECTION} aria-labelledby="checkout-shipping">
          <h2 id="checkout-shipping" class={HEADING}>
            {labels.shippingAddress}
          </h2>
          {props.saved.length > 0 && (
            <fieldset class="mt-4" data-testid="saved-addresses">
              <legend class="text-sm font-medium text-gray-800">
                {labels.savedAddresses}
              </legend>
              <div class="mt-2 grid gap-3 sm:grid-cols-2">
                {[...props.saved, null].map((choice) => {
                  const id = choice?.id ?? "";
                  return (
                    <label
                      key={id || "new"}
                      class="flex cursor-pointer gap-3 rounded-lg border border-gray-200 p-3 text-sm [&:has(:checked)]:border-indigo-600 [&:has(:checked)]:ring-1 [&:has(:checked)]:ring-indigo-600"
                    >
                      <input
                        type="radio"
                        name="savedAddress"
                        value={id}
                        checked={savedId.value === id}
                        disabled={submitting}
                        onChange={() => {
                          savedId.value = id;
                          requote(method.value || undefined);
                        }}
                        class="mt-1 h-4 w-4 text-indigo-600"
                      />
                      <span class="text-gray-800">
                        {choice
                          ? choice.lines.map((line, index) => (
                            <span key={index} class="block">{line}</span>
                          ))
                          : (
                            <span class="font-medium">{labels.newAddress}</span>
                          )}
                      </span>
                    </label>
                  );
                })}
              </div>
            </fieldset>
          )}
          <div class="mt-4" hidden={Boolean(saved)}>
            <AddressFields
              section="shipping"
              values={shipping.value}
              countries={props.countries}
              labels={labels.address}
              errors={fieldErrors("shipping")}
              disabled={submitting}
              onInput={(field, value) => setAddress("shipping", field, value)}
              onDestination={() => requote(method.value || undefined)}
            />
          </div>
          <label class="mt-5 flex items-center gap-2 text-sm text-gray-800">
            <input
              type="checkbox"
              name="billingSame"
              checked={billingSame.value}
              disabled={submitting}
              onChange={(event) => {
                billingSame.value = event.currentTarget.checked;
              }}
              class="h-4 w-4 rounded border-gray-300 text-indigo-600"
            />
            {labels.billingSame}
          </label>
          {!billingSame.value && (
            <div class="mt-5 border-t border-gray-200 pt-5">
              <h3 class="mb-4 font-semibold text-gray-900">
                {labels.billingAddress}
              </h3>
              <AddressFields
                section="billing"
                values={billing.value}
                countries={props.countries}
                labels={labels.address}
                errors={fieldErrors("billing")}
                disabled={submitting}
                onInput={(field, value) => setAddress("billing", field, value)}
              />
            </div>
          )}
        </section>

        <section class={SECTION} aria-labelledby="checkout-method">
          <h2 id="checkout-method" class={HEADING}>{labels.shippingMethod}</h2>
          <div class="mt-4 space-y-3" data-testid="shipping-options">
            {current?.shippingOptions.map((option) => (
              <label
                key={option.key}
                class="flex cursor-pointer items-center gap-3 rounded-lg border border-gray-200 p-3 text-sm [&:has(:checked)]:border-indigo-600 [&:has(:checked)]:ring-1 [&:has(:checked)]:ring-indigo-600"
              >
                <input
                  type="radio"
                  name="shippingMethod"
                  value={option.key}
                  checked={method.value === option.key}
                  disabled={submitting}
                  onChange={() => requote(option.key)}
                  class="h-4 w-4 text-indigo-600"
                />
                <span class="flex-1">
                  <span class="block font-medium text-gray-900">
                    {option.name}
                  </span>
                  <span class="block text-gray-500">
                    {option.minDays === option.maxDays
                      ? plural(
                        labels.deliveryDays,
                        option.minDays,
                        props.language,
                      )
                      : fill(labels.deliveryRange, {
                        min: String(option.minDays),
                        max: String(option.maxDays),
                      })}
                  </span>
                </span>
                <span class="font-medium text-gray-900">
                  {option.free ? labels.free : option.price.formatted}
                </span>
              </label>
            ))}
            <p hidden={Boolean(current)} class="text-sm text-gray-600">
              {quoteError.value || labels.updating}
            </p>
          </div>
        </section>

        <section class={SECTION} aria-labelledby="checkout-payment">
          <h2 id="checkout-payment" class={HEADING}>{labels.payment}</h2>
          <div class="mt-4 space-y-3">
            {current?.gateways.map((key) => (
              <label
                key={key}
                class="flex cursor-pointer items-center gap-3 rounded-lg border border-gray-200 p-3 text-sm font-medium text-gray-900 [&:has(:checked)]:border-indigo-600 [&:has(:checked)]:ring-1 [&:has(:checked)]:ring-indigo-600"
              >
                <input
                  type="radio"
                  name="gateway"
                  value={key}
                  checked={gateway.value === key}
                  disabled={submitting}
                  onChange={() => {
                    gateway.value = key;
                  }}
                  class="h-4 w-4 text-indigo-600"
                />
                {labels.gateways[key] ?? key}
              </label>
            ))}
            <p
              hidden={!current || current.gateways.length > 0}
              class="text-sm text-rose-700"
            >
              {labels.noGateway}
            </p>
            <div hidden={gateway.value !== "test"} class="pt-2">
              <CardFields
                values={card.value}
                labels={labels.card}
                errors={cardErrors}
                disabled={submitting}
                onInput={(field, value) => {
                  card.value = { ...card.value, [field]: value };
                  clearError(`card.${field}`);
                }}
              />
            </div>
          </div>
        </section>
      </div>

      <aside
        class={`${SECTION} lg:sticky lg:top-4`}
        aria-labelledby="checkout-summary"
        aria-busy={quoting.value ? "true" : undefined}
        data-testid="order-summary"
      >
        <h2 id="checkout-summary" class={HEADING}>{labels.summary}</h2>
        <div
          data-busy={quoting.value ? "" : undefined}
          class="mt-4 transition-opacity data-[busy]:opacity-50"
        >
          <ul
            class="divide-y divide-gray-100 text-sm"
            data-testid="review-lines"
          >
            {current?.lines.map((line) => (
              <li key={line.itemId} class="flex justify-between gap-4 py-2">
                <span class="min-w-0">
                  <span class="block font-medium text-gray-900">
                    {line.name}
                  </span>
                  <span class="block text-gray-500">
                    {[
                      props.optionTexts[line.variantId],
                      fill(labels.quantity, {
                        quantity: String(line.quantity),
                      }),
                    ].filter(Boolean).join(" · ")}
                  </span>
                </span>
                <span class="shrink-0 font-medium text-gray-900">
                  {line.lineTotal.formatted}
                </span>
              </li>
            ))}
          </ul>
          {current && (
            <div class="mt-4 border-t border-gray-200 pt-4">
              <Totals
                view={totalsView(current.totals, {
                  labels: labels.totals,
                  language: props.language,
                  taxInclusive: current.taxInclusive,
                  taxName: current.taxName,
                  taxRate: current.taxRate,
                  freeShipping: shippingOption?.free,
                })}
              />
              <p class="mt-3 text-xs text-gray-500" data-testid="quote-expiry">
                {fill(labels.holdsUntil, {
                  time: times.format(new Date(current.expiresAt)),
                })}
              </p>
            </div>
          )}
        </div>
        <p
          role="status"
          aria-live="polite"
          hidden={!quoting.value}
          class="mt-3 text-sm text-gray-600"
        >
          {labels.updating}
        </p>
        <div
          role="alert"
          hidden={!formError.value && !(quoteError.value && !current)}
          data-testid="checkout-error"
          data-tone={changed.value && formError.value === labels.changed
            ? "info"
            : "error"}
          class="mt-4 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800 data-[tone=info]:border-amber-200 data-[tone=info]:bg-amber-50 data-[tone=info]:text-amber-900"
        >
          {formError.value || quoteError.value}
          {cartLink.value && (
            <>
              {" "}
              <a href={props.cartHref} class="font-semibold underline">
                {labels.backToCart}
              </a>
            </>
          )}
        </div>
        <button
          type="submit"
          data-testid="place-order"
          disabled={submitting || !current || current.gateways.length === 0}
          aria-busy={submitting ? "true" : undefined}
          class="mt-5 w-full rounded-md bg-indigo-600 px-4 py-3 font-semibold text-white shadow-sm hover:bg-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500 focus:ring-offset-2 disabled:cursor-not-allowed disabled:bg-gray-300 disabled:text-gray-600"
        >
          {stage.value === "placing"
            ? labels.placing
            : stage.value === "paying"
            ? labels.paying
            : changed.value
            ? labels.confirm
            : labels.place}
        </button>
      </aside>
    </form>
  );
}
