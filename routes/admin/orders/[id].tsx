import { can } from "../../../commerce/identity/mod.ts";
import {
  type AdminOrderView,
  adminOrderView,
  orderById,
} from "../../../commerce/orders/mod.ts";
import {
  formatMoney,
  parseMoney,
  subtractMoney,
  sumMoney,
  toDecimalString,
} from "../../../commerce/pricing/mod.ts";
import {
  Card,
  TableFrame,
  TD,
  TH,
  TH_END,
} from "../../../components/admin/ui.tsx";
import { orderActionLabels } from "../../../components/admin/labels.ts";
import { OrderDetails } from "../../../components/orders/OrderDetails.tsx";
import { StatusBadge } from "../../../components/orders/StatusBadge.tsx";
import { gatewayNames } from "../../../components/checkout/labels.ts";
import { staffActor } from "../../../edge/admin.ts";
import type { Head, PageProps, RouteHandler } from "../../../edge/define.ts";
import { NotFound } from "../../../edge/errors.ts";
import AdminOrderActions, {
  type AdminOrderActionsProps,
} from "../../../islands/AdminOrderActions.tsx";
import { currencyDigits } from "../../../islands/_admin_forms.ts";
import {
  orderPayments,
  type TransactionView,
} from "../../api/admin/orders/_payments.ts";
import { adminHead, type AdminPageData, adminShell } from "../_shell.ts";

interface OrderPageData {
  order: AdminOrderView;
  payments: TransactionView[];
  refunds: TransactionView[];
  refund: AdminOrderActionsProps["refund"];
  canWrite: boolean;
}

// Money was taken for orders in these, so some may be given back.
const REFUNDABLE = new Set([
  "paid",
  "packed",
  "shipped",
  "delivered",
  "partially_refunded",
]);

/**
 * What is left to refund: captured payments minus refunds that went
 * through or may still; `null` when nothing is.
 */
function refundable(
  order: AdminOrderView,
  payments: TransactionView[],
  refunds: TransactionView[],
  language: string,
): OrderPageData["refund"] {
  if (!REFUNDABLE.has(order.status)) return null;
  const money = (items: TransactionView[]) =>
    sumMoney(
      order.currency,
      items.map((item) => parseMoney(item.amount.amount, order.currency)),
    );
  const left = subtractMoney(
    money(payments.filter((p) => p.status === "succeeded")),
    money(
      refunds.filter((r) => r.status === "succeeded" || r.status === "pending"),
    ),
  );
  if (left.amount <= 0n) return null;
  return {
    currency: order.currency,
    digits: currencyDigits(order.currency),
    max: toDecimalString(left),
    maxFormatted: formatMoney(left, language),
  };
}

/**
 * `GET /admin/orders/{id}`: one order as staff see it: lines, totals,
 * addresses, parcels, its timeline with who moved it, its payments and
 * refunds, and (for staff allowed `orders:write`) what can be done next.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c, page) {
    const actor = staffActor(c, "orders:read");
    const { sql } = c.var.db;
    const id = c.req.param("id") ?? "";
    const record = await orderById(sql, id);
    if (!record) throw new NotFound(`No order '${id}'`);
    const { language } = c.var.locale;
    const order = adminOrderView(record, language);
    const { payments, refunds } = await orderPayments(sql, order.id, language);
    return page.render(
      {
        shell: await adminShell(c),
        order,
        payments,
        refunds,
        refund: refundable(order, payments, refunds, language),
        canWrite: can(actor.roles, "orders:write"),
      } satisfies AdminPageData<OrderPageData>,
    );
  },
};

/** "Order GS-… · Dashboard · <store>". */
export function head({ data, state }: PageProps<OrderPageData>): Head {
  return adminHead(
    state,
    state.t("orders.title", { number: data.order.number }),
  );
}

/** An order's page in the dashboard. */
export default function AdminOrderPage(
  { data, state }: PageProps<AdminPageData<OrderPageData>>,
) {
  const { t, locale } = state;
  const { language } = locale;
  const { order } = data;
  const when = new Intl.DateTimeFormat(language, {
    dateStyle: "medium",
    timeStyle: "short",
  });
  const gateways = gatewayNames(t);
  const transactions = [
    ...data.payments.map((p) => ({ ...p, kind: "payment" as const })),
    ...data.refunds.map((r) => ({ ...r, kind: "refund" as const })),
  ];
  return (
    <div class="mx-auto max-w-7xl">
      <a
        href="/admin/orders"
        class="text-sm font-medium text-indigo-700 hover:underline"
      >
        {t("admin.orders.back")}
      </a>
      <div class="mb-6 mt-2 flex flex-wrap items-center gap-3">
        <h1
          data-testid="admin-order-number"
          class="text-2xl font-extrabold tracking-tight text-gray-900"
        >
          {t("orders.title", { number: order.number })}
        </h1>
        <StatusBadge status={order.status} t={t} />
      </div>

      <div class="grid items-start gap-6 md:grid-cols-2 xl:grid-cols-3">
        {data.canWrite && (
          <Card title={t("admin.orders.actions.title")}>
            <div class="mt-3">
              <AdminOrderActions
                orderId={order.id}
                transitions={order.transitions}
                refund={data.refund}
                labels={orderActionLabels(t, data.refund?.maxFormatted ?? "")}
              />
            </div>
          </Card>
        )}

        <Card title={t("admin.orders.customer")}>
          <dl class="mt-3 space-y-2 text-sm">
            <div>
              <dt class="text-gray-500">{t("admin.orders.email")}</dt>
              <dd class="break-all font-medium" data-testid="order-email">
                {order.email}
              </dd>
            </div>
            <div>
              <dt class="text-gray-500">{t("admin.orders.account")}</dt>
              <dd class="font-medium">
                {order.userId
                  ? <code class="text-xs">{order.userId}</code>
                  : t("admin.orders.guest")}
              </dd>
            </div>
            <div>
              <dt class="text-gray-500">{t("admin.orders.placed")}</dt>
              <dd class="font-medium">
                {when.format(new Date(order.placedAt))}
              </dd>
            </div>
            <div>
              <dt class="text-gray-500">{t("admin.orders.baseTotal")}</dt>
              <dd class="font-medium">{order.baseTotal.formatted}</dd>
            </div>
          </dl>
        </Card>

        <Card title={t("admin.orders.activity")} testId="admin-timeline">
          <ol class="mt-3 space-y-3 text-sm">
            {order.timeline.map((event, index) => (
              <li
                key={index}
                class="border-l-2 border-indigo-200 pl-3 rtl:border-l-0 rtl:border-r-2 rtl:pl-0 rtl:pr-3"
              >
                <p class="font-medium text-gray-900">
                  {t(`orders.status.${event.to}`)}
                </p>
                <p class="text-xs text-gray-500">
                  <time dateTime={event.at}>
                    {when.format(new Date(event.at))}
                  </time>{" "}
                  · <span class="font-mono">{event.actor}</span>
                </p>
                {typeof event.data.note === "string" && (
                  <p class="mt-1 text-gray-700">{event.data.note}</p>
                )}
              </li>
            ))}
          </ol>
        </Card>
      </div>
      <div class="mt-6 space-y-6">
        <OrderDetails order={order} t={t} language={language} taxName="" />
        <Card title={t("admin.orders.payments")} testId="order-payments">
          {transactions.length === 0
            ? (
              <p class="mt-3 text-sm text-gray-500">
                {t("admin.orders.noPayments")}
              </p>
            )
            : (
              <TableFrame inCard>
                <thead>
                  <tr>
                    <th scope="col" class={TH}>{t("admin.orders.kind")}</th>
                    <th scope="col" class={TH}>
                      {t("admin.orders.gateway")}
                    </th>
                    <th scope="col" class={TH}>
                      {t("admin.orders.paymentStatus")}
                    </th>
                    <th scope="col" class={TH_END}>
                      {t("admin.orders.amount")}
                    </th>
                    <th scope="col" class={TH}>{t("admin.orders.when")}</th>
                  </tr>
                </thead>
                <tbody class="divide-y divide-gray-100">
                  {transactions.map((item) => (
                    <tr key={item.id} data-kind={item.kind}>
                      <td class={TD}>
                        {t(`admin.orders.transaction.${item.kind}`)}
                        {item.reason && (
                          <span class="block text-xs text-gray-500">
                            {item.reason}
                          </span>
                        )}
                      </td>
                      <td class={TD}>
                        {gateways[item.gateway] ?? item.gateway}
                        {item.gatewayTransactionId && (
                          <span class="block font-mono text-xs text-gray-500">
                            {item.gatewayTransactionId}
                          </span>
                        )}
                      </td>
                      <td class={TD}>
                        {t(`admin.orders.transactionStatus.${item.status}`)}
                        {item.failureCode && (
                          <span class="block font-mono text-xs text-rose-700">
                            {item.failureCode}
                          </span>
                        )}
                      </td>
                      <td
                        class={`${TD} whitespace-nowrap text-end tabular-nums`}
                      >
                        {item.amount.formatted}
                      </td>
                      <td class={`${TD} whitespace-nowrap text-gray-600`}>
                        {when.format(new Date(item.createdAt))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </TableFrame>
            )}
        </Card>
      </div>
    </div>
  );
}
