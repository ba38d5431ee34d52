import { z } from "zod";
import {
  type AdminOrderPage,
  ORDER_STATUSES,
  searchOrders,
} from "../../../commerce/orders/mod.ts";
import { formatMoney } from "../../../commerce/pricing/mod.ts";
import {
  EmptyNote,
  FILTER_FIELD,
  FilterActions,
  LinkButton,
  PageTitle,
  TableFrame,
  TD,
  TH,
  TH_END,
} from "../../../components/admin/ui.tsx";
import { StatusBadge } from "../../../components/orders/StatusBadge.tsx";
import { staffActor } from "../../../edge/admin.ts";
import type { PageProps, RouteHandler } from "../../../edge/define.ts";
import {
  adminHref,
  type AdminPageData,
  adminShell,
  adminTitled,
} from "../_shell.ts";

const PAGE_SIZE = 25;

/** The list's query: anything unreadable is dropped rather than refused. */
const OrderListQuery = z.object({
  status: z.enum(ORDER_STATUSES).optional().catch(undefined),
  q: z.string().trim().max(320).optional().catch(undefined),
  cursor: z.string().max(600).optional().catch(undefined),
});
type OrderListQuery = z.infer<typeof OrderListQuery>;

interface OrderListData {
  query: OrderListQuery;
  page: AdminOrderPage;
}

/**
 * `GET /admin/orders`: every order, newest first, 25 a page (cursor
 * pages, on the server), filtered by status and searched by number or
 * email (`searchOrders`).
 */
export const handler: { GET: RouteHandler } = {
  async GET(c, page) {
    staffActor(c, "orders:read");
    const query = OrderListQuery.parse(c.req.query());
    const search = {
      statuses: query.status ? [query.status] : undefined,
      q: query.q || undefined,
      limit: PAGE_SIZE,
    };
    const { sql } = c.var.db;
    // A stale or hand-made cursor starts again from the newest orders.
    const found =
      await searchOrders(sql, { ...search, cursor: query.cursor }) ??
        await searchOrders(sql, search);
    return page.render(
      {
        shell: await adminShell(c),
        query,
        page: found!,
      } satisfies AdminPageData<OrderListData>,
    );
  },
};

/** "Orders · Dashboard · <store>". */
export const head = adminTitled("admin.orders.title");

/** The order list with its filters. */
export default function OrderList(
  { data, state }: PageProps<AdminPageData<OrderListData>>,
) {
  const { t, locale } = state;
  const { language } = locale;
  const { query, page } = data;
  const placed = new Intl.DateTimeFormat(language, {
    dateStyle: "medium",
    timeStyle: "short",
  });
  const filtered = Boolean(query.status || query.q);
  return (
    <div class="mx-auto max-w-7xl">
      <PageTitle title={t("admin.orders.title")} />
      <form
        method="get"
        action="/admin/orders"
        role="search"
        class="mb-4 flex flex-wrap items-end gap-3 rounded-xl border border-gray-200 bg-white p-4 shadow-sm"
      >
        <label class="flex min-w-[12rem] flex-1 flex-col gap-1 text-sm font-medium text-gray-700">
          {t("admin.orders.search")}
          <input
            type="search"
            name="q"
            value={query.q ?? ""}
            placeholder={t("admin.orders.searchHint")}
            class="rounded-md border border-gray-300 px-3 py-2 text-sm font-normal focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500"
          />
        </label>
        <label class="flex flex-col gap-1 text-sm font-medium text-gray-700">
          {t("admin.orders.status")}
          <select
            name="status"
            class={FILTER_FIELD}
          >
            <option value="">{t("admin.orders.allStatuses")}</option>
            {ORDER_STATUSES.map((status) => (
              <option
                key={status}
                value={status}
                selected={query.status === status}
              >
                {t(`orders.status.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <FilterActions
          submit={t("admin.orders.filter")}
          clear={t("admin.orders.clear")}
          clearHref="/admin/orders"
          filtered={filtered}
        />
      </form>

      {page.items.length === 0
        ? (
          <EmptyNote testId="orders-empty">
            {filtered ? t("admin.orders.noMatch") : t("admin.orders.empty")}
          </EmptyNote>
        )
        : (
          <TableFrame>
            <thead class="bg-gray-50">
              <tr>
                <th scope="col" class={TH}>{t("admin.orders.number")}</th>
                <th scope="col" class={TH}>{t("admin.orders.placed")}</th>
                <th scope="col" class={TH}>{t("admin.orders.customer")}</th>
                <th scope="col" class={TH}>{t("admin.orders.status")}</th>
                <th scope="col" class={`${TH_END} hidden md:table-cell`}>
                  {t("admin.orders.items")}
                </th>
                <th scope="col" class={TH_END}>
                  {t("admin.orders.total")}
                </th>
                <th scope="col" class={`${TH_END} hidden xl:table-cell`}>
                  {t("admin.orders.baseTotal")}
                </th>
                <th scope="col" class={`${TH} hidden lg:table-cell`}>
                  {t("admin.orders.gateway")}
                </th>
                <th scope="col" class={`${TH} hidden lg:table-cell`}>
                  {t("admin.orders.country")}
                </th>
              </tr>
            </thead>
            <tbody class="divide-y divide-gray-100" data-testid="order-rows">
              {page.items.map((order) => (
                <tr
                  key={order.id}
                  data-testid="order-row"
                  data-order-id={order.id}
                  class="hover:bg-gray-50"
                >
                  <td class={TD}>
                    <a
                      href={`/admin/orders/${order.id}`}
                      class="font-semibold text-indigo-700 hover:underline"
                    >
                      {order.number}
                    </a>
                  </td>
                  <td class={`${TD} whitespace-nowrap text-gray-600`}>
                    <time dateTime={order.placedAt.toISOString()}>
                      {placed.format(order.placedAt)}
                    </time>
                  </td>
                  <td class={`${TD} max-w-[14rem] truncate`}>{order.email}</td>
                  <td class={TD}>
                    <StatusBadge status={order.status} t={t} />
                  </td>
                  <td
                    class={`${TD} hidden text-end tabular-nums md:table-cell`}
                  >
                    {order.itemCount}
                  </td>
                  <td
                    class={`${TD} whitespace-nowrap text-end font-medium tabular-nums`}
                  >
                    {formatMoney(order.total, language)}
                  </td>
                  <td
                    class={`${TD} hidden whitespace-nowrap text-end tabular-nums text-gray-600 xl:table-cell`}
                  >
                    {formatMoney(order.baseTotal, language)}
                  </td>
                  <td class={`${TD} hidden lg:table-cell`}>{order.gateway}</td>
                  <td class={`${TD} hidden lg:table-cell`}>{order.country}</td>
                </tr>
              ))}
            </tbody>
          </TableFrame>
        )}

      <nav
        aria-label={t("admin.pagination")}
        class="mt-4 flex flex-wrap justify-between gap-3"
      >
        {query.cursor
          ? (
            <LinkButton
              href={adminHref("/admin/orders", {
                status: query.status,
                q: query.q,
              })}
            >
              {t("admin.orders.newest")}
            </LinkButton>
          )
          : <span />}
        {page.nextCursor && (
          <LinkButton
            rel="next"
            testId="orders-next"
            href={adminHref("/admin/orders", {
              status: query.status,
              q: query.q,
              cursor: page.nextCursor,
            })}
          >
            {t("admin.orders.older")}
          </LinkButton>
        )}
      </nav>
    </div>
  );
}
