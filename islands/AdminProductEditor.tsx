import { useSignal } from "@preact/signals";
import type {
  AdminProduct,
  CurrencyPrice,
} from "../commerce/catalog/admin_types.ts";
import { callApi } from "./_api.ts";
import { failureText, minorUnits, serverFieldErrors } from "./_admin_forms.ts";
import { useUnsavedWarning } from "./_unsaved.ts";
import { FailureAlert } from "./_FailureAlert.tsx";
import { FieldError } from "./_FieldError.tsx";
import { LanguageTabs } from "./_LanguageTabs.tsx";

/** The translated texts of {@link AdminProductEditor}. */
export interface AdminProductEditorLabels {
  copyTitle: string;
  languages: string;
  /** Beside a tab whose name or description is missing. */
  missing: string;
  defaultLanguage: string;
  name: string;
  description: string;
  pricingTitle: string;
  /** "Base price ({{currency}})". */
  basePrice: string;
  currency: string;
  converted: string;
  override: string;
  overrideHint: string;
  baseRow: string;
  noRate: string;
  save: string;
  saving: string;
  saved: string;
  unsaved: string;
  invalid: {
    required: string;
    tooLong: string;
    amount: string;
    /** A language without copy needs a name before a description. */
    nameFirst: string;
    /** Fix the marked fields first. */
    form: string;
  };
  /** By API error code, plus `failed`. */
  errors: Record<string, string>;
}

/** One language's copy as the editor starts with it. */
export interface EditorLanguage {
  code: string;
  /** The language's name in the admin's language. */
  label: string;
  dir: "ltr" | "rtl";
  name: string;
  description: string;
  /** Whether the product has copy in it (else saving adds it). */
  hasCopy: boolean;
}

/** One sold currency's price row. */
export interface EditorPrice {
  currency: string;
  /** Decimals of the currency. */
  digits: number;
  /** The price-list entry; "" without one. */
  override: string;
  /** The base price converted, formatted; "" without a rate. */
  converted: string;
  /** The base currency's row: the base price itself, no override. */
  base: boolean;
}

/** Props of {@link AdminProductEditor}: the product as read, and texts. */
export interface AdminProductEditorProps {
  productId: string;
  /** The admin's language, to format prices. */
  language: string;
  defaultLanguage: string;
  baseCurrency: string;
  baseDigits: number;
  basePrice: string;
  languages: EditorLanguage[];
  prices: EditorPrice[];
  labels: AdminProductEditorLabels;
}

interface Copy {
  name: string;
  description: string;
}

interface Saved {
  basePrice: string;
  copy: Record<string, Copy & { hasCopy: boolean }>;
  overrides: Record<string, string>;
}

const INPUT =
  "mt-1 block w-full rounded-md border border-gray-300 px-3 py-2 text-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 aria-[invalid=true]:border-red-500";

/**
 * The product editor: name and description in a tab per language (a tab
 * is marked while its translation is missing), the base price, and every
 * sold currency's price with the converted base price beside its
 * editable override. Fields are checked as they change; Save sends the
 * changed copy and base price (`PATCH`), then each changed override (`PUT`,
 * or `DELETE` when emptied), and shows the server's messages by the
 * fields they concern. Leaving with unsaved changes asks first.
 */
export default function AdminProductEditor(props: AdminProductEditorProps) {
  const { labels, languages } = props;
  const initial: Saved = {
    basePrice: props.basePrice,
    copy: Object.fromEntries(
      languages.map((l) => [l.code, {
        name: l.name,
        description: l.description,
        hasCopy: l.hasCopy,
      }]),
    ),
    overrides: Object.fromEntries(
      props.prices.filter((p) => !p.base).map((p) => [p.currency, p.override]),
    ),
  };
  const saved = useSignal<Saved>(initial);
  const basePrice = useSignal(initial.basePrice);
  const copy = useSignal<Record<string, Copy>>(
    Object.fromEntries(
      languages.map((
        l,
      ) => [l.code, { name: l.name, description: l.description }]),
    ),
  );
  const overrides = useSignal<Record<string, string>>(initial.overrides);
  const converted = useSignal<Record<string, string>>(
    Object.fromEntries(props.prices.map((p) => [p.currency, p.converted])),
  );
  const tab = useSignal(props.defaultLanguage);
  const errors = useSignal<Record<string, string>>({});
  const busy = useSignal(false);
  const status = useSignal<"" | "saved">("");
  const failure = useSignal<{ summary: string; detail: string } | null>(null);

  const digitsOf = (currency: string) =>
    props.prices.find((p) => p.currency === currency)?.digits ?? 2;

  function changedCopy(code: string): Partial<Copy> {
    const now = copy.value[code];
    const before = saved.value.copy[code];
    const change: Partial<Copy> = {};
    if (now.name.trim() !== before.name.trim()) change.name = now.name.trim();
    if (now.description.trim() !== before.description.trim()) {
      change.description = now.description.trim();
    }
    return change;
  }

  function dirty(): boolean {
    return basePrice.value.trim() !== saved.value.basePrice ||
      languages.some((l) => Object.keys(changedCopy(l.code)).length > 0) ||
      Object.keys(overrides.value).some((currency) =>
        overrides.value[currency].trim() !== saved.value.overrides[currency]
      );
  }

  useUnsavedWarning(dirty);

  function check(field: string): string {
    const { invalid } = labels;
    if (field === "basePrice") {
      const text = basePrice.value.trim();
      if (!text) return invalid.required;
      return minorUnits(text, props.baseDigits) === null ? invalid.amount : "";
    }
    const price = /^price\.([A-Z]{3})$/.exec(field);
    if (price) {
      const text = overrides.value[price[1]].trim();
      if (!text) return "";
      return minorUnits(text, digitsOf(price[1])) === null
        ? invalid.amount
        : "";
    }
    const match = /^copy\.(\w+)\.(name|description)$/.exec(field);
    if (!match) return "";
    const [, code, part] = match;
    const value = copy.value[code][part as keyof Copy].trim();
    const had = saved.value.copy[code].hasCopy;
    if (part === "name") {
      if (!value) {
        if (code === props.defaultLanguage || had) return invalid.required;
        return copy.value[code].description.trim() ? invalid.nameFirst : "";
      }
      return value.length > 200 ? invalid.tooLong : "";
    }
    return value.length > 20_000 ? invalid.tooLong : "";
  }

  function validate(fields: string[]): boolean {
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

  const allFields = () => [
    "basePrice",
    ...languages.flatMap((
      l,
    ) => [`copy.${l.code}.name`, `copy.${l.code}.description`]),
    ...Object.keys(overrides.value).map((c) => `price.${c}`),
  ];

  function missing(code: string): boolean {
    const { name, description } = copy.value[code];
    return !name.trim() || !description.trim();
  }

  function formatted(currency: string, amount: string | null): string {
    if (amount === null) return "";
    return new Intl.NumberFormat(props.language, {
      style: "currency",
      currency,
    })
      // An exact decimal string, formatted without going through a float.
      .format(amount as unknown as number);
  }

  function applyPrices(prices: CurrencyPrice[]) {
    const next = { ...converted.value };
    for (const price of prices) {
      next[price.currency] = formatted(price.currency, price.converted);
    }
    converted.value = next;
  }

  async function save(event: Event) {
    event.preventDefault();
    if (busy.value) return;
    status.value = "";
    failure.value = null;
    if (!validate(allFields())) {
      const first = Object.keys(errors.value)[0];
      const code = /^copy\.(\w+)\./.exec(first ?? "")?.[1];
      if (code) tab.value = code;
      failure.value = { summary: labels.invalid.form, detail: "" };
      return;
    }
    busy.value = true;
    const patch: { basePrice?: string; copy?: Record<string, Partial<Copy>> } =
      {};
    if (basePrice.value.trim() !== saved.value.basePrice) {
      patch.basePrice = basePrice.value.trim();
    }
    for (const { code } of languages) {
      const change = changedCopy(code);
      if (!Object.keys(change).length) continue;
      const had = saved.value.copy[code].hasCopy;
      if (!had && !copy.value[code].name.trim()) continue;
      patch.copy ??= {};
      patch.copy[code] = had ? change : {
        name: copy.value[code].name.trim(),
        description: copy.value[code].description.trim(),
      };
    }
    const serverErrors: Record<string, string> = {};
    try {
      if (Object.keys(patch).length) {
        const product = await callApi<AdminProduct>(
          "PATCH",
          `/api/admin/products/${props.productId}`,
          patch,
        );
        const next: Saved = {
          ...saved.value,
          basePrice: product.basePrice,
          copy: Object.fromEntries(languages.map((l) => {
            const c = product.copy[l.code as keyof typeof product.copy];
            return [l.code, {
              name: c?.name ?? "",
              description: c?.description ?? "",
              hasCopy: Boolean(c),
            }];
          })),
        };
        saved.value = next;
        basePrice.value = product.basePrice;
        copy.value = Object.fromEntries(
          languages.map((l) => [l.code, {
            name: next.copy[l.code].name,
            description: next.copy[l.code].description,
          }]),
        );
        applyPrices(product.prices);
      }
      for (const currency of Object.keys(overrides.value)) {
        const value = overrides.value[currency].trim();
        if (value === saved.value.overrides[currency]) continue;
        const path =
          `/api/admin/products/${props.productId}/prices/${currency}`;
        try {
          const price = value
            ? await callApi<CurrencyPrice>("PUT", path, { amount: value })
            : await callApi<CurrencyPrice>("DELETE", path);
          saved.value = {
            ...saved.value,
            overrides: {
              ...saved.value.overrides,
              [currency]: price.override ?? "",
            },
          };
          overrides.value = {
            ...overrides.value,
            [currency]: price.override ?? "",
          };
          applyPrices([price]);
        } catch (error) {
          const fields = serverFieldErrors(error);
          serverErrors[`price.${currency}`] = fields.amount ||
            failureText(error, labels.errors).detail ||
            labels.invalid.amount;
          throw error;
        }
      }
      status.value = "saved";
    } catch (error) {
      failure.value = failureText(error, labels.errors);
      for (const [path, message] of Object.entries(serverFieldErrors(error))) {
        if (path === "basePrice" || path.startsWith("copy.")) {
          serverErrors[path] = message;
        }
      }
      errors.value = { ...errors.value, ...serverErrors };
      const code = /^copy\.(\w+)\./.exec(Object.keys(serverErrors)[0] ?? "")
        ?.[1];
      if (code) tab.value = code;
    } finally {
      busy.value = false;
    }
  }

  const active = languages.find((l) => l.code === tab.value) ?? languages[0];
  const isDirty = dirty();
  const input = (
    field: string,
    label: string,
    value: string,
    set: (value: string) => void,
    options: { multiline?: boolean; lang?: string; dir?: "ltr" | "rtl" } = {},
  ) => {
    const id = `product-${field.replaceAll(".", "-")}`;
    const common = {
      id,
      name: field,
      value,
      lang: options.lang,
      dir: options.dir,
      disabled: busy.value,
      "aria-invalid": errors.value[field] ? ("true" as const) : undefined,
      "aria-describedby": `${id}-error`,
      class: INPUT,
      onInput: (event: Event) => {
        set((event.target as HTMLInputElement).value);
        status.value = "";
        if (errors.value[field]) validate([field]);
      },
      onBlur: () => validate([field]),
    };
    return (
      <div>
        <label for={id} class="block text-sm font-medium text-gray-700">
          {label}
        </label>
        {options.multiline
          ? <textarea {...common} rows={6} />
          : <input type="text" {...common} />}
        <FieldError id={id} error={errors.value[field]} />
      </div>
    );
  };

  return (
    <form
      onSubmit={save}
      novalidate
      class="space-y-6"
      data-testid="product-editor"
    >
      <section class="rounded-xl border border-gray-200 bg-white p-5 shadow-sm">
        <h2 class="text-base font-bold text-gray-900">{labels.copyTitle}</h2>
        <LanguageTabs
          class="mt-3"
          languages={languages}
          active={active.code}
          defaultLanguage={props.defaultLanguage}
          idPrefix="tab-"
          panelId="copy-panel"
          labels={labels}
          missing={missing}
          invalid={(code) =>
            Object.keys(errors.value).some((f) =>
              f.startsWith(`copy.${code}.`)
            )}
          onSelect={(code) => tab.value = code}
        />
        <div
          id="copy-panel"
          role="tabpanel"
          aria-labelledby={`tab-${active.code}`}
          class="mt-4 space-y-4"
        >
          <p
            hidden={!missing(active.code)}
            class="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
          >
            {labels.missing}
          </p>
          {input(
            `copy.${active.code}.name`,
            labels.name,
            copy.value[active.code].name,
            (value) =>
              copy.value = {
                ...copy.value,
                [active.code]: { ...copy.value[active.code], name: value },
              },
            { lang: active.code, dir: active.dir },
          )}
          {input(
            `copy.${active.code}.description`,
            labels.description,
            copy.value[active.code].description,
            (value) =>
              copy.value = {
                ...copy.value,
                [active.code]: {
                  ...copy.value[active.code],
                  description: value,
                },
              },
            { multiline: true, lang: active.code, dir: active.dir },
          )}
        </div>
      </section>

      <section class="rounded-xl border border-gray-200 bg-white p-5 shadow-sm">
        <h2 class="text-base font-bold text-gray-900">{labels.pricingTitle}</h2>
        <div class="mt-3 max-w-xs">
          {input(
            "basePrice",
            labels.basePrice,
            basePrice.value,
            (value) => basePrice.value = value,
          )}
        </div>
        <p class="mt-4 text-xs text-gray-500">{labels.overrideHint}</p>
        <div class="mt-2 overflow-x-auto">
          <table
            class="min-w-full divide-y divide-gray-200"
            data-testid="price-rows"
          >
            <thead>
              <tr>
                <th
                  scope="col"
                  class="px-3 py-2 text-start text-xs font-semibold uppercase text-gray-500"
                >
                  {labels.currency}
                </th>
                <th
                  scope="col"
                  class="px-3 py-2 text-end text-xs font-semibold uppercase text-gray-500"
                >
                  {labels.converted}
                </th>
                <th
                  scope="col"
                  class="px-3 py-2 text-start text-xs font-semibold uppercase text-gray-500"
                >
                  {labels.override}
                </th>
              </tr>
            </thead>
            <tbody class="divide-y divide-gray-100">
              {props.prices.map((price) => {
                const field = `price.${price.currency}`;
                const id = `price-${price.currency}`;
                return (
                  <tr key={price.currency} data-currency={price.currency}>
                    <th
                      scope="row"
                      class="px-3 py-2 text-start text-sm font-semibold"
                    >
                      {price.currency}
                    </th>
                    <td
                      class="whitespace-nowrap px-3 py-2 text-end text-sm tabular-nums text-gray-700"
                      data-testid={`converted-${price.currency}`}
                    >
                      {converted.value[price.currency] || labels.noRate}
                    </td>
                    <td class="px-3 py-2 text-sm">
                      {price.base
                        ? <span class="text-gray-500">{labels.baseRow}</span>
                        : (
                          <div class="max-w-[12rem]">
                            <label for={id} class="sr-only">
                              {`${labels.override} (${price.currency})`}
                            </label>
                            <input
                              id={id}
                              type="text"
                              inputMode="decimal"
                              value={overrides.value[price.currency]}
                              disabled={busy.value}
                              aria-invalid={errors.value[field]
                                ? "true"
                                : undefined}
                              aria-describedby={`${id}-error`}
                              class={INPUT.replace("mt-1 ", "")}
                              onInput={(event) => {
                                overrides.value = {
                                  ...overrides.value,
                                  [price.currency]:
                                    (event.target as HTMLInputElement).value,
                                };
                                status.value = "";
                                if (errors.value[field]) validate([field]);
                              }}
                              onBlur={() => validate([field])}
                            />
                            <FieldError id={id} error={errors.value[field]} />
                          </div>
                        )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <div class="sticky bottom-0 -mx-1 flex flex-wrap items-center gap-3 rounded-xl border border-gray-200 bg-white/95 px-4 py-3 shadow-sm">
        <button
          type="submit"
          data-testid="product-save"
          disabled={busy.value}
          class="rounded-md bg-indigo-600 px-5 py-2 text-sm font-semibold text-white hover:bg-indigo-500 disabled:cursor-not-allowed disabled:bg-indigo-300"
        >
          {busy.value ? labels.saving : labels.save}
        </button>
        <p role="status" class="text-sm" data-testid="product-save-status">
          <span
            hidden={status.value !== "saved" || isDirty}
            class="text-emerald-700"
          >
            {labels.saved}
          </span>
          <span hidden={!isDirty} class="text-amber-700">{labels.unsaved}</span>
        </p>
        <FailureAlert
          failure={failure.value}
          testId="product-save-error"
          class="w-full"
        />
      </div>
    </form>
  );
}
