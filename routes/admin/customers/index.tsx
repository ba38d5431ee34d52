import { z } from "zod";
import {
  type AdminUserSummary,
  listUsers,
  ROLES,
  USER_STATUSES,
} from "../../../commerce/identity/mod.ts";
import {
  preferredLanguageName,
  roleName,
  statusName,
} from "../../../components/admin/customers_labels.ts";
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
import { staffActor } from "../../../edge/admin.ts";
import type { PageProps, RouteHandler } from "../../../edge/define.ts";
import type { Sql } from "../../../db/client.ts";
import { orderCountsByUser } from "../../../commerce/orders/mod.ts";
import {
  adminHref,
  type AdminPageData,
  adminShell,
  adminTitled,
} from "../_shell.ts";
import { CustomerStatus, RoleChips } from "./_parts.tsx";

const PAGE_SIZE = 25;

/** The list's query: anything unreadable is dropped rather than refused. */
const CustomerListQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
  status: z.enum(USER_STATUSES).optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
});
type CustomerListQuery = z.infer<typeof CustomerListQuery>;

/** A row of the list: the account and how many orders it placed. */
interface CustomerRow extends AdminUserSummary {
  orders: number;
}

interface CustomerListData {
  query: CustomerListQuery;
  rows: CustomerRow[];
  nextCursor: string | null;
}

/**
 * `GET /admin/customers`: accounts newest first, 25 a page (cursor pages,
 * on the server), searched by a part of the email or name and filtered by
 * role and status (`listUsers`).
 */
export const handler: { GET: RouteHandler } = {
  async GET(c, page) {
    staffActor(c, "customers:read");
    const query = CustomerListQuery.parse(c.req.query());
    const filter = {
      q: query.q || undefined,
      role: query.role,
      status: query.status,
      limit: PAGE_SIZE,
    };
    const { sql } = c.var.db;
    // A stale or hand-made cursor starts again from the newest accounts.
    const found = await listUsers(sql, { ...filter, cursor: query.cursor }) ??
      await listUsers(sql, filter);
    return page.render(
      {
        shell: await adminShell(c),
        query,
        rows: await withOrderCounts(sql, found!.items),
        nextCursor: found!.nextCursor,
      } satisfies AdminPageData<CustomerListData>,
    );
  },
};

async function withOrderCounts(
  sql: Sql,
  users: AdminUserSummary[],
): Promise<CustomerRow[]> {
  const counts = await orderCountsByUser(sql, users.map((user) => user.id));
  return users.map((user) => ({ ...user, orders: counts.get(user.id) ?? 0 }));
}

/** "Customers · Dashboard · <store>". */
export const head = adminTitled("admin.customers.title");

/** The customer list with its search and filters. */
export default function CustomerList(
  { data, state }: PageProps<AdminPageData<CustomerListData>>,
) {
  const { t, locale } = state;
  const { language } = locale;
  const { query, rows } = data;
  const created = new Intl.DateTimeFormat(language, { dateStyle: "medium" });
  const filtered = Boolean(query.q || query.role || query.status);
  return (
    <div class="mx-auto max-w-7xl">
      <PageTitle title={t("admin.customers.title")} />
      <form
        method="get"
        action="/admin/customers"
        role="search"
        class="mb-4 flex flex-wrap items-end gap-3 rounded-xl border border-gray-200 bg-white p-4 shadow-sm"
      >
        <label class="flex min-w-[12rem] flex-1 flex-col gap-1 text-sm font-medium text-gray-700">
          {t("admin.customers.search")}
          <input
            type="search"
            name="q"
            value={query.q ?? ""}
            maxLength={200}
            placeholder={t("admin.customers.searchHint")}
            class={FILTER_FIELD}
          />
        </label>
        <label class="flex flex-col gap-1 text-sm font-medium text-gray-700">
          {t("admin.customers.role")}
          <select name="role" class={FILTER_FIELD}>
            <option value="">{t("admin.customers.anyRole")}</option>
            {ROLES.map((role) => (
              <option key={role} value={role} selected={query.role === role}>
                {roleName(t, role)}
              </option>
            ))}
          </select>
        </label>
        <label class="flex flex-col gap-1 text-sm font-medium text-gray-700">
          {t("admin.customers.status")}
          <select name="status" class={FILTER_FIELD}>
            <option value="">{t("admin.customers.allStatuses")}</option>
            {USER_STATUSES.map((status) => (
              <option
                key={status}
                value={status}
                selected={query.status === status}
              >
                {statusName(t, status)}
              </option>
            ))}
          </select>
        </label>
        <FilterActions
          submit={t("admin.orders.filter")}
          clear={t("admin.orders.clear")}
          clearHref="/admin/customers"
          filtered={filtered}
        />
      </form>

      {rows.length === 0
        ? (
          <EmptyNote testId="customers-empty">
            {filtered
              ? t("admin.customers.noMatch")
              : t("admin.customers.empty")}
          </EmptyNote>
        )
        : (
          <TableFrame>
            <thead class="bg-gray-50">
              <tr>
                <th scope="col" class={TH}>{t("admin.customers.name")}</th>
                <th scope="col" class={`${TH} hidden xl:table-cell`}>
                  {t("admin.customers.email")}
                </th>
                <th scope="col" class={TH}>{t("admin.customers.roles")}</th>
                <th scope="col" class={`${TH} hidden md:table-cell`}>
                  {t("admin.customers.preferences")}
                </th>
                <th scope="col" class={`${TH_END} hidden sm:table-cell`}>
                  {t("admin.customers.orders")}
                </th>
                <th scope="col" class={`${TH} hidden lg:table-cell`}>
                  {t("admin.customers.created")}
                </th>
                <th scope="col" class={TH}>{t("admin.customers.status")}</th>
              </tr>
            </thead>
            <tbody
              class="divide-y divide-gray-100"
              data-testid="customer-rows"
            >
              {rows.map((user) => {
                const languageName = preferredLanguageName(
                  user.preferredLanguage,
                  language,
                );
                return (
                  <tr
                    key={user.id}
                    data-testid="customer-row"
                    data-user-id={user.id}
                    class="hover:bg-gray-50"
                  >
                    <td class={`${TD} max-w-[18rem]`}>
                      <a
                        href={`/admin/customers/${user.id}`}
                        class="block truncate font-semibold text-indigo-700 hover:underline"
                      >
                        {user.name || t("admin.customers.noName")}
                      </a>
                      {/* Below xl the email shares the name's cell. */}
                      <span class="block truncate text-xs text-gray-500 xl:hidden">
                        <bdi>{user.email}</bdi>
                      </span>
                    </td>
                    <td
                      class={`${TD} hidden max-w-[18rem] truncate xl:table-cell`}
                      title={user.email}
                      data-testid="customer-email"
                    >
                      <bdi>{user.email}</bdi>
                    </td>
                    <td class={TD}>
                      <RoleChips roles={user.roles} t={t} />
                    </td>
                    <td class={`${TD} hidden whitespace-nowrap md:table-cell`}>
                      {languageName || user.preferredCurrency
                        ? (
                          <>
                            <span class="block">
                              {languageName ?? t("admin.customers.notSet")}
                            </span>
                            <span class="block text-xs text-gray-500">
                              {user.preferredCurrency ??
                                t("admin.customers.notSet")}
                            </span>
                          </>
                        )
                        : (
                          <span class="text-gray-400">
                            {t("admin.customers.notSet")}
                          </span>
                        )}
                    </td>
                    <td
                      class={`${TD} hidden text-end tabular-nums sm:table-cell`}
                      data-testid="customer-orders"
                    >
                      {user.orders}
                    </td>
                    <td
                      class={`${TD} hidden whitespace-nowrap text-gray-600 lg:table-cell`}
                    >
                      <time dateTime={user.createdAt.toISOString()}>
                        {created.format(user.createdAt)}
                      </time>
                    </td>
                    <td class={TD}>
                      <CustomerStatus status={user.status} t={t} />
                    </td>
                  </tr>
                );
              })}
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
              href={adminHref("/admin/customers", {
                q: query.q,
                role: query.role,
                status: query.status,
              })}
            >
              {t("admin.customers.first")}
            </LinkButton>
          )
          : <span />}
        {data.nextCursor && (
          <LinkButton
            rel="next"
            testId="customers-next"
            href={adminHref("/admin/customers", {
              q: query.q,
              role: query.role,
              status: query.status,
              cursor: data.nextCursor,
            })}
          >
            {t("admin.next")}
          </LinkButton>
        )}
      </nav>
    </div>
  );
}
