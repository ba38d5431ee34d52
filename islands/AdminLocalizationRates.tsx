import { useSignal } from "@preact/signals";
import type {
  RateAdminView,
  RatesUpdateView,
} from "../commerce/localization/admin/mod.ts";
import { ApiFailure, callApi } from "./_api.ts";
import { failureText, serverFieldErrors } from "./_admin_forms.ts";
import { useUnsavedWarning } from "./_unsaved.ts";
import { FieldError } from "./_FieldError.tsx";

/** The translated texts of {@link AdminLocalizationRates}. */
export interface AdminLocalizationRatesLabels {
  title: string;
  /** "Units of each currency per 1 {{base}}…" */
  note: string;
  currency: string;
  rate: string;
  source: string;
  age: string;
  override: string;
  actions: string;
  /** "Feed: {{value}}" (the feed's rate or source under an override). */
  feedValue: string;
  noRate: string;
  noOverride: string;
  /** "until {{date}}". */
  until: string;
  stale: string;
  staleNote: string;
  /** Source names by the API's `source`; unknown ones show as sent. */
  sources: Record<string, string>;
  setOverride: string;
  changeOverride: string;
  clearOverride: string;
  /** "Go back to the feed's rate for {{currency}}?…" */
  clearConfirm: string;
  /** "Override the rate of {{currency}}". */
  formTitle: string;
  /** "Rate (per 1 {{base}})". */
  overrideRate: string;
  expiresAt: string;
  /** "At most {{days}} days ahead…" */
  overrideHint: string;
  saveOverride: string;
  cancel: string;
  update: string;
  /** "Fetching rates from {{source}}…" */
  updating: string;
  /** "Stored {{stored}} rates of {{date}} from {{source}}." */
  updated: string;
  /** "The rates of {{date}} from {{source}} were stored already." */
  unchanged: string;
  /** "Prices updated: {{count}}." */
  repriced: string;
  /** "The last known rates of {{date}} ({{source}}) stay in force." */
  lastKnown: string;
  noLastKnown: string;
  working: string;
  saved: string;
  unsaved: string;
  invalid: {
    required: string;
    rate: string;
    expiryPast: string;
    /** "… at most {{days}} days." */
    expiryFar: string;
    form: string;
  };
  /** By API error code, plus `failed`. */
  errors: Record<string, string>;
}

/** One sold currency's rate row (the API's view and the currency's name). */
export type RateRow = Omit<RateAdminView, "override"> & {
  name: string;
  override: { rate: string; expiresAt: string; setAt: string } | null;
};

/** Props of {@link AdminLocalizationRates}. */
export interface AdminLocalizationRatesProps {
  /** The admin's language, to format figures and dates. */
  language: string;
  base: string;
  /** The configured feed's name, as the labels name it ("ECB"). */
  feedLabel: string;
  /** A feed rate older than this is flagged stale. */
  staleSeconds: number;
  /** The longest an override may last. */
  maxOverrideDays: number;
  rows: RateRow[];
  labels: AdminLocalizationRatesLabels;
}

const INPUT =
  "mt-1 block w-full rounded-md border border-gray-300 px-3 py-2 text-sm tabular-nums focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 aria-[invalid=true]:border-red-500 disabled:bg-gray-50";
const PRIMARY =
  "rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500 disabled:cursor-not-allowed disabled:bg-indigo-300";
const SECONDARY =
  "rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm font-semibold text-gray-800 hover:bg-gray-50 disabled:cursor-not-allowed disabled:text-gray-400";
const LINK =
  "text-sm font-medium text-indigo-700 hover:underline disabled:cursor-not-allowed disabled:text-gray-400 disabled:no-underline";
const HEAD =
  "px-3 py-2 text-xs font-semibold uppercase tracking-wide text-gray-500";
const TH = `${HEAD} text-start`;
const TH_END = `${HEAD} text-end`;
const TD = "px-3 py-2 align-top text-sm text-gray-800";
const DAY_MS = 24 * 3600 * 1000;

/** How long ago `seconds` was, in `language` ("3 days ago", "vor 5 Std."). */
export function ageText(seconds: number, language: string): string {
  const format = new Intl.RelativeTimeFormat(language, { numeric: "auto" });
  if (seconds < 3600) {
    return format.format(-Math.floor(seconds / 60), "minute");
  }
  if (seconds < 48 * 3600) {
    return format.format(-Math.floor(seconds / 3600), "hour");
  }
  return format.format(-Math.floor(seconds / 86400), "day");
}

/** A date and time in `language`, in UTC and saying so. */
export function dateTimeText(iso: string, language: string): string {
  // dateStyle cannot be combined with timeZoneName: the parts, spelled out.
  return new Intl.DateTimeFormat(language, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "UTC",
    timeZoneName: "short",
  }).format(new Date(iso));
}

/** An exact decimal rate in `language` (digits kept, no float). */
export function rateText(rate: string, language: string): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 12 })
    .format(rate as unknown as number);
}

/** Whether the feed's rate of a row is older than `staleSeconds`. */
export function isStale(row: RateRow, staleSeconds: number): boolean {
  if (row.override) return false;
  return row.feed.ageSeconds === null || row.feed.ageSeconds > staleSeconds;
}

/**
 * The problem with a typed rate, or "": a plain positive decimal below
 * 10^9 with at most 12 significant digits (what the pricing module takes).
 */
export function rateProblem(text: string): "required" | "rate" | "" {
  const value = text.trim();
  if (!value) return "required";
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) return "rate";
  const whole = match[1].replace(/^0+(?=\d)/, "");
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  if (!/[1-9]/.test(whole + fraction)) return "rate";
  if (whole.length > 9) return "rate";
  return (whole + fraction).replace(/^0+/, "").length > 12 ? "rate" : "";
}

// `date` as a datetime-local field's value, in the browser's time zone.
function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${
    pad(date.getDate())
  }T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(
    /\{\{(\w+)\}\}/g,
    (_, name) => String(values[name] ?? ""),
  );
}

type Outcome =
  | { kind: "running" }
  | { kind: "done"; text: string }
  | { kind: "failed"; summary: string; detail: string; lastKnown: string };

/**
 * The exchange-rate table: each sold currency's rate against the base, its
 * source, its age (stale ones flagged) and the admin's override with its
 * expiry. Staff set an override (a positive decimal until a time within
 * the allowed days, checked as typed) or clear it, and fetch the feed now
 * (its progress and outcome shown, the rows refreshed either way).
 * Leaving with an override typed but not saved asks first.
 */
export default function AdminLocalizationRates(
  props: AdminLocalizationRatesProps,
) {
  const { labels, language } = props;
  const rows = useSignal(props.rows);
  const editing = useSignal("");
  const draft = useSignal({ rate: "", expiresAt: "" });
  const initialDraft = useSignal({ rate: "", expiresAt: "" });
  const busy = useSignal("");
  const errors = useSignal<Record<string, string>>({});
  const failure = useSignal<
    { row: string; summary: string; detail: string } | null
  >(null);
  const saved = useSignal("");
  const outcome = useSignal<Outcome | null>(null);

  const sourceName = (source: string | null) =>
    source === null ? "" : labels.sources[source] ?? source;

  const dirty = () =>
    editing.value !== "" &&
    (draft.value.rate.trim() !== initialDraft.value.rate ||
      draft.value.expiresAt !== initialDraft.value.expiresAt);
  useUnsavedWarning(dirty);

  function merge(views: RateAdminView[]) {
    const byCode = new Map(views.map((view) => [view.currency, view]));
    rows.value = rows.value.map((row) => {
      const view = byCode.get(row.currency);
      return view ? { ...view, name: row.name } : row;
    });
  }

  function startEditing(row: RateRow) {
    const expires = row.override
      ? new Date(row.override.expiresAt)
      : new Date(Date.now() + DAY_MS);
    const start = {
      rate: row.override?.rate ?? row.feed.rate ?? "",
      expiresAt: localInput(expires),
    };
    draft.value = start;
    initialDraft.value = start;
    errors.value = {};
    failure.value = null;
    saved.value = "";
    editing.value = row.currency;
  }

  function check(field: "rate" | "expiresAt"): string {
    const { invalid } = labels;
    if (field === "rate") {
      const problem = rateProblem(draft.value.rate);
      return problem ? invalid[problem] : "";
    }
    if (!draft.value.expiresAt) return invalid.required;
    const at = new Date(draft.value.expiresAt).getTime();
    if (Number.isNaN(at)) return invalid.required;
    if (at <= Date.now()) return invalid.expiryPast;
    if (at > Date.now() + props.maxOverrideDays * DAY_MS) {
      return fill(invalid.expiryFar, { days: props.maxOverrideDays });
    }
    return "";
  }

  function validate(fields: ("rate" | "expiresAt")[]): boolean {
    const next = { ...errors.value };
    let ok = true;
    for (const field of fields) {
      const message = check(field);
      if (message) {
        next[field] = message;
        ok = false;
      } else delete next[field];
    }
    errors.value = next;
    return ok;
  }

  async function saveOverride(event: Event) {
    event.preventDefault();
    const code = editing.value;
    if (busy.value || !code) return;
    failure.value = null;
    if (!validate(["rate", "expiresAt"])) {
      failure.value = { row: code, summary: labels.invalid.form, detail: "" };
      return;
    }
    busy.value = code;
    try {
      const view = await callApi<RateAdminView>(
        "PUT",
        `/api/admin/localization/rates/${code}/override`,
        {
          rate: draft.value.rate.trim(),
          expiresAt: new Date(draft.value.expiresAt).toISOString(),
        },
      );
      merge([view]);
      editing.value = "";
      saved.value = code;
    } catch (error) {
      const fields: Record<string, string> = {};
      for (const [path, message] of Object.entries(serverFieldErrors(error))) {
        if (path === "rate" || path === "expiresAt") fields[path] = message;
      }
      if (error instanceof ApiFailure) {
        const field = (error.details as { field?: string } | null)?.field;
        if (error.code === "invalid_rate") fields.rate = error.message;
        if (field === "expiresAt") fields.expiresAt = error.message;
      }
      errors.value = { ...errors.value, ...fields };
      failure.value = { row: code, ...failureText(error, labels.errors) };
    } finally {
      busy.value = "";
    }
  }

  async function clearOverride(code: string) {
    if (busy.value) return;
    if (!confirm(fill(labels.clearConfirm, { currency: code }))) return;
    busy.value = code;
    failure.value = null;
    saved.value = "";
    try {
      merge([
        await callApi<RateAdminView>(
          "DELETE",
          `/api/admin/localization/rates/${code}/override`,
        ),
      ]);
      if (editing.value === code) editing.value = "";
      saved.value = code;
    } catch (error) {
      failure.value = { row: code, ...failureText(error, labels.errors) };
    } finally {
      busy.value = "";
    }
  }

  async function updateNow() {
    if (busy.value) return;
    busy.value = "update";
    saved.value = "";
    outcome.value = { kind: "running" };
    try {
      const result = await callApi<RatesUpdateView>(
        "POST",
        "/api/admin/localization/rates/update",
      );
      merge(result.rates);
      const values = {
        stored: result.stored,
        date: dateTimeText(result.asOf, language),
        source: sourceName(result.source),
      };
      const text = result.stored > 0
        ? fill(labels.updated, values)
        : fill(labels.unchanged, values);
      outcome.value = {
        kind: "done",
        text: result.repriced
          ? `${text} ${fill(labels.repriced, { count: result.repriced })}`
          : text,
      };
    } catch (error) {
      let lastKnown = "";
      if (error instanceof ApiFailure && error.code === "rates_update_failed") {
        const details = error.details as {
          lastKnown: { asOf: string; source: string } | null;
          rates?: RateAdminView[];
        };
        if (details.rates) merge(details.rates);
        lastKnown = details.lastKnown
          ? fill(labels.lastKnown, {
            date: dateTimeText(details.lastKnown.asOf, language),
            source: sourceName(details.lastKnown.source),
          })
          : labels.noLastKnown;
      }
      outcome.value = {
        kind: "failed",
        ...failureText(error, labels.errors),
        lastKnown,
      };
    } finally {
      busy.value = "";
    }
  }

  const working = busy.value !== "";
  const anyStale = rows.value.some((row) => isStale(row, props.staleSeconds));
  const current = outcome.value;

  return (
    <section
      class="rounded-xl border border-gray-200 bg-white p-5 shadow-sm"
      data-testid="rate-table"
    >
      <div class="flex flex-wrap items-start justify-between gap-3">
        <div class="min-w-0">
          <h2 class="text-base font-bold text-gray-900">{labels.title}</h2>
          <p class="mt-1 text-xs text-gray-500">{labels.note}</p>
        </div>
        <button
          type="button"
          class={SECONDARY}
          disabled={working}
          data-testid="rates-update"
          onClick={updateNow}
        >
          {busy.value === "update"
            ? fill(labels.updating, { source: props.feedLabel })
            : labels.update}
        </button>
      </div>

      <div
        role="status"
        aria-live="polite"
        data-testid="rates-update-outcome"
        data-outcome={current?.kind}
        hidden={!current}
        class="mt-3 rounded-md border border-gray-200 bg-gray-50 px-3 py-2 text-sm text-gray-800 data-[outcome=done]:border-emerald-200 data-[outcome=done]:bg-emerald-50 data-[outcome=done]:text-emerald-900 data-[outcome=failed]:border-rose-200 data-[outcome=failed]:bg-rose-50 data-[outcome=failed]:text-rose-900"
      >
        {/* `hidden` loses to a display class: the class sits inside. */}
        <span hidden={current?.kind !== "running"}>
          <span class="inline-flex items-center gap-2">
            <span
              aria-hidden="true"
              class="inline-block h-4 w-4 animate-spin rounded-full border-2 border-gray-300 border-t-indigo-600"
            />
            {fill(labels.updating, { source: props.feedLabel })}
          </span>
        </span>
        <span hidden={current?.kind !== "done"}>
          {current?.kind === "done" ? current.text : ""}
        </span>
        <span hidden={current?.kind !== "failed"}>
          {current?.kind === "failed" ? current.summary : ""}
          <span class="mt-1 block text-xs">
            {current?.kind === "failed" ? current.lastKnown : ""}
          </span>
          <span class="mt-1 block text-xs text-rose-700">
            {current?.kind === "failed" ? current.detail : ""}
          </span>
        </span>
      </div>

      <p
        hidden={!anyStale}
        data-testid="rates-stale-note"
        class="mt-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
      >
        {labels.staleNote}
      </p>

      <div class="mt-3 overflow-x-auto">
        <table class="min-w-full divide-y divide-gray-200">
          <thead>
            <tr>
              <th scope="col" class={TH}>{labels.currency}</th>
              <th scope="col" class={TH_END}>{labels.rate}</th>
              <th scope="col" class={TH}>{labels.source}</th>
              <th scope="col" class={TH}>{labels.age}</th>
              <th scope="col" class={TH}>{labels.override}</th>
              <th scope="col" class={TH}>
                <span class="sr-only">{labels.actions}</span>
              </th>
            </tr>
          </thead>
          {rows.value.map((row) => {
            const stale = isStale(row, props.staleSeconds);
            const open = editing.value === row.currency;
            const rowFailure = failure.value?.row === row.currency
              ? failure.value
              : null;
            const id = `override-${row.currency}`;
            return (
              <tbody
                key={row.currency}
                class="border-t border-gray-100"
                data-currency={row.currency}
                data-source={row.source ?? ""}
                data-stale={String(stale)}
              >
                <tr>
                  <th scope="row" class={`${TD} text-start font-medium`}>
                    {row.currency}
                    <span class="block text-xs font-normal text-gray-500">
                      {row.name}
                    </span>
                  </th>
                  <td
                    class={`${TD} whitespace-nowrap text-end tabular-nums`}
                    data-testid={`rate-${row.currency}`}
                  >
                    {row.rate === null
                      ? <span class="text-gray-500">{labels.noRate}</span>
                      : rateText(row.rate, language)}
                    <p
                      hidden={!row.override || row.feed.rate === null}
                      class="text-xs text-gray-500"
                    >
                      {row.feed.rate === null ? "" : fill(labels.feedValue, {
                        value: rateText(row.feed.rate, language),
                      })}
                    </p>
                  </td>
                  <td class={TD} data-testid={`source-${row.currency}`}>
                    {sourceName(row.source)}
                    <p
                      hidden={!row.override || !row.feed.source}
                      class="text-xs text-gray-500"
                    >
                      {fill(labels.feedValue, {
                        value: sourceName(row.feed.source),
                      })}
                    </p>
                  </td>
                  <td class={TD} data-testid={`age-${row.currency}`}>
                    {row.ageSeconds === null ? "" : (
                      <time
                        class="whitespace-nowrap"
                        dateTime={row.asOf ?? undefined}
                        title={row.asOf
                          ? dateTimeText(row.asOf, language)
                          : undefined}
                      >
                        {ageText(row.ageSeconds, language)}
                      </time>
                    )}
                    <span hidden={!stale}>
                      <span class="ml-2 rtl:ml-0 rtl:mr-2 inline-flex rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-800">
                        {labels.stale}
                      </span>
                    </span>
                  </td>
                  <td class={TD} data-testid={`override-${row.currency}`}>
                    {row.override
                      ? (
                        <>
                          <span class="font-medium tabular-nums">
                            {rateText(row.override.rate, language)}
                          </span>
                          <span class="block text-xs text-gray-500">
                            <time dateTime={row.override.expiresAt}>
                              {fill(labels.until, {
                                date: dateTimeText(
                                  row.override.expiresAt,
                                  language,
                                ),
                              })}
                            </time>
                          </span>
                        </>
                      )
                      : <span class="text-gray-500">{labels.noOverride}</span>}
                  </td>
                  <td class={TD}>
                    <div class="flex flex-wrap gap-x-3 gap-y-1">
                      <button
                        type="button"
                        class={LINK}
                        disabled={working || open}
                        aria-expanded={open ? "true" : "false"}
                        aria-controls={`${id}-form`}
                        onClick={() => startEditing(row)}
                        data-testid={`override-open-${row.currency}`}
                      >
                        {row.override
                          ? labels.changeOverride
                          : labels.setOverride}
                      </button>
                      <button
                        type="button"
                        class={LINK}
                        hidden={!row.override}
                        disabled={working}
                        onClick={() => clearOverride(row.currency)}
                      >
                        {labels.clearOverride}
                      </button>
                    </div>
                    <p
                      hidden={busy.value !== row.currency}
                      class="text-xs text-gray-500"
                    >
                      {labels.working}
                    </p>
                    <p
                      hidden={saved.value !== row.currency}
                      class="text-xs text-emerald-700"
                    >
                      {labels.saved}
                    </p>
                    <div
                      role="alert"
                      hidden={!rowFailure || open}
                      class="max-w-[16rem] whitespace-normal text-xs text-rose-700"
                    >
                      {rowFailure?.summary}
                      <p>{rowFailure?.detail}</p>
                    </div>
                  </td>
                </tr>
                <tr hidden={!open} id={`${id}-form`}>
                  <td colSpan={6} class="bg-gray-50 px-3 py-3">
                    <form
                      onSubmit={saveOverride}
                      novalidate
                      class="flex flex-wrap items-start gap-4"
                      aria-label={fill(labels.formTitle, {
                        currency: row.currency,
                      })}
                    >
                      <div class="w-48">
                        <label
                          for={`${id}-rate`}
                          class="block text-sm font-medium text-gray-700"
                        >
                          {fill(labels.overrideRate, { base: props.base })}
                        </label>
                        <input
                          id={`${id}-rate`}
                          name="rate"
                          type="text"
                          inputMode="decimal"
                          value={open ? draft.value.rate : ""}
                          disabled={working}
                          aria-invalid={open && errors.value.rate
                            ? "true"
                            : undefined}
                          aria-describedby={`${id}-rate-error`}
                          class={INPUT}
                          onInput={(event) => {
                            draft.value = {
                              ...draft.value,
                              rate: (event.target as HTMLInputElement).value,
                            };
                            if (errors.value.rate) validate(["rate"]);
                          }}
                          onBlur={() => validate(["rate"])}
                        />
                        <FieldError
                          id={`${id}-rate`}
                          error={open ? errors.value.rate : undefined}
                        />
                      </div>
                      <div class="w-60">
                        <label
                          for={`${id}-expires`}
                          class="block text-sm font-medium text-gray-700"
                        >
                          {labels.expiresAt}
                        </label>
                        <input
                          id={`${id}-expires`}
                          name="expiresAt"
                          type="datetime-local"
                          value={open ? draft.value.expiresAt : ""}
                          disabled={working}
                          aria-invalid={open && errors.value.expiresAt
                            ? "true"
                            : undefined}
                          aria-describedby={`${id}-expires-error`}
                          class={INPUT}
                          onInput={(event) => {
                            draft.value = {
                              ...draft.value,
                              expiresAt: (event.target as HTMLInputElement)
                                .value,
                            };
                            if (errors.value.expiresAt) validate(["expiresAt"]);
                          }}
                          onBlur={() => validate(["expiresAt"])}
                        />
                        <FieldError
                          id={`${id}-expires`}
                          error={open ? errors.value.expiresAt : undefined}
                        />
                      </div>
                      <div class="flex items-center gap-2 pt-6">
                        <button
                          type="submit"
                          class={PRIMARY}
                          disabled={working}
                        >
                          {busy.value === row.currency
                            ? labels.working
                            : labels.saveOverride}
                        </button>
                        <button
                          type="button"
                          class={SECONDARY}
                          disabled={working}
                          onClick={() => {
                            editing.value = "";
                            errors.value = {};
                            failure.value = null;
                          }}
                        >
                          {labels.cancel}
                        </button>
                      </div>
                      <p class="w-full text-xs text-gray-500">
                        {fill(labels.overrideHint, {
                          days: props.maxOverrideDays,
                        })}
                        <span
                          hidden={!dirty()}
                          class="ml-2 rtl:ml-0 rtl:mr-2 font-medium text-amber-700"
                        >
                          {labels.unsaved}
                        </span>
                      </p>
                      <p
                        role="alert"
                        hidden={!rowFailure || !open}
                        class="w-full rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800"
                      >
                        {rowFailure?.summary}
                        <span class="mt-1 block text-xs text-rose-700">
                          {rowFailure?.detail}
                        </span>
                      </p>
                    </form>
                  </td>
                </tr>
              </tbody>
            );
          })}
        </table>
      </div>
    </section>
  );
}
