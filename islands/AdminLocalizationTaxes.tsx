import { useSignal } from "@preact/signals";
import type { TaxRateView } from "../commerce/checkout/mod.ts";
import { ApiFailure, callApi } from "./_api.ts";
import { failureText, serverFieldErrors } from "./_admin_forms.ts";
import { useUnsavedWarning } from "./_unsaved.ts";
import { FieldError } from "./_FieldError.tsx";

/** The translated texts of {@link AdminLocalizationTaxes}. */
export interface AdminLocalizationTaxesLabels {
  country: string;
  region: string;
  wholeCountry: string;
  rate: string;
  name: string;
  inclusive: string;
  inclusiveHint: string;
  shipping: string;
  save: string;
  remove: string;
  /** "Delete the tax rate of {{place}}?…" */
  removeConfirm: string;
  addTitle: string;
  add: string;
  chooseCountry: string;
  regionHint: string;
  working: string;
  saved: string;
  unsaved: string;
  invalid: {
    required: string;
    percent: string;
    region: string;
    form: string;
  };
  /** By API error code, plus `failed`. */
  errors: Record<string, string>;
}

/** A tax rate row: the API's view plus its country's name. */
export type TaxRow = TaxRateView & { countryName: string };

/** Props of {@link AdminLocalizationTaxes}. */
export interface AdminLocalizationTaxesProps {
  rows: TaxRow[];
  /** Known tax codes with their names in the admin's language. */
  taxNames: { code: string; label: string }[];
  /** Every country, for the new rate's country. */
  countries: { code: string; name: string }[];
  labels: AdminLocalizationTaxesLabels;
}

interface Draft {
  percent: string;
  name: string;
  inclusive: boolean;
  appliesToShipping: boolean;
}

const INPUT =
  "block w-full rounded-md border border-gray-300 px-2 py-1.5 text-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 aria-[invalid=true]:border-red-500 disabled:bg-gray-50";
const CHECK =
  "h-4 w-4 rounded border-gray-300 text-indigo-600 focus:ring-indigo-500 disabled:cursor-not-allowed disabled:opacity-60";
const PRIMARY =
  "rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500 disabled:cursor-not-allowed disabled:bg-indigo-300";
const DANGER =
  "text-sm font-medium text-rose-700 hover:underline disabled:cursor-not-allowed disabled:text-gray-400 disabled:no-underline";
const TH =
  "px-3 py-2 text-start text-xs font-semibold uppercase tracking-wide text-gray-500";
const TD = "px-3 py-2 align-top text-sm text-gray-800";

/**
 * A fraction ("0.0825") as a percentage ("8.25"), by moving the decimal
 * point: exact, no float.
 */
export function fractionToPercent(fraction: string): string {
  const match = /^0(?:\.(\d+))?$/.exec(fraction.trim());
  if (!match) return fraction;
  const digits = (match[1] ?? "").padEnd(2, "0");
  const whole = digits.slice(0, 2).replace(/^0(?=\d)/, "");
  const rest = digits.slice(2).replace(/0+$/, "");
  return rest ? `${whole}.${rest}` : whole;
}

/**
 * A percentage below 100 with at most four decimals ("8.25") as the
 * fraction the API takes ("0.0825"); null when it is not one.
 */
export function percentToFraction(percent: string): string | null {
  const match = /^(\d{1,2})(?:\.(\d{1,4}))?$/.exec(percent.trim());
  if (!match) return null;
  const digits = `${match[1].padStart(2, "0")}${match[2] ?? ""}`
    .replace(/0+$/, "");
  return digits ? `0.${digits}` : "0";
}

/** A fraction shown as a percentage in `language` ("19 %", "8.25%"). */
export function percentText(fraction: string, language: string): string {
  return new Intl.NumberFormat(language, {
    style: "percent",
    maximumFractionDigits: 4,
  }).format(fraction as unknown as number);
}

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, name) => values[name] ?? "");
}

const keyOf = (rate: { country: string; region: string }) =>
  rate.region ? `${rate.country}-${rate.region}` : rate.country;

function draftOf(rate: TaxRateView): Draft {
  return {
    percent: fractionToPercent(rate.rate),
    name: rate.name,
    inclusive: rate.inclusive,
    appliesToShipping: rate.appliesToShipping,
  };
}

const EMPTY_NEW = {
  country: "",
  region: "",
  percent: "",
  name: "vat",
  inclusive: true,
  appliesToShipping: true,
};

/**
 * The tax rates table: each country's (or region's) rate as a percentage,
 * its name, whether shelf prices include it and whether shipping is taxed,
 * edited in place and saved by row, deleted, or added for another country
 * or region. Percentages are exact decimals (moved to the fraction the
 * API takes without a float), checked as typed; the server's messages
 * show by the field they concern; leaving with unsaved changes asks first.
 */
export default function AdminLocalizationTaxes(
  props: AdminLocalizationTaxesProps,
) {
  const { labels } = props;
  const rows = useSignal(props.rows);
  const saved = useSignal<Record<string, Draft>>(
    Object.fromEntries(props.rows.map((r) => [keyOf(r), draftOf(r)])),
  );
  const drafts = useSignal<Record<string, Draft>>(saved.value);
  const fresh = useSignal(EMPTY_NEW);
  const busy = useSignal("");
  const errors = useSignal<Record<string, string>>({});
  const failures = useSignal<
    Record<string, { summary: string; detail: string }>
  >({});
  const done = useSignal("");

  const rowDirty = (key: string) =>
    JSON.stringify(drafts.value[key]) !== JSON.stringify(saved.value[key]);
  const newDirty = () =>
    JSON.stringify(fresh.value) !== JSON.stringify(EMPTY_NEW);
  const dirty = () => rows.value.some((r) => rowDirty(keyOf(r))) || newDirty();

  useUnsavedWarning(dirty);

  function setFailure(
    key: string,
    failure: { summary: string; detail: string } | null,
  ) {
    const next = { ...failures.value };
    if (failure) next[key] = failure;
    else delete next[key];
    failures.value = next;
  }

  function setError(field: string, message: string) {
    const next = { ...errors.value };
    if (message) next[field] = message;
    else delete next[field];
    errors.value = next;
  }

  function checkPercent(field: string, text: string): boolean {
    const message = !text.trim()
      ? labels.invalid.required
      : percentToFraction(text) === null
      ? labels.invalid.percent
      : "";
    setError(field, message);
    return !message;
  }

  function checkCountry(): boolean {
    const message = fresh.value.country ? "" : labels.invalid.required;
    setError("new.country", message);
    return !message;
  }

  function checkRegion(): boolean {
    const region = fresh.value.region.trim();
    const message = region && !/^[A-Za-z0-9]{1,3}$/.test(region)
      ? labels.invalid.region
      : "";
    setError("new.region", message);
    return !message;
  }

  function serverErrors(error: unknown, prefix: string) {
    const found: Record<string, string> = {};
    for (const [path, message] of Object.entries(serverFieldErrors(error))) {
      const field = path === "rate" ? "percent" : path;
      found[`${prefix}.${field}`] = message;
    }
    if (error instanceof ApiFailure && error.code === "invalid_tax_rate") {
      found[`${prefix}.percent`] = error.message;
    }
    errors.value = { ...errors.value, ...found };
  }

  async function put(
    rate: { country: string; region: string },
    draft: Draft,
  ): Promise<TaxRateView> {
    const path = rate.region ? `${rate.country}/${rate.region}` : rate.country;
    return await callApi<TaxRateView>(
      "PUT",
      `/api/admin/localization/tax-rates/${path}`,
      {
        rate: percentToFraction(draft.percent)!,
        name: draft.name,
        inclusive: draft.inclusive,
        appliesToShipping: draft.appliesToShipping,
      },
    );
  }

  function applySaved(view: TaxRateView, countryName: string) {
    const key = keyOf(view);
    const row = { ...view, countryName };
    const exists = rows.value.some((r) => keyOf(r) === key);
    rows.value = exists
      ? rows.value.map((r) => keyOf(r) === key ? row : r)
      : [...rows.value, row].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
    saved.value = { ...saved.value, [key]: draftOf(view) };
    drafts.value = { ...drafts.value, [key]: draftOf(view) };
  }

  async function saveRow(row: TaxRow) {
    const key = keyOf(row);
    if (busy.value) return;
    done.value = "";
    setFailure(key, null);
    if (!checkPercent(`${key}.percent`, drafts.value[key].percent)) {
      setFailure(key, { summary: labels.invalid.form, detail: "" });
      return;
    }
    busy.value = key;
    try {
      applySaved(await put(row, drafts.value[key]), row.countryName);
      done.value = key;
    } catch (error) {
      serverErrors(error, key);
      setFailure(key, failureText(error, labels.errors));
    } finally {
      busy.value = "";
    }
  }

  async function removeRow(row: TaxRow) {
    const key = keyOf(row);
    if (busy.value) return;
    const place = row.region
      ? `${row.countryName} (${row.region})`
      : row.countryName;
    if (!confirm(fill(labels.removeConfirm, { place }))) return;
    busy.value = key;
    done.value = "";
    setFailure(key, null);
    try {
      const path = row.region ? `${row.country}/${row.region}` : row.country;
      await callApi("DELETE", `/api/admin/localization/tax-rates/${path}`);
      rows.value = rows.value.filter((r) => keyOf(r) !== key);
      const nextSaved = { ...saved.value };
      delete nextSaved[key];
      saved.value = nextSaved;
      const nextDrafts = { ...drafts.value };
      delete nextDrafts[key];
      drafts.value = nextDrafts;
    } catch (error) {
      setFailure(key, failureText(error, labels.errors));
    } finally {
      busy.value = "";
    }
  }

  async function add(event: Event) {
    event.preventDefault();
    if (busy.value) return;
    done.value = "";
    setFailure("new", null);
    const ok = [
      checkCountry(),
      checkRegion(),
      checkPercent("new.percent", fresh.value.percent),
    ].every(Boolean);
    if (!ok) {
      setFailure("new", { summary: labels.invalid.form, detail: "" });
      return;
    }
    busy.value = "new";
    const { country, region, ...draft } = fresh.value;
    try {
      const view = await put(
        { country, region: region.trim().toUpperCase() },
        draft,
      );
      applySaved(
        view,
        props.countries.find((c) => c.code === country)?.name ?? country,
      );
      fresh.value = EMPTY_NEW;
      done.value = "new";
    } catch (error) {
      serverErrors(error, "new");
      setFailure("new", failureText(error, labels.errors));
    } finally {
      busy.value = "";
    }
  }

  const working = busy.value !== "";
  const alert = (key: string) => {
    const failure = failures.value[key];
    return (
      <div
        role="alert"
        hidden={!failure}
        class="mt-1 max-w-[18rem] whitespace-normal text-xs text-rose-700"
      >
        {failure?.summary}
        <p>{failure?.detail}</p>
      </div>
    );
  };
  const nameOptions = (current: string) => (
    <>
      {props.taxNames.map((n) => (
        <option key={n.code} value={n.code} selected={n.code === current}>
          {n.label}
        </option>
      ))}
      {!props.taxNames.some((n) => n.code === current) && current && (
        <option value={current} selected>{current}</option>
      )}
    </>
  );

  return (
    <div data-testid="tax-editor">
      <div class="overflow-x-auto">
        <table class="min-w-full divide-y divide-gray-200">
          <thead>
            <tr>
              <th scope="col" class={TH}>{labels.country}</th>
              <th scope="col" class={TH}>{labels.rate}</th>
              <th scope="col" class={TH}>{labels.name}</th>
              <th scope="col" class={TH}>{labels.inclusive}</th>
              <th scope="col" class={TH}>{labels.shipping}</th>
              <th scope="col" class={TH}>
                <span class="sr-only">{labels.save}</span>
              </th>
            </tr>
          </thead>
          <tbody class="divide-y divide-gray-100" data-testid="tax-rows">
            {rows.value.map((row) => {
              const key = keyOf(row);
              const draft = drafts.value[key];
              const id = `tax-${key}`;
              const changed = rowDirty(key);
              const set = (change: Partial<Draft>) => {
                drafts.value = {
                  ...drafts.value,
                  [key]: { ...drafts.value[key], ...change },
                };
                done.value = "";
              };
              return (
                <tr key={key} data-tax={key} data-rate={row.rate}>
                  <th scope="row" class={`${TD} text-start font-medium`}>
                    {row.countryName}
                    <span class="block text-xs font-normal text-gray-500">
                      <code>{row.country}</code>
                      {" · "}
                      {row.region || labels.wholeCountry}
                    </span>
                  </th>
                  <td class={TD}>
                    <div class="flex w-32 items-center gap-1">
                      <label for={`${id}-percent`} class="sr-only">
                        {`${labels.rate} (${key})`}
                      </label>
                      <input
                        id={`${id}-percent`}
                        type="text"
                        inputMode="decimal"
                        value={draft.percent}
                        disabled={working}
                        aria-invalid={errors.value[`${key}.percent`]
                          ? "true"
                          : undefined}
                        aria-describedby={`${id}-percent-error`}
                        class={`${INPUT} tabular-nums`}
                        onInput={(event) => {
                          set({
                            percent: (event.target as HTMLInputElement).value,
                          });
                          if (errors.value[`${key}.percent`]) {
                            checkPercent(
                              `${key}.percent`,
                              drafts.value[key].percent,
                            );
                          }
                        }}
                        onBlur={() =>
                          checkPercent(
                            `${key}.percent`,
                            drafts.value[key].percent,
                          )}
                      />
                      <span aria-hidden="true" class="text-gray-500">%</span>
                    </div>
                    <FieldError
                      id={`${id}-percent`}
                      error={errors.value[`${key}.percent`]}
                    />
                  </td>
                  <td class={TD}>
                    <label for={`${id}-name`} class="sr-only">
                      {`${labels.name} (${key})`}
                    </label>
                    <select
                      id={`${id}-name`}
                      class={`${INPUT} min-w-[9rem] bg-white`}
                      disabled={working}
                      aria-describedby={`${id}-name-error`}
                      onChange={(event) =>
                        set({
                          name: (event.target as HTMLSelectElement).value,
                        })}
                    >
                      {nameOptions(draft.name)}
                    </select>
                    <FieldError
                      id={`${id}-name`}
                      error={errors.value[`${key}.name`]}
                    />
                  </td>
                  <td class={TD}>
                    <input
                      type="checkbox"
                      class={CHECK}
                      checked={draft.inclusive}
                      disabled={working}
                      aria-label={`${labels.inclusive} (${key})`}
                      title={labels.inclusiveHint}
                      onChange={(event) =>
                        set({
                          inclusive: (event.target as HTMLInputElement)
                            .checked,
                        })}
                    />
                  </td>
                  <td class={TD}>
                    <input
                      type="checkbox"
                      class={CHECK}
                      checked={draft.appliesToShipping}
                      disabled={working}
                      aria-label={`${labels.shipping} (${key})`}
                      onChange={(event) =>
                        set({
                          appliesToShipping: (event.target as HTMLInputElement)
                            .checked,
                        })}
                    />
                  </td>
                  <td class={`${TD} whitespace-nowrap`}>
                    <div class="flex items-center gap-3">
                      <button
                        type="button"
                        class={PRIMARY}
                        hidden={!changed && busy.value !== key}
                        disabled={working}
                        onClick={() => saveRow(row)}
                      >
                        {busy.value === key ? labels.working : labels.save}
                      </button>
                      <button
                        type="button"
                        class={DANGER}
                        disabled={working}
                        onClick={() => removeRow(row)}
                      >
                        {labels.remove}
                      </button>
                    </div>
                    <p
                      hidden={!changed}
                      class="mt-1 text-xs text-amber-700"
                    >
                      {labels.unsaved}
                    </p>
                    <p
                      hidden={done.value !== key || changed}
                      class="mt-1 text-xs text-emerald-700"
                    >
                      {labels.saved}
                    </p>
                    {alert(key)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <form
        onSubmit={add}
        novalidate
        class="mt-4 rounded-lg border border-dashed border-gray-300 p-4"
        data-testid="tax-add"
      >
        <h3 class="text-sm font-semibold text-gray-800">{labels.addTitle}</h3>
        <div class="mt-2 flex flex-wrap items-start gap-3">
          <div class="w-56">
            <label
              for="tax-new-country"
              class="block text-xs font-medium text-gray-700"
            >
              {labels.country}
            </label>
            <select
              id="tax-new-country"
              class={`${INPUT} mt-1 bg-white`}
              disabled={working}
              aria-invalid={errors.value["new.country"] ? "true" : undefined}
              aria-describedby="tax-new-country-error"
              onChange={(event) => {
                fresh.value = {
                  ...fresh.value,
                  country: (event.target as HTMLSelectElement).value,
                };
                checkCountry();
              }}
            >
              <option value="" selected={!fresh.value.country}>
                {labels.chooseCountry}
              </option>
              {props.countries.map((c) => (
                <option
                  key={c.code}
                  value={c.code}
                  selected={c.code === fresh.value.country}
                >
                  {c.name} ({c.code})
                </option>
              ))}
            </select>
            <FieldError
              id="tax-new-country"
              error={errors.value["new.country"]}
            />
          </div>
          <div class="w-28">
            <label
              for="tax-new-region"
              class="block text-xs font-medium text-gray-700"
            >
              {labels.region}
            </label>
            <input
              id="tax-new-region"
              type="text"
              value={fresh.value.region}
              placeholder={labels.regionHint}
              disabled={working}
              aria-invalid={errors.value["new.region"] ? "true" : undefined}
              aria-describedby="tax-new-region-error"
              class={`${INPUT} mt-1 uppercase`}
              onInput={(event) => {
                fresh.value = {
                  ...fresh.value,
                  region: (event.target as HTMLInputElement).value,
                };
                if (errors.value["new.region"]) checkRegion();
              }}
              onBlur={checkRegion}
            />
            <FieldError
              id="tax-new-region"
              error={errors.value["new.region"]}
            />
          </div>
          <div class="w-28">
            <label
              for="tax-new-percent"
              class="block text-xs font-medium text-gray-700"
            >
              {labels.rate} (%)
            </label>
            <input
              id="tax-new-percent"
              type="text"
              inputMode="decimal"
              value={fresh.value.percent}
              disabled={working}
              aria-invalid={errors.value["new.percent"] ? "true" : undefined}
              aria-describedby="tax-new-percent-error"
              class={`${INPUT} mt-1 tabular-nums`}
              onInput={(event) => {
                fresh.value = {
                  ...fresh.value,
                  percent: (event.target as HTMLInputElement).value,
                };
                if (errors.value["new.percent"]) {
                  checkPercent("new.percent", fresh.value.percent);
                }
              }}
              onBlur={() => checkPercent("new.percent", fresh.value.percent)}
            />
            <FieldError
              id="tax-new-percent"
              error={errors.value["new.percent"]}
            />
          </div>
          <div class="w-40">
            <label
              for="tax-new-name"
              class="block text-xs font-medium text-gray-700"
            >
              {labels.name}
            </label>
            <select
              id="tax-new-name"
              class={`${INPUT} mt-1 bg-white`}
              disabled={working}
              aria-describedby="tax-new-name-error"
              onChange={(event) =>
                fresh.value = {
                  ...fresh.value,
                  name: (event.target as HTMLSelectElement).value,
                }}
            >
              {nameOptions(fresh.value.name)}
            </select>
            <FieldError id="tax-new-name" error={errors.value["new.name"]} />
          </div>
          <div class="flex flex-col gap-2 pt-5 text-sm text-gray-700">
            <label class="inline-flex items-center gap-2">
              <input
                type="checkbox"
                class={CHECK}
                checked={fresh.value.inclusive}
                disabled={working}
                onChange={(event) =>
                  fresh.value = {
                    ...fresh.value,
                    inclusive: (event.target as HTMLInputElement).checked,
                  }}
              />
              {labels.inclusive}
            </label>
            <label class="inline-flex items-center gap-2">
              <input
                type="checkbox"
                class={CHECK}
                checked={fresh.value.appliesToShipping}
                disabled={working}
                onChange={(event) =>
                  fresh.value = {
                    ...fresh.value,
                    appliesToShipping: (event.target as HTMLInputElement)
                      .checked,
                  }}
              />
              {labels.shipping}
            </label>
          </div>
          <div class="pt-5">
            <button type="submit" class={PRIMARY} disabled={working}>
              {busy.value === "new" ? labels.working : labels.add}
            </button>
          </div>
        </div>
        <p role="status" class="mt-2 text-sm">
          <span hidden={done.value !== "new"} class="text-emerald-700">
            {labels.saved}
          </span>
        </p>
        {alert("new")}
      </form>
    </div>
  );
}
