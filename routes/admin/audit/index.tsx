import { z } from "zod";
import {
  type AuditFilter,
  auditLog,
  type AuditPage,
} from "../../../commerce/admin/mod.ts";
import { getProfile, listUsers } from "../../../commerce/identity/mod.ts";
import { textDirection } from "../../../commerce/localization/mod.ts";
import {
  AUDIT_ACTIONS,
  AUDIT_ENTITIES,
  auditActionName,
  auditKindName,
} from "../../../components/admin/audit_reviews_labels.ts";
import {
  EmptyNote,
  FILTER_FIELD,
  FilterActions,
  LinkButton,
  PageTitle,
  TableFrame,
  TD,
  TH,
} from "../../../components/admin/ui.tsx";
import { staffActor } from "../../../edge/admin.ts";
import type { PageProps, RouteHandler } from "../../../edge/define.ts";
import type { AppContext } from "../../../edge/env.ts";
import { NotFound } from "../../../edge/errors.ts";
import type { Translate } from "../../../edge/i18n.ts";
import {
  adminHref,
  type AdminPageData,
  adminShell,
  adminTitled,
} from "../_shell.ts";
import { auditChanges, type FieldChange } from "./_diff.ts";

const PAGE_SIZE = 25;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ACTION = /^[a-z_]{1,40}(\.[a-z_]{1,40})?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A value longer than this is cut in the list (the whole of it on hover).
const SHOWN_CHARS = 300;

/** Where the dashboard shows an entity, by its kind. */
const ENTITY_PAGES: Readonly<Record<string, string>> = {
  order: "/admin/orders",
  product: "/admin/products",
  user: "/admin/customers",
};

/**
 * The list's query as typed. Values that cannot be a filter at all are
 * dropped; dates are checked by hand so a wrong one is pointed out.
 */
const AuditListQuery = z.object({
  entity: z.string().regex(/^[a-z_]{1,40}$/).optional().catch(undefined),
  id: z.string().trim().max(200).optional().catch(undefined),
  actor: z.uuid().optional().catch(undefined),
  action: z.string().regex(ACTION).optional().catch(undefined),
  from: z.string().trim().max(40).optional().catch(undefined),
  to: z.string().trim().max(40).optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
});
type AuditListQuery = z.infer<typeof AuditListQuery>;

/** Who made a change, as the list names them. */
interface Actor {
  name: string;
  email: string;
}

interface AuditListData {
  query: AuditListQuery;
  /** Translation keys of the filter fields that could not be used. */
  invalid: { from?: string; to?: string };
  page: AuditPage;
  /** Names of the page's actors, by id (missing: a deleted account). */
  actors: Record<string, Actor>;
  /** Staff accounts, for the "who" filter. */
  staff: ({ id: string } & Actor)[];
}

/** `YYYY-MM-DD` as the start of that day in UTC, or `null`. */
function dayStart(text: string): Date | null {
  if (!DAY.test(text)) return null;
  const date = new Date(`${text}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ||
      date.toISOString().slice(0, 10) !== text
    ? null
    : date;
}

/** The query as the audit log's filter, and what in it could not be used. */
function readFilter(
  query: AuditListQuery,
): { filter: AuditFilter; invalid: AuditListData["invalid"] } {
  const invalid: AuditListData["invalid"] = {};
  const from = query.from ? dayStart(query.from) : undefined;
  const to = query.to ? dayStart(query.to) : undefined;
  if (from === null) invalid.from = "admin.audit.invalid.date";
  if (to === null) invalid.to = "admin.audit.invalid.date";
  const range = from && to && from > to;
  if (range) invalid.to = "admin.audit.invalid.range";
  return {
    filter: {
      entityType: query.entity,
      entityId: query.id || undefined,
      actorId: query.actor,
      action: query.action,
      from: from && !range ? from : undefined,
      // The whole of the last day.
      to: to && !range ? new Date(to.getTime() + 86_400_000) : undefined,
      limit: PAGE_SIZE,
    },
    invalid,
  };
}

/** Staff accounts (admins and super admins), by name. */
async function staffAccounts(c: AppContext): Promise<AuditListData["staff"]> {
  const { sql } = c.var.db;
  const found = new Map<string, AuditListData["staff"][number]>();
  for (const role of ["admin", "super_admin"] as const) {
    const page = await listUsers(sql, { role, limit: 200 });
    for (const user of page?.items ?? []) {
      found.set(user.id, { id: user.id, name: user.name, email: user.email });
    }
  }
  return [...found.values()].sort((a, b) =>
    (a.name || a.email).localeCompare(b.name || b.email)
  );
}

/** The names of `ids`: staff's from `staff`, anyone else's looked up. */
async function actorNames(
  c: AppContext,
  ids: Iterable<string>,
  staff: AuditListData["staff"],
): Promise<Record<string, Actor>> {
  const names: Record<string, Actor> = {};
  for (const { id, name, email } of staff) names[id] = { name, email };
  for (const id of new Set(ids)) {
    if (names[id]) continue;
    try {
      const profile = await getProfile(c.var.db.sql, id);
      names[id] = { name: profile.name, email: profile.email };
    } catch (error) {
      // A deleted account: the list shows its id.
      if (!(error instanceof NotFound)) throw error;
    }
  }
  return names;
}

/**
 * `GET /admin/audit`: who changed what and when, newest first, 25 a page
 * (cursor pages, on the server), filtered by entity, action, staff member
 * and day (UTC); each entry's changes field by field.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c, page) {
    staffActor(c, "audit:read");
    const query = AuditListQuery.parse(c.req.query());
    const { filter, invalid } = readFilter(query);
    const { sql } = c.var.db;
    // A stale or hand-made cursor starts again from the newest entries.
    const found = await auditLog(sql, { ...filter, cursor: query.cursor }) ??
      await auditLog(sql, filter);
    const staff = await staffAccounts(c);
    const actorIds = found!.items.flatMap((item) =>
      item.actorId ? [item.actorId] : []
    );
    return page.render(
      {
        shell: await adminShell(c),
        query,
        invalid,
        page: found!,
        actors: await actorNames(
          c,
          query.actor ? [...actorIds, query.actor] : actorIds,
          staff,
        ),
        staff,
      } satisfies AdminPageData<AuditListData>,
    );
  },
};

/** "Audit log · Dashboard · <store>". */
export const head = adminTitled("admin.audit.title");

const FIELD = `${FILTER_FIELD} aria-[invalid=true]:border-red-500`;
const LABEL = "flex flex-col gap-1 text-sm font-medium text-gray-700";

/** A value as the list shows it: cut when long, with all of it on hover. */
function Value(
  { value, side, t }: {
    value?: string;
    side: "before" | "after";
    t: Translate;
  },
) {
  const long = value !== undefined && value.length > SHOWN_CHARS;
  const Tag = side === "before" ? "del" : "ins";
  return (
    <Tag
      title={long ? value : undefined}
      data-side={side}
      class={side === "before"
        ? "relative rounded bg-rose-50 px-1 text-rose-800 no-underline [overflow-wrap:anywhere]"
        : "relative rounded bg-emerald-50 px-1 text-emerald-800 no-underline [overflow-wrap:anywhere]"}
    >
      <span class="sr-only">{t(`admin.audit.${side}`)}</span>
      <bdi>
        {value === undefined
          ? "—"
          : long
          ? `${value.slice(0, SHOWN_CHARS)}…`
          : value}
      </bdi>
    </Tag>
  );
}

/**
 * The changes of one entry under the row, the width of the table: folded
 * away under their count and the fields' names, each field old → new
 * when opened.
 */
function Changes(
  { changes, t, arrow }: {
    changes: FieldChange[];
    t: Translate;
    arrow: string;
  },
) {
  return (
    <details data-testid="audit-changes" class="text-sm">
      <summary class="cursor-pointer truncate text-gray-600 marker:text-indigo-700 hover:text-gray-900">
        <span class="font-medium text-indigo-700">
          {t("admin.audit.changes", { count: changes.length })}
        </span>
        <span class="font-mono text-xs">
          {` · ${changes.map((change) => change.field).join(", ")}`}
        </span>
      </summary>
      <dl class="mt-2 grid gap-x-4 gap-y-1.5 rounded-lg bg-gray-50 p-3 text-xs sm:grid-cols-[minmax(8rem,max-content)_minmax(0,1fr)]">
        {changes.map((change) => (
          <div key={change.field} data-field={change.field} class="contents">
            <dt class="font-mono text-gray-500 [overflow-wrap:anywhere]">
              {change.field}
            </dt>
            <dd class="text-gray-800">
              <Value value={change.before} side="before" t={t} />
              <span aria-hidden="true" class="mx-1 text-gray-400">
                {arrow}
              </span>
              <Value value={change.after} side="after" t={t} />
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

/** The audit log with its filters. */
export default function AuditList(
  { data, state }: PageProps<AdminPageData<AuditListData>>,
) {
  const { t, locale } = state;
  const { language } = locale;
  const { query, page, actors, staff, invalid } = data;
  // Days in the filter are UTC days: times are shown in UTC to match.
  const day = new Intl.DateTimeFormat(language, {
    dateStyle: "medium",
    timeZone: "UTC",
  });
  const time = new Intl.DateTimeFormat(language, {
    timeStyle: "long",
    timeZone: "UTC",
  });
  const filters = {
    entity: query.entity,
    id: query.id,
    actor: query.actor,
    action: query.action,
    from: query.from,
    to: query.to,
  };
  const filtered = Object.values(filters).some(Boolean);
  const knownAction = (action: string) =>
    AUDIT_ACTIONS[action.split(".")[0]] !== undefined &&
    (!action.includes(".") ||
      AUDIT_ACTIONS[action.split(".")[0]].includes(action.split(".")[1]));
  const actorName = (id: string | null) => {
    if (!id) return { name: t("admin.audit.system"), email: "" };
    const actor = actors[id];
    if (!actor) return { name: t("admin.audit.formerAccount"), email: id };
    return { name: actor.name || actor.email, email: actor.email };
  };
  const dateField = (name: "from" | "to") => (
    <label class={LABEL}>
      {t(`admin.audit.${name}`)}
      <input
        type="date"
        name={name}
        value={query[name] ?? ""}
        aria-invalid={invalid[name] ? "true" : undefined}
        aria-describedby={invalid[name] ? `audit-${name}-error` : undefined}
        class={FIELD}
      />
      {invalid[name] && (
        <span
          id={`audit-${name}-error`}
          data-field-error=""
          class="max-w-[12rem] text-xs font-normal text-red-700"
        >
          {t(invalid[name]!)}
        </span>
      )}
    </label>
  );
  return (
    <div class="mx-auto max-w-7xl">
      <PageTitle title={t("admin.audit.title")}>
        <p class="text-sm text-gray-500">{t("admin.audit.intro")}</p>
      </PageTitle>
      <form
        method="get"
        action="/admin/audit"
        role="search"
        class="mb-4 flex flex-wrap items-start gap-3 rounded-xl border border-gray-200 bg-white p-4 shadow-sm"
      >
        <label class={LABEL}>
          {t("admin.audit.entity")}
          <select name="entity" class={FIELD}>
            <option value="">{t("admin.audit.allEntities")}</option>
            {[
              ...AUDIT_ENTITIES,
              ...(query.entity && !AUDIT_ENTITIES.includes(query.entity)
                ? [query.entity]
                : []),
            ].map((kind) => (
              <option key={kind} value={kind} selected={query.entity === kind}>
                {auditKindName(t, kind)}
              </option>
            ))}
          </select>
        </label>
        <label class={`${LABEL} min-w-[10rem] flex-1`}>
          {t("admin.audit.entityId")}
          <input
            type="search"
            name="id"
            value={query.id ?? ""}
            maxLength={200}
            placeholder={t("admin.audit.entityIdHint")}
            class={FIELD}
          />
        </label>
        <label class={LABEL}>
          {t("admin.audit.action")}
          <select name="action" class={`${FIELD} max-w-[16rem]`}>
            <option value="">{t("admin.audit.allActions")}</option>
            {query.action && !knownAction(query.action) && (
              <option value={query.action} selected>{query.action}</option>
            )}
            {Object.entries(AUDIT_ACTIONS).map(([area, verbs]) => (
              <optgroup key={area} label={auditKindName(t, area)}>
                <option value={area} selected={query.action === area}>
                  {t("admin.audit.allOf", { area: auditKindName(t, area) })}
                </option>
                {verbs.map((verb) => (
                  <option
                    key={verb}
                    value={`${area}.${verb}`}
                    selected={query.action === `${area}.${verb}`}
                  >
                    {auditActionName(t, `${area}.${verb}`)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <label class={LABEL}>
          {t("admin.audit.who")}
          <select name="actor" class={`${FIELD} max-w-[16rem]`}>
            <option value="">{t("admin.audit.anyone")}</option>
            {query.actor && !staff.some((s) => s.id === query.actor) && (
              <option value={query.actor} selected>
                {actorName(query.actor).name}
              </option>
            )}
            {staff.map((member) => (
              <option
                key={member.id}
                value={member.id}
                selected={query.actor === member.id}
              >
                {member.name
                  ? `${member.name} (${member.email})`
                  : member.email}
              </option>
            ))}
          </select>
        </label>
        {dateField("from")}
        {dateField("to")}
        <div class="flex items-center gap-3 self-end">
          <FilterActions
            submit={t("admin.audit.filter")}
            clear={t("admin.audit.clear")}
            clearHref="/admin/audit"
            filtered={filtered}
          />
        </div>
        <p class="basis-full text-xs text-gray-500">
          {t("admin.audit.utc")}
        </p>
      </form>

      {page.items.length === 0
        ? (
          <EmptyNote testId="audit-empty">
            {filtered ? t("admin.audit.noMatch") : t("admin.audit.empty")}
          </EmptyNote>
        )
        : (
          <TableFrame>
            <thead class="bg-gray-50">
              <tr>
                <th scope="col" class={TH}>{t("admin.audit.when")}</th>
                <th scope="col" class={TH}>{t("admin.audit.who")}</th>
                <th scope="col" class={TH}>{t("admin.audit.action")}</th>
                <th scope="col" class={TH}>{t("admin.audit.entity")}</th>
              </tr>
            </thead>
            {/* A body per entry: its row, and its changes under it. */}
            {page.items.map((entry) => {
              const actor = actorName(entry.actorId);
              const pageOf = ENTITY_PAGES[entry.entityType];
              const changes = auditChanges(entry.before, entry.after);
              return (
                <tbody
                  key={entry.id}
                  data-testid="audit-row"
                  data-action={entry.action}
                  data-entity={entry.entityType}
                  class="hover:bg-gray-50"
                >
                  <tr>
                    <td class={`${TD} text-gray-600`}>
                      <time
                        dateTime={entry.createdAt.toISOString()}
                        class="block whitespace-nowrap"
                      >
                        {day.format(entry.createdAt)}
                        <span class="block">
                          {time.format(entry.createdAt)}
                        </span>
                      </time>
                      {entry.requestId && (
                        <span
                          class="relative mt-0.5 block max-w-[8rem] truncate font-mono text-xs text-gray-400"
                          title={`${
                            t("admin.audit.requestId")
                          }: ${entry.requestId}`}
                          data-testid="audit-request-id"
                        >
                          <span class="sr-only">
                            {t("admin.audit.requestId")}
                          </span>
                          <bdi>{entry.requestId}</bdi>
                        </span>
                      )}
                    </td>
                    <td class={`${TD} max-w-[12rem]`} data-testid="audit-actor">
                      {entry.actorId
                        ? (
                          <a
                            href={adminHref("/admin/audit", {
                              actor: entry.actorId,
                            })}
                            title={t("admin.audit.onlyActor")}
                            class="block truncate font-medium text-gray-900 hover:text-indigo-700 hover:underline"
                          >
                            {actor.name}
                          </a>
                        )
                        : <span class="font-medium">{actor.name}</span>}
                      {actor.email && actor.email !== actor.name && (
                        <span
                          class="block truncate text-xs text-gray-500"
                          title={actor.email}
                        >
                          <bdi>{actor.email}</bdi>
                        </span>
                      )}
                    </td>
                    <td class={`${TD} min-w-[10rem]`}>
                      <span class="block font-medium">
                        {auditActionName(t, entry.action)}
                      </span>
                      <code class="text-xs text-gray-500 [overflow-wrap:anywhere]">
                        {entry.action}
                      </code>
                    </td>
                    <td class={`${TD} max-w-[14rem]`}>
                      <span class="block">
                        {auditKindName(t, entry.entityType)}
                      </span>
                      {pageOf && UUID.test(entry.entityId)
                        ? (
                          <a
                            href={`${pageOf}/${entry.entityId}`}
                            data-testid="audit-entity-link"
                            title={entry.entityId}
                            class="block truncate font-mono text-xs text-indigo-700 hover:underline"
                          >
                            {entry.entityId}
                          </a>
                        )
                        : (
                          <span
                            title={entry.entityId}
                            class="block truncate font-mono text-xs text-gray-500"
                          >
                            {entry.entityId}
                          </span>
                        )}
                      <a
                        href={adminHref("/admin/audit", {
                          entity: entry.entityType,
                          id: entry.entityId,
                        })}
                        class="text-xs font-medium text-gray-500 hover:text-indigo-700 hover:underline"
                      >
                        {t("admin.audit.history")}
                      </a>
                    </td>
                  </tr>
                  {changes.length > 0 && (
                    <tr>
                      <td colSpan={4} class="px-3 pb-3 pt-0">
                        <Changes
                          changes={changes}
                          t={t}
                          arrow={textDirection(language) === "rtl" ? "←" : "→"}
                        />
                      </td>
                    </tr>
                  )}
                </tbody>
              );
            })}
          </TableFrame>
        )}

      <nav
        aria-label={t("admin.pagination")}
        class="mt-4 flex flex-wrap justify-between gap-3"
      >
        {query.cursor
          ? (
            <LinkButton href={adminHref("/admin/audit", filters)}>
              {t("admin.audit.newest")}
            </LinkButton>
          )
          : <span />}
        {page.nextCursor && (
          <LinkButton
            rel="next"
            testId="audit-next"
            href={adminHref("/admin/audit", {
              ...filters,
              cursor: page.nextCursor,
            })}
          >
            {t("admin.audit.older")}
          </LinkButton>
        )}
      </nav>
    </div>
  );
}
