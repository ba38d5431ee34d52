import {
  listOrders,
  orderPageView,
  readOrderCursor,
} from "../../../commerce/orders/mod.ts";
import { StatusBadge } from "../../../components/orders/StatusBadge.tsx";
import type { Head, PageProps, RouteHandler } from "../../../edge/define.ts";
import { accountPath, noStore, seeOther } from "./_form.ts";

/** The order history works without JavaScript. */
export const staticPage = true;

/** Orders per page. */
const PAGE_SIZE = 10;

interface OrdersData {
  page: ReturnType<typeof orderPageView>;
  /** Whether this is a later page (`?cursor=`). */
  later: boolean;
}

/**
 * `/{lang}/account/orders`: the signed-in shopper's orders, newest first,
 * ten at a time (`?cursor=` is the next page; a stale or foreign cursor
 * shows the first). Anonymous visitors are sent to sign in and back.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c, page) {
    const user = c.var.user;
    if (!user) {
      const here = accountPath(c, "orders");
      return seeOther(
        c,
        `${accountPath(c, "signin")}?next=${encodeURIComponent(here)}`,
      );
    }
    const cursor = c.req.query("cursor");
    const after = cursor ? readOrderCursor(cursor) ?? undefined : undefined;
    const orders = await listOrders(c.var.db.sql, {
      userId: user.id,
      limit: PAGE_SIZE,
      after,
    });
    return noStore(page.render(
      {
        page: orderPageView(orders, c.var.locale.language),
        later: after !== undefined,
      } satisfies OrdersData,
    ));
  },
};

/** Title "<page> · <store>"; account pages stay out of search indexes. */
export function head({ state }: PageProps<OrdersData>): Head {
  return {
    title: state.t("account.meta.title", {
      page: state.t("orders.historyTitle"),
      store: state.storeName,
    }),
    noindex: true,
  };
}

/** The order history. */
export default function Orders({ data, state }: PageProps<OrdersData>) {
  const { t, locale } = state;
  const { language } = locale;
  const dates = new Intl.DateTimeFormat(language, { dateStyle: "medium" });
  const base = `/${language}/account/orders`;
  const { items, nextCursor } = data.page;
  return (
    <div class="mx-auto w-full max-w-3xl px-4 py-12">
      <a
        href={`/${language}/account`}
        class="text-sm font-medium text-indigo-700 hover:underline"
      >
        {t("orders.backToAccount")}
      </a>
      <h1 class="mt-2 text-2xl font-bold tracking-tight">
        {t("orders.historyTitle")}
      </h1>
      {items.length === 0
        ? (
          <div
            data-testid="orders-empty"
            class="mt-6 rounded-xl border border-gray-200 bg-gray-50 p-8 text-center"
          >
            <h2 class="text-lg font-semibold text-gray-900">
              {t("orders.emptyTitle")}
            </h2>
            <p class="mt-2 text-gray-600">
              {data.later ? t("orders.noMore") : t("orders.emptyBody")}
            </p>
            <a
              href={data.later ? base : `/${language}/`}
              class="mt-5 inline-block rounded-md bg-indigo-600 px-5 py-2.5 font-semibold text-white hover:bg-indigo-500"
            >
              {data.later ? t("orders.newest") : t("cart.continueShopping")}
            </a>
          </div>
        )
        : (
          <ul
            class="mt-6 divide-y divide-gray-200 rounded-xl border border-gray-200 bg-white shadow-sm"
            data-testid="order-history"
          >
            {items.map((order) => (
              <li key={order.id}>
                <a
                  href={`/${language}/orders/${order.id}`}
                  data-testid="order-row"
                  class="flex flex-wrap items-center gap-x-4 gap-y-1 px-5 py-4 hover:bg-gray-50"
                >
                  <span class="font-semibold text-indigo-700">
                    {order.number}
                  </span>
                  <StatusBadge status={order.status} t={t} />
                  <span class="text-sm text-gray-600">
                    <time dateTime={order.placedAt}>
                      {dates.format(new Date(order.placedAt))}
                    </time>
                    {" · "}
                    {t("cart.itemCount", { count: order.itemCount })}
                  </span>
                  <span class="ml-auto font-semibold text-gray-900 rtl:ml-0 rtl:mr-auto">
                    {order.total.formatted}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        )}
      <nav
        aria-label={t("orders.pagination")}
        class="mt-6 flex justify-between text-sm font-medium"
      >
        {data.later
          ? (
            <a href={base} class="text-indigo-700 hover:underline">
              {t("orders.newest")}
            </a>
          )
          : <span />}
        {nextCursor && (
          <a
            href={`${base}?cursor=${encodeURIComponent(nextCursor)}`}
            data-testid="older-orders"
            class="text-indigo-700 hover:underline"
          >
            {t("orders.older")}
          </a>
        )}
      </nav>
    </div>
  );
}
