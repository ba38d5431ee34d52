import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { OrderView } from "../commerce/orders/view.ts";
import type { PaymentSummary } from "../commerce/payments/mod.ts";
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

/**
 * Where an unpaid order's payment stands, as the page knows it: nothing
 * tried yet (`awaiting`), waiting for the gateway's word (`processing`),
 * refused (`failed`), or waiting for the shopper to finish at the gateway
 * (`action`: a QR code to scan, Stripe's form, the gateway's page), which
 * the page shows above.
 */
export type PaymentState = "awaiting" | "processing" | "failed" | "action";

/** The translated texts of {@link OrderPayment}. */
export interface OrderPaymentLabels {
  awaitingTitle: string;
  awaitingBody: string;
  processingTitle: string;
  processingBody: string;
  /** Still no word from the gateway after a while. */
  slowBody: string;
  failedTitle: string;
  /** Finish the step shown above, or start again here. */
  actionBody: string;
  /** "Pay {{total}}". */
  pay: string;
  /** Start a new attempt while one waits for the shopper (no card here). */
  restart: string;
  paying: string;
  /** Why a payment failed, by gateway or API code, plus `failed`. */
  failures: Record<string, string>;
  card: CardLabels;
}

/** Props of {@link OrderPayment}. */
export interface OrderPaymentProps {
  orderId: string;
  /** The order's page, without query: where to land once paid. */
  pagePath: string;
  /** The order's gateway: only `test` takes a card typed on this page. */
  gateway: string;
  state: PaymentState;
  /** The failure's code (`card_declined`...), when `state` is `failed`. */
  reason?: string;
  /** Whether the order can still be paid (see `OrderView.canPay`). */
  canPay: boolean;
  /** The order's total, formatted. */
  total: string;
  /** How often to ask whether the order is paid (ms). */
  pollMs?: number;
  /** How many times to ask before saying it takes long. */
  pollLimit?: number;
  labels: OrderPaymentLabels;
}

const PAY_BUTTON =
  "w-full rounded-md bg-indigo-600 px-4 py-2.5 font-semibold text-white shadow-sm hover:bg-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500 focus:ring-offset-2 disabled:cursor-not-allowed disabled:bg-gray-300 disabled:text-gray-600";
const RESTART_BUTTON =
  "rounded-md border border-indigo-300 bg-white px-4 py-2 text-sm font-semibold text-indigo-700 shadow-sm hover:bg-indigo-100 focus:outline-none focus:ring-2 focus:ring-indigo-500 focus:ring-offset-2 disabled:cursor-not-allowed disabled:text-gray-500";

/**
 * The payment area of an unpaid order. After a payment, and while the
 * shopper finishes one at the gateway (scans the QR code shown above), it
 * asks the order API until the gateway's confirmation has marked the order
 * paid, then shows the page again; after a decline, it says why. While the
 * order can be paid it offers "Pay now": with another card (test gateway),
 * else a button that starts a new attempt at the gateway, whose next step
 * (a gateway page; a QR code or Stripe's form on this page) it follows.
 */
export default function OrderPayment(props: OrderPaymentProps) {
  const { labels } = props;
  const state = useSignal<PaymentState | "slow">(props.state);
  const reason = useSignal(
    props.state === "failed"
      ? labels.failures[props.reason ?? ""] ?? labels.failures.failed
      : "",
  );
  const card = useSignal<CardValues>(emptyCard());
  const errors = useSignal<CardErrors>({});
  const paying = useSignal(false);
  const inFlight = useRef(false);
  const cardHere = props.gateway === "test";

  useEffect(() => {
    const watching = state.value;
    if (watching !== "processing" && watching !== "action") return;
    const pollMs = props.pollMs ?? 1500;
    const pollLimit = props.pollLimit ?? 60;
    let tries = 0;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    async function poll() {
      tries++;
      try {
        const order = await callApi<
          OrderView & {
            payment: Pick<PaymentSummary, "status" | "failureCode"> | null;
          }
        >(
          "GET",
          `/api/orders/${props.orderId}`,
        );
        if (stopped) return;
        if (order.status !== "pending_payment") {
          location.replace(props.pagePath);
          return;
        }
        // The gateway refused it after all (a failed challenge step):
        // say why at once rather than wait for the poll to give up.
        if (order.payment?.status === "failed") {
          const code = order.payment.failureCode ?? "";
          if (watching === "action") {
            // The step shown above (a QR code) is over: show the page
            // without it.
            location.replace(
              `${props.pagePath}?payment=failed&reason=${
                encodeURIComponent(code)
              }`,
            );
            return;
          }
          reason.value = labels.failures[code] ?? labels.failures.failed;
          state.value = "failed";
          return;
        }
      } catch {
        // A failed poll is retried like a pending one.
      }
      if (stopped) return;
      if (watching === "action") {
        // The shopper takes their time (finds their phone): keep asking,
        // less often after a while.
        timer = setTimeout(poll, tries >= pollLimit ? pollMs * 4 : pollMs);
      } else if (tries >= pollLimit) state.value = "slow";
      else timer = setTimeout(poll, pollMs);
    }
    timer = setTimeout(poll, pollMs);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [state.value]);

  async function pay(event: Event) {
    event.preventDefault();
    if (inFlight.current) return;
    // Only the test gateway takes a card typed here; the others take it on
    // their own page or form (each adapter defaults its method).
    let method: CardMethod | undefined;
    if (cardHere) {
      const read = readCard(card.value, labels.card);
      if ("errors" in read) {
        errors.value = read.errors;
        return;
      }
      method = read.method;
    }
    errors.value = {};
    inFlight.current = true;
    paying.value = true;
    let leaving = false;
    try {
      const result = await requestPayment({
        orderId: props.orderId,
        gateway: props.gateway,
        ...(method ? { method } : {}),
        returnUrl: `${props.pagePath}?payment=processing`,
      });
      const step = nextStepUrl(result, props.pagePath);
      if (step) {
        leaving = true;
        location.assign(step);
      } else if (result.status === "failed") {
        reason.value = labels.failures[result.failureCode ?? ""] ??
          labels.failures.failed;
        state.value = "failed";
      } else {
        state.value = "processing";
      }
    } catch (error) {
      if (error instanceof ApiFailure && error.code === "order_not_payable") {
        leaving = true;
        location.replace(props.pagePath);
      } else {
        reason.value = messageOf(error, labels.failures);
        state.value = "failed";
      }
    } finally {
      if (!leaving) {
        inFlight.current = false;
        paying.value = false;
      }
    }
  }

  const current = state.value;
  const tone = current === "failed" ? "failed" : current;
  const canPay = props.canPay && current !== "processing";
  // The step shown above is the way to pay; this only starts over.
  const restart = current === "action" && !cardHere;
  return (
    <section
      data-testid="order-payment"
      data-state={tone}
      aria-live="polite"
      class="rounded-xl border border-indigo-200 bg-indigo-50 p-5 data-[state=failed]:border-rose-200 data-[state=failed]:bg-rose-50"
    >
      <div hidden={current !== "processing"} class="text-indigo-900">
        <p class="flex items-center gap-2 font-semibold">
          <span
            aria-hidden="true"
            class="inline-block h-4 w-4 shrink-0 animate-spin rounded-full border-2 border-indigo-600 border-t-transparent"
          />
          {labels.processingTitle}
        </p>
        <p class="mt-1 text-sm">{labels.processingBody}</p>
      </div>
      <div hidden={current !== "slow"} class="text-indigo-900">
        <p class="font-semibold">{labels.processingTitle}</p>
        <p class="mt-1 text-sm">{labels.slowBody}</p>
      </div>
      <div hidden={current !== "action"} class="text-indigo-900">
        <p class="font-semibold">{labels.awaitingTitle}</p>
        <p class="mt-1 text-sm">{labels.actionBody}</p>
      </div>
      <div hidden={current !== "awaiting"} class="text-indigo-900">
        <p class="font-semibold">{labels.awaitingTitle}</p>
        <p class="mt-1 text-sm">
          {props.canPay
            ? labels.awaitingBody
            : labels.failures.order_not_payable ?? labels.failures.failed}
        </p>
      </div>
      <div
        hidden={current !== "failed"}
        role={current === "failed" ? "alert" : undefined}
        data-testid="payment-failure"
        class="text-rose-900"
      >
        <p class="font-semibold">{labels.failedTitle}</p>
        <p class="mt-1 text-sm">{reason.value}</p>
      </div>
      <form
        hidden={!canPay}
        onSubmit={pay}
        noValidate
        data-testid="pay-now"
        class="mt-4 border-t border-gray-200 pt-4"
      >
        {cardHere && (
          <div class="mb-4">
            <CardFields
              values={card.value}
              labels={labels.card}
              errors={errors.value}
              disabled={paying.value}
              onInput={(field, value) => {
                card.value = { ...card.value, [field]: value };
                if (errors.value[field]) {
                  errors.value = {
                    ...errors.value,
                    [field]: undefined,
                  };
                }
              }}
            />
          </div>
        )}
        <button
          type="submit"
          data-testid="pay-now-button"
          data-kind={restart ? "restart" : "pay"}
          disabled={paying.value}
          aria-busy={paying.value ? "true" : undefined}
          class={restart ? RESTART_BUTTON : PAY_BUTTON}
        >
          {paying.value
            ? labels.paying
            : restart
            ? labels.restart
            : labels.pay.replace("{{total}}", props.total)}
        </button>
      </form>
    </section>
  );
}
