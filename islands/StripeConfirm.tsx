import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";

/** The translated texts of {@link StripeConfirm}. */
export interface StripeConfirmLabels {
  title: string;
  /** "Your card details go straight to Stripe..." */
  secure: string;
  /** "Pay 12,00 €", the total filled in. */
  pay: string;
  paying: string;
  loading: string;
  /** Stripe.js or its form did not load (offline, a blocker). */
  unavailable: string;
  retry: string;
  /** Stripe gave no message of its own. */
  failed: string;
}

/** Props of {@link StripeConfirm}: small, serializable, translated. */
export interface StripeConfirmProps {
  /**
   * The PaymentIntent's client secret: made for the browser, it lets
   * Stripe.js confirm this one payment and nothing else.
   */
  clientSecret: string;
  publishableKey: string;
  /** Where Stripe sends the shopper after confirming (a path or a URL). */
  returnUrl: string;
  /** The page's language, for Stripe's own texts. */
  language: string;
  /** How long to wait for Stripe's form before giving up (ms). */
  loadTimeoutMs?: number;
  labels: StripeConfirmLabels;
}

// The little of Stripe.js this island uses (no npm types: the script
// comes from Stripe's server, never from our bundle).
interface StripeElement {
  mount(target: HTMLElement): void;
  on(event: "ready" | "loaderror", handler: () => void): void;
  destroy(): void;
}
interface StripeElements {
  create(type: "payment", options?: Record<string, unknown>): StripeElement;
}
interface StripeJs {
  elements(options: { clientSecret: string; locale?: string }): StripeElements;
  confirmPayment(options: {
    elements: StripeElements;
    confirmParams: { return_url: string };
  }): Promise<{ error?: { type?: string; message?: string } }>;
}
type StripeFactory = (publishableKey: string) => StripeJs;

const STRIPE_JS = "https://js.stripe.com/v3/";
let loading: Promise<StripeFactory> | undefined;

function stripeGlobal(): StripeFactory | undefined {
  return (globalThis as { Stripe?: StripeFactory }).Stripe;
}

/**
 * Stripe.js, injected once per page: Stripe requires it to load from its
 * own server (PCI), so it is not bundled. A failure is forgotten, so a
 * retry injects it again.
 */
function loadStripe(timeoutMs: number): Promise<StripeFactory> {
  const ready = stripeGlobal();
  if (ready) return Promise.resolve(ready);
  loading ??= new Promise<StripeFactory>((resolve, reject) => {
    const script = document.createElement("script");
    script.src = STRIPE_JS;
    script.async = true;
    const timer = setTimeout(() => fail(), timeoutMs);
    function fail() {
      clearTimeout(timer);
      script.remove();
      loading = undefined;
      reject(new Error("Stripe.js did not load"));
    }
    script.onerror = fail;
    script.onload = () => {
      clearTimeout(timer);
      const stripe = stripeGlobal();
      if (stripe) resolve(stripe);
      else fail();
    };
    document.head.append(script);
  });
  return loading;
}

/**
 * Stripe's Payment Element on the order page, for a payment Stripe wants
 * confirmed in the browser: the card data goes from Stripe's own frames
 * to Stripe, never through the store. Loads Stripe.js, mounts the form,
 * and on "Pay" confirms the payment; Stripe then sends the shopper to
 * `returnUrl` (the order page, which watches for the webhook). Says so
 * when Stripe.js cannot load (offline, blocked) and shows the message
 * Stripe gives for a refused card.
 */
export default function StripeConfirm(props: StripeConfirmProps) {
  const { labels } = props;
  const stage = useSignal<
    "loading" | "ready" | "paying" | "unavailable"
  >("loading");
  const error = useSignal("");
  const attempt = useSignal(0);
  const target = useRef<HTMLDivElement>(null);
  const stripe = useRef<{ js: StripeJs; elements: StripeElements } | null>(
    null,
  );

  useEffect(() => {
    let stopped = false;
    let element: StripeElement | undefined;
    const timeoutMs = props.loadTimeoutMs ?? 20_000;
    // The script may load while its form (Stripe's API) stays blocked.
    const timer = setTimeout(() => {
      if (stage.value === "loading") stage.value = "unavailable";
    }, timeoutMs);
    stage.value = "loading";
    error.value = "";
    loadStripe(timeoutMs).then((factory) => {
      if (stopped || !target.current) return;
      const js = factory(props.publishableKey);
      const elements = js.elements({
        clientSecret: props.clientSecret,
        locale: props.language,
      });
      element = elements.create("payment");
      element.on("ready", () => {
        clearTimeout(timer);
        if (!stopped) stage.value = "ready";
      });
      element.on("loaderror", () => {
        clearTimeout(timer);
        if (!stopped) stage.value = "unavailable";
      });
      element.mount(target.current);
      stripe.current = { js, elements };
    }).catch(() => {
      clearTimeout(timer);
      if (!stopped) stage.value = "unavailable";
    });
    return () => {
      stopped = true;
      clearTimeout(timer);
      element?.destroy();
      stripe.current = null;
    };
  }, [attempt.value]);

  async function pay(event: Event) {
    event.preventDefault();
    const loaded = stripe.current;
    if (!loaded || stage.value !== "ready") return;
    stage.value = "paying";
    error.value = "";
    try {
      // On success Stripe leaves for `return_url`; an answer is an error.
      const result = await loaded.js.confirmPayment({
        elements: loaded.elements,
        confirmParams: {
          return_url: new URL(props.returnUrl, location.href).href,
        },
      });
      // Card and form problems come with a message for the shopper, in
      // the page's language; anything else gets ours.
      const type = result.error?.type;
      error.value = (type === "card_error" || type === "validation_error") &&
          result.error?.message
        ? result.error.message
        : labels.failed;
    } catch {
      error.value = labels.failed;
    }
    stage.value = "ready";
  }

  const current = stage.value;
  return (
    <form
      data-testid="stripe-confirm"
      data-stage={current}
      onSubmit={pay}
      noValidate
      class="rounded-xl border border-gray-200 bg-white p-5 shadow-sm sm:p-6"
    >
      <h2 class="text-lg font-bold tracking-tight text-gray-900">
        {labels.title}
      </h2>
      <p class="mt-1 text-sm text-gray-600">{labels.secure}</p>
      <div hidden={current !== "loading"} data-testid="stripe-loading">
        <p class="mt-4 flex items-center gap-2 text-sm text-gray-700">
          <span
            aria-hidden="true"
            class="inline-block h-4 w-4 shrink-0 animate-spin rounded-full border-2 border-indigo-600 border-t-transparent"
          />
          {labels.loading}
        </p>
      </div>
      <div
        hidden={current === "unavailable"}
        ref={target}
        class="mt-4"
        data-testid="stripe-element"
      />
      <div
        hidden={current !== "unavailable"}
        role={current === "unavailable" ? "alert" : undefined}
        data-testid="stripe-unavailable"
        class="mt-4 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
      >
        <p>{labels.unavailable}</p>
        <button
          type="button"
          onClick={() => attempt.value++}
          class="mt-3 rounded-md border border-amber-300 bg-white px-3 py-1.5 font-semibold text-amber-900 hover:bg-amber-100 focus:outline-none focus:ring-2 focus:ring-amber-500"
        >
          {labels.retry}
        </button>
      </div>
      <p
        hidden={!error.value}
        role={error.value ? "alert" : undefined}
        data-testid="stripe-error"
        class="mt-4 text-sm font-medium text-rose-700"
      >
        {error.value}
      </p>
      <button
        type="submit"
        hidden={current === "unavailable"}
        disabled={current !== "ready"}
        aria-busy={current === "paying" ? "true" : undefined}
        data-testid="stripe-pay"
        class="mt-4 w-full rounded-md bg-indigo-600 px-4 py-2.5 font-semibold text-white shadow-sm hover:bg-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500 focus:ring-offset-2 disabled:cursor-not-allowed disabled:bg-gray-300 disabled:text-gray-600"
      >
        {current === "paying" ? labels.paying : labels.pay}
      </button>
    </form>
  );
}
