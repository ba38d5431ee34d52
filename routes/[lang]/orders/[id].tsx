import {
  taxName as nameOfTax,
  taxRuleFor,
} from "../../../commerce/checkout/mod.ts";
import { can } from "../../../commerce/identity/mod.ts";
import {
  orderFor,
  type OrderView,
  orderView,
} from "../../../commerce/orders/mod.ts";
import {
  type NextAction,
  pendingAction,
} from "../../../commerce/payments/mod.ts";
import {
  gatewayNames,
  orderPaymentLabels,
  stripeConfirmLabels,
} from "../../../components/checkout/labels.ts";
import { OrderDetails } from "../../../components/orders/OrderDetails.tsx";
import { PaymentQr } from "../../../components/orders/PaymentQr.tsx";
import { StatusBadge } from "../../../components/orders/StatusBadge.tsx";
import { orderOwner } from "../../../edge/cart_session.ts";
import type { Head, PageProps, RouteHandler } from "../../../edge/define.ts";
import { allowInCsp } from "../../../edge/middleware/security_headers.ts";
import CancelOrder from "../../../islands/CancelOrder.tsx";
import OrderPayment, {
  type PaymentState,
} from "../../../islands/OrderPayment.tsx";
import StripeConfirm from "../../../islands/StripeConfirm.tsx";

interface OrderPageData {
  order: OrderView;
  /** The tax's name ("VAT") for the destination, when it still has it. */
  taxName: string;
  /** What the checkout or the gateway's page said on the way here. */
  payment: PaymentState;
  reason?: string;
  /** What the shopper must still do at the gateway, shown above the rest. */
  action: { gateway: string; nextAction: NextAction } | null;
  signedIn: boolean;
}

const PAYMENT_STATES: readonly string[] = ["processing", "failed", "action"];

/**
 * The payment area's state from `?payment=` and the latest attempt's
 * pending step. Right after paying (`processing`) or a refusal the step is
 * not shown again (Stripe's form just sent the shopper here); otherwise a
 * step still waiting for the shopper is (they came back without finishing
 * it); `action` without one left means the attempt moved on: watch it.
 */
function paymentState(
  query: string,
  action: OrderPageData["action"],
): { state: PaymentState; action: OrderPageData["action"] } {
  if (query === "processing" || query === "failed") {
    return { state: query, action: null };
  }
  if (action) return { state: "action", action };
  return { state: query === "action" ? "processing" : "awaiting", action };
}

/** A gateway page the shopper may be sent to: https, or a path of ours. */
function safeUrl(url: string): boolean {
  return /^(https:\/\/|\/(?![/\\]))/.test(url);
}

/**
 * `GET /{lang}/orders/{id}`: an order's confirmation and details, for the
 * shopper who placed it (or the guest browser that did) and for admins, by
 * the same rule as `GET /api/orders/{id}`; a 404 page for anyone else.
 * `?payment=processing` (after paying) watches for the payment's
 * confirmation; `?payment=failed&reason=` says why it did not go through;
 * `?payment=action` (and a plain visit) shows the step the gateway waits
 * for (a QR code to scan, Stripe's form, a link back to its page). Only a
 * page with Stripe's form lets Stripe's origins into its CSP.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c, page) {
    const sql = c.var.db.sql;
    const order = await orderFor(sql, c.req.param("id") ?? "", {
      ...orderOwner(c),
      any: can(c.var.user?.roles ?? [], "orders:read"),
    });
    const view = orderView(order, c.var.locale.language);
    const rule = await taxRuleFor(sql, {
      country: order.shippingAddress.country,
      region: order.shippingAddress.region,
    });
    // The order keeps the rate, not the name: name it only while the
    // destination's tax is still the one the order was charged.
    const rate = order.lines[0]?.taxRate;
    const taxName = rate !== undefined && Number(rule.rate) === Number(rate)
      ? nameOfTax(rule.name, c.var.locale.language)
      : "";
    const query = c.req.query("payment") ?? "";
    const { state, action } = paymentState(
      PAYMENT_STATES.includes(query) ? query : "",
      view.canPay ? await pendingAction(sql, order.id) : null,
    );
    if (action?.nextAction.type === "confirm_in_browser") {
      allowInCsp(c, "stripe");
    }
    return page.render(
      {
        order: view,
        taxName,
        payment: state,
        reason: c.req.query("reason")?.slice(0, 60),
        action,
        signedIn: c.var.user !== undefined,
      } satisfies OrderPageData,
    );
  },
};

/** "Order GS-12 · <store>", never indexed. */
export function head({ data, state }: PageProps<OrderPageData>): Head {
  return {
    title: state.t("cart.meta", {
      page: state.t("orders.title", { number: data.order.number }),
      store: state.storeName,
    }),
    noindex: true,
  };
}

/** An order's page. */
export default function OrderPage(
  { data, state, url }: PageProps<OrderPageData>,
) {
  const { t, locale } = state;
  const { language } = locale;
  const { order } = data;
  const placed = new Intl.DateTimeFormat(language, { dateStyle: "long" })
    .format(new Date(order.placedAt));
  const pending = order.status === "pending_payment";
  return (
    <section class="mx-auto max-w-6xl px-4 py-8" data-testid="order-page">
      {data.signedIn && (
        <a
          href={`/${language}/account/orders`}
          class="text-sm font-medium text-indigo-700 hover:underline"
        >
          {t("orders.backToHistory")}
        </a>
      )}
      <div class="mt-2 flex flex-wrap items-center gap-3">
        <h1
          data-testid="order-number"
          class="text-3xl font-extrabold tracking-tight text-gray-900"
        >
          {t("orders.title", { number: order.number })}
        </h1>
        <StatusBadge status={order.status} t={t} />
      </div>
      <p class="mt-2 text-gray-600">
        {t("orders.placedOn", { date: placed })}{" "}
        {t("orders.confirmationSent", { email: order.email })}
      </p>
      {order.status === "paid" && (
        <p
          data-testid="order-thanks"
          class="mt-4 rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-800"
        >
          {t("orders.thanks")}
        </p>
      )}
      {pending && (
        // A gap, not `space-y`: the islands' markers take no margin.
        <div class="mt-6 flex flex-col gap-4">
          {data.action && (
            <PaymentAction
              action={data.action}
              total={order.totals.total.formatted}
              returnUrl={`${url.pathname}?payment=processing`}
              state={state}
            />
          )}
          <OrderPayment
            orderId={order.id}
            pagePath={url.pathname}
            gateway={order.gateway}
            state={data.payment}
            reason={data.reason}
            canPay={order.canPay}
            total={order.totals.total.formatted}
            labels={orderPaymentLabels(t)}
          />
          <p class="text-sm text-gray-600">
            {t("orders.payWith", {
              gateway: gatewayNames(t)[order.gateway] ?? order.gateway,
            })}
          </p>
        </div>
      )}
      <div class="mt-6">
        <OrderDetails
          order={order}
          t={t}
          language={language}
          taxName={data.taxName}
        />
      </div>
      {order.canCancel && (
        <div class="mt-6">
          <CancelOrder
            orderId={order.id}
            labels={{
              cancel: t("orders.cancel"),
              confirm: t("orders.cancelConfirm"),
              cancelling: t("orders.cancelling"),
              errors: {
                illegal_transition: t("orders.cancelTooLate"),
                network: t("checkout.errors.offline"),
                failed: t("orders.cancelFailed"),
              },
            }}
          />
        </div>
      )}
    </section>
  );
}

/**
 * The step a payment waits for, above the payment area: the QR code to
 * scan, Stripe's form (a script of Stripe's, with a word for browsers
 * without JavaScript), or a link back to the gateway's page.
 */
function PaymentAction(
  props: {
    action: NonNullable<OrderPageData["action"]>;
    total: string;
    returnUrl: string;
    state: PageProps["state"];
  },
) {
  const { t, locale } = props.state;
  const { gateway, nextAction } = props.action;
  const gatewayName = gatewayNames(t)[gateway] ?? gateway;
  switch (nextAction.type) {
    case "qr_code":
      return (
        <PaymentQr
          data={nextAction.data}
          gateway={gateway}
          gatewayName={gatewayName}
          total={props.total}
          t={t}
        />
      );
    case "confirm_in_browser":
      return (
        <div>
          <StripeConfirm
            clientSecret={nextAction.clientSecret}
            publishableKey={nextAction.publishableKey}
            returnUrl={props.returnUrl}
            language={locale.language}
            labels={stripeConfirmLabels(t, props.total)}
          />
          <noscript>
            <p class="mt-2 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
              {t("checkout.stripe.noScript")}
            </p>
          </noscript>
        </div>
      );
    case "redirect":
      if (!safeUrl(nextAction.url)) return null;
      return (
        <div
          data-testid="payment-continue"
          class="flex flex-col gap-3 rounded-xl border border-gray-200 bg-white p-5 shadow-sm sm:flex-row sm:items-center sm:justify-between sm:p-6"
        >
          <p class="text-gray-800">
            {t("orders.payment.unfinished", { gateway: gatewayName })}
          </p>
          <a
            href={nextAction.url}
            class="inline-flex shrink-0 justify-center rounded-md bg-indigo-600 px-4 py-2.5 font-semibold text-white shadow-sm hover:bg-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500 focus:ring-offset-2"
          >
            {t("orders.payment.continue", { gateway: gatewayName })}
          </a>
        </div>
      );
  }
}
