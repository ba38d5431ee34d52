import { useSignal } from "@preact/signals";
import type {
  ShippingMethodView,
  ShippingZoneView,
} from "../commerce/checkout/mod.ts";
import { ApiFailure, callApi } from "./_api.ts";
import { failureText, minorUnits, serverFieldErrors } from "./_admin_forms.ts";
import { useUnsavedWarning } from "./_unsaved.ts";
import { FailureAlert } from "./_FailureAlert.tsx";
import { FieldError } from "./_FieldError.tsx";

/** The translated texts of {@link AdminLocalizationZones}. */
export interface AdminLocalizationZonesLabels {
  /** "{{count}} countries"-free summary: "Countries: {{list}}". */
  countries: string;
  restOfWorld: string;
  kinds: { flat: string; weight: string };
  /** "{{min}}–{{max}} days". */
  days: string;
  currency: string;
  flat: string;
  perKg: string;
  freeOver: string;
  freeOverHint: string;
  /** "Remove the {{currency}} price". */
  removePrice: string;
  remove: string;
  addCurrency: string;
  saveZone: string;
  working: string;
  saved: string;
  unsaved: string;
  invalid: { required: string; amount: string; form: string };
  /** By API error code, plus `failed`. */
  errors: Record<string, string>;
}

/** A method's price in one currency, as exact decimal strings. */
export interface ZonePrice {
  currency: string;
  flatAmount: string;
  perKgAmount: string;
  /** "" for none. */
  freeOver: string;
}

/** A shipping method of a zone, with its name in the admin's language. */
export interface ZoneMethod {
  key: string;
  kind: "flat" | "weight";
  /** Its names by language (sent back unchanged on save). */
  name: Record<string, string>;
  label: string;
  minDays: number;
  maxDays: number;
  prices: ZonePrice[];
}

/** A zone as the island shows it. */
export interface ZoneRow {
  id: string;
  key: string;
  /** Its countries named in the admin's language ("*" as the rest of the world). */
  countryNames: string[];
  methods: ZoneMethod[];
}

/** Props of {@link AdminLocalizationZones}. */
export interface AdminLocalizationZonesProps {
  language: string;
  /** The currencies a price may be in, with their decimals. */
  currencies: { code: string; digits: number }[];
  zones: ZoneRow[];
  labels: AdminLocalizationZonesLabels;
}

const INPUT =
  "block w-full rounded-md border border-gray-300 px-2 py-1.5 text-sm tabular-nums focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 aria-[invalid=true]:border-red-500 disabled:bg-gray-50";
const PRIMARY =
  "rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500 disabled:cursor-not-allowed disabled:bg-indigo-300";
const TH =
  "px-3 py-2 text-start text-xs font-semibold uppercase tracking-wide text-gray-500";
const TD = "px-3 py-2 align-top text-sm text-gray-800";
const AMOUNTS = ["flatAmount", "perKgAmount", "freeOver"] as const;
type AmountField = typeof AMOUNTS[number];

function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(
    /\{\{(\w+)\}\}/g,
    (_, name) => String(values[name] ?? ""),
  );
}

/** The methods of an API zone as the island keeps them. */
export function zoneMethods(
  zone: ShippingZoneView,
  labelOf: (method: ShippingMethodView) => string,
): ZoneMethod[] {
  return zone.methods.map((method) => ({
    key: method.key,
    kind: method.kind,
    name: method.name,
    label: labelOf(method),
    minDays: method.minDays,
    maxDays: method.maxDays,
    prices: method.prices.map((price) => ({
      currency: price.currency,
      flatAmount: price.flatAmount,
      perKgAmount: price.perKgAmount,
      freeOver: price.freeOver ?? "",
    })),
  }));
}

const trimmed = (methods: ZoneMethod[]) =>
  JSON.stringify(methods.map((m) =>
    m.prices.map((p) => [
      p.currency,
      p.flatAmount.trim(),
      p.perKgAmount.trim(),
      p.freeOver.trim(),
    ])
  ));

/**
 * Shipping zones with their rates: each method's price per currency (a
 * flat price, a price per started kilogram for methods by weight, and the
 * order value from which it ships free), edited in place, a currency
 * added or removed, and the zone saved as a whole. Amounts are exact
 * decimals checked against each currency's decimals as typed; the
 * server's messages show by the field they concern; leaving with unsaved
 * changes asks first.
 */
export default function AdminLocalizationZones(
  props: AdminLocalizationZonesProps,
) {
  const { labels } = props;
  const saved = useSignal<Record<string, ZoneMethod[]>>(
    Object.fromEntries(props.zones.map((z) => [z.id, z.methods])),
  );
  const drafts = useSignal<Record<string, ZoneMethod[]>>(saved.value);
  const busy = useSignal("");
  const errors = useSignal<Record<string, string>>({});
  const failures = useSignal<
    Record<string, { summary: string; detail: string }>
  >({});
  const done = useSignal("");

  const digitsOf = (currency: string) =>
    props.currencies.find((c) => c.code === currency)?.digits ?? 2;
  const zoneDirty = (id: string) =>
    trimmed(drafts.value[id]) !== trimmed(saved.value[id]);
  const dirty = () => props.zones.some((z) => zoneDirty(z.id));

  useUnsavedWarning(dirty);

  function edit(
    id: string,
    change: (methods: ZoneMethod[]) => ZoneMethod[],
  ) {
    drafts.value = { ...drafts.value, [id]: change(drafts.value[id]) };
    done.value = "";
  }

  function setPrice(
    id: string,
    m: number,
    p: number,
    field: AmountField,
    value: string,
  ) {
    edit(id, (methods) =>
      methods.map((method, i) =>
        i !== m ? method : {
          ...method,
          prices: method.prices.map((price, j) =>
            j !== p ? price : { ...price, [field]: value }
          ),
        }
      ));
  }

  function check(id: string, m: number, p: number, field: AmountField) {
    const method = drafts.value[id][m];
    const price = method?.prices[p];
    if (!price) return "";
    const text = price[field].trim();
    if (!text) return field === "flatAmount" ? labels.invalid.required : "";
    if (field === "perKgAmount" && method.kind === "flat") return "";
    return minorUnits(text, digitsOf(price.currency)) === null
      ? labels.invalid.amount
      : "";
  }

  function validate(
    id: string,
    fields: [number, number, AmountField][],
  ): boolean {
    const next = { ...errors.value };
    let ok = true;
    for (const [m, p, field] of fields) {
      const key = `${id}:methods.${m}.prices.${p}.${field}`;
      const message = check(id, m, p, field);
      if (message) {
        next[key] = message;
        ok = false;
      } else delete next[key];
    }
    errors.value = next;
    return ok;
  }

  function clearZoneErrors(id: string) {
    errors.value = Object.fromEntries(
      Object.entries(errors.value).filter(([key]) => !key.startsWith(`${id}:`)),
    );
  }

  async function save(id: string, event: Event) {
    event.preventDefault();
    if (busy.value) return;
    const methods = drafts.value[id];
    const fields = methods.flatMap((method, m) =>
      method.prices.flatMap((_, p) =>
        AMOUNTS.map((field) => [m, p, field] as [number, number, AmountField])
      )
    );
    clearZoneErrors(id);
    done.value = "";
    const rest = { ...failures.value };
    delete rest[id];
    failures.value = rest;
    if (!validate(id, fields)) {
      failures.value = {
        ...failures.value,
        [id]: { summary: labels.invalid.form, detail: "" },
      };
      return;
    }
    busy.value = id;
    try {
      const zone = await callApi<ShippingZoneView>(
        "PATCH",
        `/api/admin/localization/shipping-zones/${id}`,
        {
          methods: methods.map((method) => ({
            key: method.key,
            kind: method.kind,
            name: method.name,
            minDays: method.minDays,
            maxDays: method.maxDays,
            prices: method.prices.map((price) => ({
              currency: price.currency,
              flatAmount: price.flatAmount.trim(),
              perKgAmount: method.kind === "weight"
                ? price.perKgAmount.trim() || "0"
                : "0",
              freeOver: price.freeOver.trim() || null,
            })),
          })),
        },
      );
      // Names in the admin's language were the page's: kept by key.
      const labelled = zoneMethods(
        zone,
        (method) =>
          methods.find((m) => m.key === method.key)?.label ??
            method.name.en ?? method.key,
      );
      saved.value = { ...saved.value, [id]: labelled };
      drafts.value = { ...drafts.value, [id]: labelled };
      done.value = id;
    } catch (error) {
      const found: Record<string, string> = {};
      for (const [path, message] of Object.entries(serverFieldErrors(error))) {
        found[`${id}:${path}`] = message;
      }
      if (error instanceof ApiFailure && error.code === "invalid_amount") {
        const details = error.details as { amount?: string; currency?: string };
        methods.forEach((method, m) =>
          method.prices.forEach((price, p) => {
            if (price.currency !== details.currency) return;
            for (const field of AMOUNTS) {
              if (price[field].trim() === details.amount) {
                found[`${id}:methods.${m}.prices.${p}.${field}`] =
                  error.message;
              }
            }
          })
        );
      }
      errors.value = { ...errors.value, ...found };
      failures.value = {
        ...failures.value,
        [id]: failureText(error, labels.errors),
      };
    } finally {
      busy.value = "";
    }
  }

  const working = busy.value !== "";
  return (
    <div class="space-y-4" data-testid="zone-editor">
      {props.zones.map((zone) => {
        const methods = drafts.value[zone.id];
        const failure = failures.value[zone.id];
        const changed = zoneDirty(zone.id);
        return (
          <form
            key={zone.id}
            onSubmit={(event) => save(zone.id, event)}
            novalidate
            data-zone={zone.key}
            class="rounded-xl border border-gray-200 bg-white p-5 shadow-sm"
          >
            <h3 class="text-base font-bold text-gray-900">
              <code>{zone.key}</code>
            </h3>
            <p class="mt-1 text-xs text-gray-500">
              {fill(labels.countries, {
                list: zone.countryNames.map((name) =>
                  name === "*" ? labels.restOfWorld : name
                ).join(", "),
              })}
            </p>
            {methods.map((method, m) => {
              const missing = props.currencies.filter((c) =>
                !method.prices.some((p) => p.currency === c.code)
              );
              const methodError =
                errors.value[`${zone.id}:methods.${m}.prices`];
              return (
                <div
                  key={method.key}
                  class="mt-4"
                  data-method={method.key}
                >
                  <h4 class="text-sm font-semibold text-gray-800">
                    {method.label}
                    <span class="ml-2 rtl:ml-0 rtl:mr-2 text-xs font-normal text-gray-500">
                      {labels.kinds[method.kind]} · {fill(labels.days, {
                        min: method.minDays,
                        max: method.maxDays,
                      })}
                    </span>
                  </h4>
                  <div class="mt-2 overflow-x-auto">
                    <table class="min-w-full divide-y divide-gray-200">
                      <thead>
                        <tr>
                          <th scope="col" class={TH}>{labels.currency}</th>
                          <th scope="col" class={TH}>{labels.flat}</th>
                          {method.kind === "weight" && (
                            <th scope="col" class={TH}>{labels.perKg}</th>
                          )}
                          <th scope="col" class={TH}>
                            {labels.freeOver}
                          </th>
                          <th scope="col" class={TH}>
                            <span class="sr-only">{labels.remove}</span>
                          </th>
                        </tr>
                      </thead>
                      <tbody class="divide-y divide-gray-100">
                        {method.prices.map((price, p) => {
                          const input = (field: AmountField, label: string) => {
                            const key =
                              `${zone.id}:methods.${m}.prices.${p}.${field}`;
                            const id =
                              `zone-${zone.key}-${method.key}-${price.currency}-${field}`;
                            return (
                              <td class={TD}>
                                <div class="w-28">
                                  <label for={id} class="sr-only">
                                    {`${label} (${price.currency})`}
                                  </label>
                                  <input
                                    id={id}
                                    type="text"
                                    inputMode="decimal"
                                    value={price[field]}
                                    disabled={working}
                                    placeholder={field === "freeOver"
                                      ? labels.freeOverHint
                                      : undefined}
                                    aria-invalid={errors.value[key]
                                      ? "true"
                                      : undefined}
                                    aria-describedby={`${id}-error`}
                                    class={INPUT}
                                    onInput={(event) => {
                                      setPrice(
                                        zone.id,
                                        m,
                                        p,
                                        field,
                                        (event.target as HTMLInputElement)
                                          .value,
                                      );
                                      if (errors.value[key]) {
                                        validate(zone.id, [[m, p, field]]);
                                      }
                                    }}
                                    onBlur={() =>
                                      validate(zone.id, [[m, p, field]])}
                                  />
                                  <FieldError
                                    id={id}
                                    error={errors.value[key]}
                                  />
                                </div>
                              </td>
                            );
                          };
                          return (
                            <tr
                              key={price.currency}
                              data-currency={price.currency}
                            >
                              <th
                                scope="row"
                                class="px-3 py-2 text-start align-middle text-sm font-medium text-gray-800"
                              >
                                {price.currency}
                              </th>
                              {input("flatAmount", labels.flat)}
                              {method.kind === "weight" &&
                                input("perKgAmount", labels.perKg)}
                              {input("freeOver", labels.freeOver)}
                              <td class={TD}>
                                <button
                                  type="button"
                                  class="text-sm font-medium text-rose-700 hover:underline disabled:cursor-not-allowed disabled:text-gray-400 disabled:no-underline"
                                  disabled={working ||
                                    method.prices.length === 1}
                                  aria-label={fill(labels.removePrice, {
                                    currency: price.currency,
                                  })}
                                  onClick={() => {
                                    clearZoneErrors(zone.id);
                                    edit(zone.id, (all) =>
                                      all.map((one, i) =>
                                        i !== m ? one : {
                                          ...one,
                                          prices: one.prices.filter((_, j) =>
                                            j !== p
                                          ),
                                        }
                                      ));
                                  }}
                                >
                                  {labels.remove}
                                </button>
                              </td>
                            </tr>
                          );
                        })}
                      </tbody>
                    </table>
                  </div>
                  <p
                    hidden={!methodError}
                    class="mt-1 text-sm text-red-700"
                  >
                    {methodError}
                  </p>
                  {missing.length > 0 && (
                    <label class="mt-2 inline-flex items-center gap-2 text-sm text-gray-700">
                      <span class="sr-only">{labels.addCurrency}</span>
                      <select
                        class="rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500"
                        disabled={working}
                        value=""
                        onChange={(event) => {
                          const select = event.target as HTMLSelectElement;
                          const currency = select.value;
                          select.value = "";
                          if (!currency) return;
                          clearZoneErrors(zone.id);
                          edit(zone.id, (all) =>
                            all.map((one, i) =>
                              i !== m ? one : {
                                ...one,
                                prices: [...one.prices, {
                                  currency,
                                  flatAmount: "",
                                  perKgAmount: "",
                                  freeOver: "",
                                }],
                              }
                            ));
                        }}
                      >
                        <option value="">{labels.addCurrency}</option>
                        {missing.map((c) => (
                          <option key={c.code} value={c.code}>{c.code}</option>
                        ))}
                      </select>
                    </label>
                  )}
                </div>
              );
            })}
            <div class="mt-4 flex flex-wrap items-center gap-3 border-t border-gray-100 pt-4">
              <button
                type="submit"
                class={PRIMARY}
                disabled={working || !changed}
                data-testid={`zone-save-${zone.key}`}
              >
                {busy.value === zone.id ? labels.working : labels.saveZone}
              </button>
              <p role="status" class="text-sm">
                <span
                  hidden={done.value !== zone.id || changed}
                  class="text-emerald-700"
                >
                  {labels.saved}
                </span>
                <span hidden={!changed} class="text-amber-700">
                  {labels.unsaved}
                </span>
              </p>
              <FailureAlert failure={failure} class="w-full" />
            </div>
          </form>
        );
      })}
    </div>
  );
}
