import type { ComponentChildren } from "preact";
import { z } from "zod";
import {
  type AdminUser,
  adminUserDetail,
  can,
  PASSWORD_RESET_TTL_MINUTES,
  ROLES,
} from "../../../commerce/identity/mod.ts";
import { readOrderCursor } from "../../../commerce/orders/mod.ts";
import { formatMoney } from "../../../commerce/pricing/mod.ts";
import {
  customerActionLabels,
  preferredLanguageName,
} from "../../../components/admin/customers_labels.ts";
import {
  Card,
  LinkButton,
  TableFrame,
  TD,
  TH,
  TH_END,
} from "../../../components/admin/ui.tsx";
import { StatusBadge } from "../../../components/orders/StatusBadge.tsx";
import { staffActor } from "../../../edge/admin.ts";
import type { Head, PageProps, RouteHandler } from "../../../edge/define.ts";
import AdminCustomerActions from "../../../islands/AdminCustomerActions.tsx";
import {
  adminHead,
  adminHref,
  type AdminPageData,
  adminShell,
} from "../_shell.ts";
import { CustomerStatus, RoleChips } from "./_parts.tsx";

const ORDERS_PAGE_SIZE = 20;

/** The page's query: an unreadable orders cursor starts from the newest. */
const CustomerQuery = z.object({
  orders: z.string().max(200).optional().catch(undefined),
});

interface CustomerPageData {
  user: AdminUser;
  /** The orders cursor of this page, when not the first. */
  ordersCursor: string | null;
  self: boolean;
  canWrite: boolean;
  canGrant: boolean;
}

/**
 * `GET /admin/customers/{id}`: one account (deleted ones too): profile,
 * roles, status, sessions and a page of its orders; for staff allowed
 * `customers:write` the island that disables, enables and sends a
 * password reset, with the roles editor for super admins
 * (`roles:grant`); read-only otherwise.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c, page) {
    const actor = staffActor(c, "customers:read");
    const query = CustomerQuery.parse(c.req.query());
    const after = query.orders ? readOrderCursor(query.orders) : null;
    const userId = c.req.param("id") ?? "";
    const user = await adminUserDetail(c.var.db.sql, {
      userId,
      ordersLimit: ORDERS_PAGE_SIZE,
      ordersAfter: after ?? undefined,
    });
    return page.render(
      {
        shell: await adminShell(c),
        user,
        ordersCursor: after ? query.orders! : null,
        self: actor.id === user.id,
        canWrite: can(actor.roles, "customers:write"),
        canGrant: can(actor.roles, "roles:grant"),
      } satisfies AdminPageData<CustomerPageData>,
    );
  },
};

/** "<name or email> · Dashboard · <store>". */
export function head({ data, state }: PageProps<CustomerPageData>): Head {
  return adminHead(state, data.user.name || data.user.email);
}

/** A term and its value in a card's description list. */
function Fact(
  { term, children, testId }: {
    term: string;
    children: ComponentChildren;
    testId?: string;
  },
) {
  return (
    <>
      <dt class="text-gray-500">{term}</dt>
      <dd class="min-w-0 break-words font-medium" data-testid={testId}>
        {children}
      </dd>
    </>
  );
}

/** An account's page in the dashboard. */
export default function AdminCustomerPage(
  { data, state }: PageProps<AdminPageData<CustomerPageData>>,
) {
  const { t, locale } = state;
  const { language } = locale;
  const { user } = data;
  const when = new Intl.DateTimeFormat(language, {
    dateStyle: "medium",
    timeStyle: "short",
  });
  const placed = new Intl.DateTimeFormat(language, { dateStyle: "medium" });
  const notSet = (
    <span class="font-normal text-gray-400">
      {t("admin.customers.notSet")}
    </span>
  );
  const deleted = user.status === "deleted";
  const manageable = !deleted && (data.canWrite || data.canGrant);
  const self = `/admin/customers/${user.id}`;
  return (
    <div class="mx-auto max-w-7xl">
      <a
        href="/admin/customers"
        class="text-sm font-medium text-indigo-700 hover:underline"
      >
        {t("admin.customers.back")}
      </a>
      <div class="mb-6 mt-2 flex flex-wrap items-center gap-3">
        <h1
          data-testid="customer-name"
          class="min-w-0 break-words text-2xl font-extrabold tracking-tight text-gray-900"
        >
          {user.name || user.email}
        </h1>
        <CustomerStatus status={user.status} t={t} />
      </div>

      <div class="grid items-start gap-6 md:grid-cols-2">
        <Card title={t("admin.customers.profile")} testId="customer-profile">
          <dl class="mt-3 grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm">
            <Fact term={t("admin.customers.email")} testId="customer-email">
              <span class="block break-all">
                <bdi>{user.email}</bdi>
              </span>
              <span
                data-verified={user.emailVerified ? "true" : "false"}
                class="block text-xs font-normal text-amber-700 data-[verified=true]:text-emerald-700"
              >
                {user.emailVerified
                  ? t("admin.customers.verified")
                  : t("admin.customers.unverified")}
              </span>
            </Fact>
            {
              /* With the roles editor beside, the editor shows them. */
            }
            {!(manageable && data.canGrant) && (
              <Fact term={t("admin.customers.roles")}>
                <RoleChips roles={user.roles} t={t} />
              </Fact>
            )}
            <Fact term={t("admin.customers.phone")}>
              {user.phone ? <span dir="ltr">{user.phone}</span> : notSet}
            </Fact>
            <Fact
              term={t("admin.customers.language")}
              testId="customer-language"
            >
              {preferredLanguageName(user.preferredLanguage, language) ??
                notSet}
            </Fact>
            <Fact
              term={t("admin.customers.currency")}
              testId="customer-currency"
            >
              {user.preferredCurrency ?? notSet}
            </Fact>
            <Fact term={t("admin.customers.marketing")}>
              {user.marketingConsent
                ? t("admin.customers.marketingYes")
                : t("admin.customers.marketingNo")}
            </Fact>
            <Fact term={t("admin.customers.created")}>
              <time dateTime={user.createdAt.toISOString()}>
                {when.format(user.createdAt)}
              </time>
            </Fact>
            <Fact term={t("admin.customers.lastSignIn")}>
              {user.lastSignInAt
                ? (
                  <time dateTime={user.lastSignInAt.toISOString()}>
                    {when.format(user.lastSignInAt)}
                  </time>
                )
                : t("admin.customers.never")}
            </Fact>
            {user.disabledAt && (
              <Fact term={t("admin.customers.disabledAt")}>
                <time dateTime={user.disabledAt.toISOString()}>
                  {when.format(user.disabledAt)}
                </time>
              </Fact>
            )}
            {user.deletedAt && (
              <Fact term={t("admin.customers.deletedAt")}>
                <time dateTime={user.deletedAt.toISOString()}>
                  {when.format(user.deletedAt)}
                </time>
              </Fact>
            )}
            <Fact
              term={t("admin.customers.sessions")}
              testId="customer-sessions"
            >
              <span class="tabular-nums">{user.activeSessions}</span>
            </Fact>
          </dl>
        </Card>

        {manageable
          ? (
            <Card title={t("admin.customers.manage")}>
              <div class="mt-3">
                <AdminCustomerActions
                  userId={user.id}
                  status={user.status as "active" | "disabled"}
                  roles={user.roles}
                  allRoles={[...ROLES]}
                  canWrite={data.canWrite}
                  canGrant={data.canGrant}
                  self={data.self}
                  protectedTarget={user.roles.includes("super_admin") &&
                    !data.canGrant}
                  labels={customerActionLabels(t, {
                    email: user.email,
                    minutes: PASSWORD_RESET_TTL_MINUTES,
                  })}
                />
              </div>
            </Card>
          )
          : (
            <p
              data-testid="customer-read-only"
              class="rounded-xl border border-gray-200 bg-white p-5 text-sm text-gray-600"
            >
              {deleted
                ? t("admin.customers.deletedNote")
                : t("admin.customers.readOnly")}
            </p>
          )}
      </div>

      <div class="mt-6">
        <Card title={t("admin.customers.orders")} testId="customer-orders">
          {user.orders.items.length === 0
            ? (
              <p class="mt-3 text-sm text-gray-500">
                {data.ordersCursor
                  ? t("admin.customers.noMoreOrders")
                  : t("admin.customers.noOrders")}
              </p>
            )
            : (
              <TableFrame inCard>
                <thead>
                  <tr>
                    <th scope="col" class={TH}>
                      {t("admin.orders.number")}
                    </th>
                    <th scope="col" class={TH}>
                      {t("admin.orders.placed")}
                    </th>
                    <th scope="col" class={TH}>
                      {t("admin.orders.status")}
                    </th>
                    <th scope="col" class={`${TH_END} hidden sm:table-cell`}>
                      {t("admin.orders.items")}
                    </th>
                    <th scope="col" class={TH_END}>
                      {t("admin.orders.total")}
                    </th>
                  </tr>
                </thead>
                <tbody class="divide-y divide-gray-100">
                  {user.orders.items.map((order) => (
                    <tr
                      key={order.id}
                      data-testid="customer-order"
                      data-order-id={order.id}
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
                      <td class={TD}>
                        <StatusBadge status={order.status} t={t} />
                      </td>
                      <td
                        class={`${TD} hidden text-end tabular-nums sm:table-cell`}
                      >
                        {order.itemCount}
                      </td>
                      <td
                        class={`${TD} whitespace-nowrap text-end font-medium tabular-nums`}
                        data-testid="customer-order-total"
                      >
                        {formatMoney(order.total, language)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </TableFrame>
            )}
          {(data.ordersCursor || user.orders.nextCursor) && (
            <nav
              aria-label={t("admin.pagination")}
              class="mt-4 flex flex-wrap justify-between gap-3"
            >
              {data.ordersCursor
                ? (
                  <LinkButton href={self}>
                    {t("admin.customers.newestOrders")}
                  </LinkButton>
                )
                : <span />}
              {user.orders.nextCursor && (
                <LinkButton
                  rel="next"
                  testId="customer-orders-next"
                  href={adminHref(self, { orders: user.orders.nextCursor })}
                >
                  {t("admin.customers.olderOrders")}
                </LinkButton>
              )}
            </nav>
          )}
        </Card>
      </div>
    </div>
  );
}
