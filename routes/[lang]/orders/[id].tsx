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
  gatewayNames,
  orderPaymentLabels,
} from "../../../components/checkout/labels.ts";
import { OrderDetails } from "../../../components/orders/OrderDetails.tsx";
import { StatusBadge } from "../../../components/orders/StatusBadge.tsx";
import { orderOwner } from "../../../edge/cart_session.ts";
import type { Head, PageProps, RouteHandler } from "../../../edge/define.ts";
import CancelOrder from "../../../islands/CancelOrder.tsx";
import OrderPayment, {
  type PaymentState,
} from "../../../islands/OrderPayment.tsx";

interface OrderPageData {
  order: OrderView;
  /** The tax's name ("VAT") for the destination, when it still has it. */
  taxName: string;
  /** What the checkout or the gateway's page said on the way here. */
  payment: PaymentState;
  reason?: string;
  signedIn: boolean;
}

const PAYMENT_STATES: readonly string[] = ["processing", "failed"];

/**
 * `GET /{lang}/orders/{id}`: an order's confirmation and details, for the
 * shopper who placed it (or the guest browser that did) and for admins, by
 * the same rule as `GET /api/orders/{id}`; a 404 page for anyone else.
 * `?payment=processing` (after paying) watches for the payment's
 * confirmation; `?payment=failed&reason=` says why it did not go through.
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
    const payment = c.req.query("payment") ?? "";
    return page.render(
      {
        order: view,
        taxName,
        payment: PAYMENT_STATES.includes(payment)
          ? payment as PaymentState
          : "awaiting",
        reason: c.req.query("reason")?.slice(0, 60),
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
        <div class="mt-6 space-y-4">
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
