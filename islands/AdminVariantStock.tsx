import { useSignal } from "@preact/signals";
import type {
  AdminPage,
  AdminVariant,
  StockMovement,
} from "../commerce/catalog/admin_types.ts";
import { ApiFailure, callApi } from "./_api.ts";
import { failureText, minorUnits, serverFieldErrors } from "./_admin_forms.ts";
import { useUnsavedWarning } from "./_unsaved.ts";
import { FieldError } from "./_FieldError.tsx";

/** The translated texts of {@link AdminVariantStock}. */
export interface AdminVariantStockLabels {
  title: string;
  variant: string;
  /** "Own price (USD)". */
  ownPrice: string;
  /** Under an empty own price: what the variant sells for then. */
  ownPriceHint: string;
  threshold: string;
  onHand: string;
  reserved: string;
  available: string;
  low: string;
  actions: string;
  save: string;
  saved: string;
  adjust: string;
  history: string;
  adjustTitle: string;
  direction: string;
  add: string;
  remove: string;
  quantity: string;
  reason: string;
  reasonHint: string;
  apply: string;
  adjusted: string;
  cancel: string;
  when: string;
  change: string;
  quantityAfter: string;
  noMovements: string;
  older: string;
  newTitle: string;
  newOpen: string;
  sku: string;
  startingStock: string;
  create: string;
  created: string;
  optional: string;
  unsaved: string;
  working: string;
  invalid: {
    required: string;
    tooLong: string;
    amount: string;
    sku: string;
    quantity: string;
    threshold: string;
    /** "At most {max} can be removed: …"; `{max}` is filled in here. */
    tooMany: string;
    form: string;
  };
  /** By API error code, plus `failed`. */
  errors: Record<string, string>;
}

/** A variant as the table starts with it. */
export interface StockVariant {
  id: string;
  sku: string;
  /** Its options as the admin reads them ("Colour: Black"). */
  options: string;
  /** Its own price in the base currency; "" without one. */
  priceOverride: string;
  quantity: number;
  reserved: number;
  threshold: number;
}

/** An option the product's variants have, for a new variant's form. */
export interface OptionField {
  code: string;
  /** The option's name in the admin's language. */
  label: string;
}

/** Props of {@link AdminVariantStock}. */
export interface AdminVariantStockProps {
  productId: string;
  /** The admin's language, for dates and numbers. */
  language: string;
  baseCurrency: string;
  baseDigits: number;
  /** The product's price (exact decimal): what a variant without its own sells at. */
  basePrice: string;
  variants: StockVariant[];
  optionFields: OptionField[];
  labels: AdminVariantStockLabels;
}

interface RowDraft {
  price: string;
  threshold: string;
}

interface Adjustment {
  direction: "add" | "remove";
  quantity: string;
  reason: string;
}

interface History {
  items: StockMovement[];
  total: number;
  page: number;
  loading: boolean;
}

type Failure = { summary: string; detail: string };

const NEW_VARIANT = {
  sku: "",
  price: "",
  threshold: "5",
  stock: "0",
  options: {} as Record<string, string>,
};
const SKU = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
const COUNT = /^\d{1,7}$/;
const MAX_UNITS = 1_000_000;
const MOVEMENTS_PER_PAGE = 10;

const INPUT =
  "block w-full rounded-md border border-gray-300 px-2 py-1.5 text-sm placeholder:text-gray-400 focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 aria-[invalid=true]:border-red-500 disabled:bg-gray-50";
const LABEL = "block text-xs font-medium text-gray-600";
const BUTTON =
  "rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500 disabled:cursor-not-allowed disabled:bg-indigo-300";
const SECONDARY =
  "rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm font-medium text-gray-700 hover:bg-gray-50 aria-[expanded=true]:border-indigo-300 aria-[expanded=true]:bg-indigo-50 aria-[expanded=true]:text-indigo-700 disabled:cursor-not-allowed disabled:opacity-50";
const TOGGLE =
  "whitespace-nowrap rounded-md border border-gray-300 bg-white px-2 py-1 text-xs font-medium text-gray-700 hover:bg-gray-50 aria-[expanded=true]:border-indigo-300 aria-[expanded=true]:bg-indigo-50 aria-[expanded=true]:text-indigo-700";
const TH =
  "px-3 py-2 text-xs font-semibold uppercase tracking-wide text-gray-500";
const TD = "px-3 py-2 align-top text-sm text-gray-800";
const ALERT =
  "rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800";
const MOVEMENT_CELL = "px-2 py-1.5 align-top text-sm";
// Classes of what only the browser renders (a first history row): the
// page's CSS is read from the server's markup, so they are named there too.
const RENDERED_LATER = `${MOVEMENT_CELL} text-emerald-700 text-rose-700 ` +
  "tabular-nums whitespace-nowrap text-end text-gray-600 font-semibold";

/**
 * A product's variants and their stock: per variant its SKU and options,
 * its own price and low-stock threshold (edited in the row, saved per
 * row), units on hand, reserved and available. A row opens a stock
 * adjustment (add or remove a number of units, for a reason; never fewer
 * than orders reserved) and its recent stock movements. A form below adds
 * a variant. Every field is checked as it changes and shows the server's
 * messages by field; leaving with unsaved edits asks first.
 */
export default function AdminVariantStock(props: AdminVariantStockProps) {
  const { labels } = props;
  const rows = useSignal<StockVariant[]>(props.variants);
  const drafts = useSignal<Record<string, RowDraft>>(
    Object.fromEntries(props.variants.map((v) => [v.id, draftOf(v)])),
  );
  const adjustments = useSignal<Record<string, Adjustment>>({});
  const histories = useSignal<Record<string, History>>({});
  const open = useSignal<Record<string, { adjust: boolean; history: boolean }>>(
    {},
  );
  const adding = useSignal(false);
  const fresh = useSignal({ ...NEW_VARIANT });
  const errors = useSignal<Record<string, string>>({});
  const failures = useSignal<Record<string, Failure>>({});
  const notes = useSignal<Record<string, string>>({});
  /** What a request is running for: `<variant id>:save`, `…:adjust`, `new`. */
  const busy = useSignal("");

  function draftOf(variant: StockVariant): RowDraft {
    return {
      price: variant.priceOverride,
      threshold: String(variant.threshold),
    };
  }

  function rowDirty(variant: StockVariant): boolean {
    const draft = drafts.value[variant.id];
    return Boolean(draft) &&
      (draft.price.trim() !== variant.priceOverride ||
        draft.threshold.trim() !== String(variant.threshold));
  }

  function dirty(): boolean {
    const f = fresh.value;
    return rows.value.some(rowDirty) ||
      Object.entries(adjustments.value).some(([id, a]) =>
        open.value[id]?.adjust && (a.quantity.trim() || a.reason.trim())
      ) ||
      (adding.value &&
        Boolean(
          f.sku.trim() || f.price.trim() ||
            Object.values(f.options).some((v) => v.trim()),
        ));
  }

  useUnsavedWarning(dirty);

  function setErrors(fields: Record<string, string>, checked: string[]) {
    const next = { ...errors.value };
    for (const field of checked) delete next[field];
    errors.value = { ...next, ...fields };
  }

  function setNote(key: string, note: string) {
    notes.value = { ...notes.value, [key]: note };
  }

  function setFailure(key: string, failure: Failure | null) {
    const next = { ...failures.value };
    if (failure) next[key] = failure;
    else delete next[key];
    failures.value = next;
  }

  function checkPrice(text: string): string {
    const value = text.trim();
    if (!value) return "";
    return minorUnits(value, props.baseDigits) === null
      ? labels.invalid.amount
      : "";
  }

  function checkCount(text: string, message: string): string {
    const value = text.trim();
    if (!value) return labels.invalid.required;
    return COUNT.test(value) && Number(value) <= MAX_UNITS ? "" : message;
  }

  function checkRow(variant: StockVariant): boolean {
    const draft = drafts.value[variant.id];
    const found: Record<string, string> = {};
    const price = checkPrice(draft.price);
    if (price) found[`${variant.id}.priceOverride`] = price;
    const threshold = checkCount(draft.threshold, labels.invalid.threshold);
    if (threshold) found[`${variant.id}.lowStockThreshold`] = threshold;
    setErrors(found, [
      `${variant.id}.priceOverride`,
      `${variant.id}.lowStockThreshold`,
    ]);
    return !Object.keys(found).length;
  }

  function checkAdjustment(variant: StockVariant): boolean {
    const a = adjustments.value[variant.id] ?? emptyAdjustment();
    const found: Record<string, string> = {};
    const quantity = a.quantity.trim();
    if (!quantity) found[`${variant.id}.delta`] = labels.invalid.required;
    else if (
      !COUNT.test(quantity) || Number(quantity) < 1 ||
      Number(quantity) > MAX_UNITS
    ) {
      found[`${variant.id}.delta`] = labels.invalid.quantity;
    } else if (a.direction === "remove") {
      const max = Math.max(0, variant.quantity - variant.reserved);
      if (Number(quantity) > max) {
        found[`${variant.id}.delta`] = labels.invalid.tooMany.replace(
          "{max}",
          new Intl.NumberFormat(props.language).format(max),
        );
      }
    }
    const reason = a.reason.trim();
    if (!reason) found[`${variant.id}.reason`] = labels.invalid.required;
    else if (reason.length > 500) {
      found[`${variant.id}.reason`] = labels.invalid.tooLong;
    }
    setErrors(found, [`${variant.id}.delta`, `${variant.id}.reason`]);
    return !Object.keys(found).length;
  }

  function checkNew(): boolean {
    const f = fresh.value;
    const found: Record<string, string> = {};
    const sku = f.sku.trim();
    if (!sku) found["new.sku"] = labels.invalid.required;
    else if (sku.length > 64) found["new.sku"] = labels.invalid.tooLong;
    else if (!SKU.test(sku)) found["new.sku"] = labels.invalid.sku;
    for (const { code } of props.optionFields) {
      if ((f.options[code] ?? "").trim().length > 100) {
        found[`new.options.${code}`] = labels.invalid.tooLong;
      }
    }
    const price = checkPrice(f.price);
    if (price) found["new.priceOverride"] = price;
    const threshold = checkCount(f.threshold, labels.invalid.threshold);
    if (threshold) found["new.lowStockThreshold"] = threshold;
    const stock = checkCount(f.stock, labels.invalid.threshold);
    if (stock) found["new.stock"] = stock;
    setErrors(
      found,
      Object.keys(errors.value).filter((k) => k.startsWith("new.")),
    );
    return !Object.keys(found).length;
  }

  function replaceRow(variant: AdminVariant) {
    rows.value = rows.value.map((row) =>
      row.id === variant.id ? rowOf(variant, row.options) : row
    );
  }

  function fieldErrors(error: unknown, prefix: string): Record<string, string> {
    return Object.fromEntries(
      Object.entries(serverFieldErrors(error)).map((
        [path, message],
      ) => [`${prefix}.${path}`, message]),
    );
  }

  async function saveRow(variant: StockVariant) {
    if (busy.value || !checkRow(variant)) return;
    const draft = drafts.value[variant.id];
    const patch: { priceOverride?: string | null; lowStockThreshold?: number } =
      {};
    const price = draft.price.trim();
    if (price !== variant.priceOverride) patch.priceOverride = price || null;
    if (draft.threshold.trim() !== String(variant.threshold)) {
      patch.lowStockThreshold = Number(draft.threshold.trim());
    }
    if (!Object.keys(patch).length) return;
    busy.value = `${variant.id}:save`;
    setFailure(variant.id, null);
    setNote(variant.id, "");
    try {
      const saved = await callApi<AdminVariant>(
        "PATCH",
        `/api/admin/variants/${variant.id}`,
        patch,
      );
      replaceRow(saved);
      drafts.value = {
        ...drafts.value,
        [variant.id]: {
          price: saved.priceOverride ?? "",
          threshold: String(saved.stock.lowStockThreshold),
        },
      };
      setNote(variant.id, labels.saved);
    } catch (error) {
      setFailure(variant.id, failureText(error, labels.errors));
      setErrors(fieldErrors(error, variant.id), []);
    } finally {
      busy.value = "";
    }
  }

  async function loadHistory(variantId: string, page: number) {
    const before = histories.value[variantId];
    histories.value = {
      ...histories.value,
      [variantId]: {
        items: before?.items ?? [],
        total: before?.total ?? 0,
        page: before?.page ?? 0,
        loading: true,
      },
    };
    setFailure(`${variantId}.history`, null);
    try {
      const answer = await callApi<AdminPage<StockMovement>>(
        "GET",
        `/api/admin/variants/${variantId}/stock-movements?limit=${MOVEMENTS_PER_PAGE}&page=${page}`,
      );
      const kept = page === 1 ? [] : histories.value[variantId].items;
      const seen = new Set(kept.map((m) => m.id));
      histories.value = {
        ...histories.value,
        [variantId]: {
          items: [...kept, ...answer.items.filter((m) => !seen.has(m.id))],
          total: answer.total,
          page,
          loading: false,
        },
      };
    } catch (error) {
      setFailure(`${variantId}.history`, failureText(error, labels.errors));
      histories.value = {
        ...histories.value,
        [variantId]: { ...histories.value[variantId], loading: false },
      };
    }
  }

  function toggle(variantId: string, part: "adjust" | "history") {
    const now = open.value[variantId] ?? { adjust: false, history: false };
    const next = { ...now, [part]: !now[part] };
    open.value = { ...open.value, [variantId]: next };
    if (part === "history" && next.history && !histories.value[variantId]) {
      loadHistory(variantId, 1);
    }
  }

  function emptyAdjustment(): Adjustment {
    return { direction: "add", quantity: "", reason: "" };
  }

  function setAdjustment(variantId: string, change: Partial<Adjustment>) {
    adjustments.value = {
      ...adjustments.value,
      [variantId]: {
        ...(adjustments.value[variantId] ?? emptyAdjustment()),
        ...change,
      },
    };
    setNote(variantId, "");
  }

  async function adjust(event: Event, variant: StockVariant) {
    event.preventDefault();
    if (busy.value || !checkAdjustment(variant)) return;
    const a = adjustments.value[variant.id];
    const units = Number(a.quantity.trim());
    busy.value = `${variant.id}:adjust`;
    setFailure(variant.id, null);
    try {
      const answer = await callApi<
        { variant: AdminVariant; movement: StockMovement }
      >("POST", `/api/admin/variants/${variant.id}/stock`, {
        delta: a.direction === "add" ? units : -units,
        reason: a.reason.trim(),
      });
      replaceRow(answer.variant);
      adjustments.value = {
        ...adjustments.value,
        [variant.id]: emptyAdjustment(),
      };
      const history = histories.value[variant.id];
      if (history) {
        histories.value = {
          ...histories.value,
          [variant.id]: {
            ...history,
            items: [answer.movement, ...history.items],
            total: history.total + 1,
          },
        };
      }
      setNote(variant.id, labels.adjusted);
    } catch (error) {
      setFailure(variant.id, failureText(error, labels.errors));
      setErrors(fieldErrors(error, variant.id), []);
    } finally {
      busy.value = "";
    }
  }

  async function create(event: Event) {
    event.preventDefault();
    if (busy.value || !checkNew()) return;
    const f = fresh.value;
    const options = Object.fromEntries(
      Object.entries(f.options).map(([code, value]) => [code, value.trim()])
        .filter(([, value]) => value),
    );
    busy.value = "new";
    setFailure("new", null);
    setNote("new", "");
    try {
      const variant = await callApi<AdminVariant>(
        "POST",
        `/api/admin/products/${props.productId}/variants`,
        {
          sku: f.sku.trim(),
          options,
          priceOverride: f.price.trim() || null,
          lowStockThreshold: Number(f.threshold.trim()),
          stock: Number(f.stock.trim()),
        },
      );
      const text = props.optionFields
        .filter(({ code }) => options[code])
        .map(({ code, label }) => `${label}: ${options[code]}`)
        .join(" · ");
      const row = rowOf(variant, text);
      rows.value = [...rows.value, row];
      drafts.value = { ...drafts.value, [row.id]: draftOf(row) };
      fresh.value = { ...NEW_VARIANT, options: {} };
      adding.value = false;
      setNote("new", labels.created);
    } catch (error) {
      setFailure("new", failureText(error, labels.errors));
      const fields = fieldErrors(error, "new");
      if (error instanceof ApiFailure && error.code === "sku_taken") {
        fields["new.sku"] = labels.errors.sku_taken;
      }
      setErrors(fields, []);
    } finally {
      busy.value = "";
    }
  }

  const numbers = new Intl.NumberFormat(props.language);
  const signed = new Intl.NumberFormat(props.language, {
    signDisplay: "exceptZero",
  });
  const dates = new Intl.DateTimeFormat(props.language, {
    dateStyle: "medium",
    timeStyle: "short",
  });
  const isDirty = dirty();

  const field = (
    options: {
      id: string;
      name: string;
      label: string;
      value: string;
      set: (value: string) => void;
      onBlur?: () => void;
      inputMode?: "numeric" | "decimal";
      placeholder?: string;
      srLabel?: boolean;
      disabled?: boolean;
      hint?: string;
      class?: string;
    },
  ) => {
    const describedBy = [
      options.hint ? `${options.id}-hint` : "",
      `${options.id}-error`,
    ].filter(Boolean).join(" ");
    return (
      <div class={options.class}>
        <label
          for={options.id}
          class={options.srLabel ? "sr-only" : LABEL}
        >
          {options.label}
        </label>
        <input
          id={options.id}
          type="text"
          inputMode={options.inputMode}
          placeholder={options.placeholder}
          value={options.value}
          disabled={options.disabled}
          aria-invalid={errors.value[options.name] ? "true" : undefined}
          aria-describedby={describedBy}
          class={`${options.srLabel ? "" : "mt-1 "}${INPUT}`}
          onInput={(event) =>
            options.set((event.target as HTMLInputElement).value)}
          onBlur={options.onBlur}
        />
        {options.hint && (
          <p id={`${options.id}-hint`} class="mt-1 text-xs text-gray-500">
            {options.hint}
          </p>
        )}
        <FieldError id={options.id} error={errors.value[options.name]} />
      </div>
    );
  };

  const failureBox = (key: string) => {
    const failure = failures.value[key];
    return (
      <div role="alert" hidden={!failure} class={`mt-2 ${ALERT}`}>
        {failure?.summary}
        <p hidden={!failure?.detail} class="mt-1 text-xs text-rose-700">
          {failure?.detail}
        </p>
      </div>
    );
  };

  return (
    <section
      class="rounded-xl border border-gray-200 bg-white p-5 shadow-sm"
      data-testid="variant-table"
    >
      <span hidden>
        <span class={RENDERED_LATER} />
      </span>
      <div class="flex flex-wrap items-center justify-between gap-3">
        <h2 class="text-base font-bold text-gray-900">{labels.title}</h2>
        <p role="status" class="text-sm" data-testid="variants-status">
          <span hidden={!isDirty} class="text-amber-700">
            {labels.unsaved}
          </span>
        </p>
      </div>
      <div class="mt-3 overflow-x-auto">
        <table class="min-w-full divide-y divide-gray-200">
          <thead>
            <tr>
              <th scope="col" class={`${TH} text-start`}>{labels.variant}</th>
              <th scope="col" class={`${TH} text-start`}>{labels.ownPrice}</th>
              <th scope="col" class={`${TH} text-start`}>
                {labels.threshold}
              </th>
              <th scope="col" class={`${TH} text-end`}>{labels.onHand}</th>
              <th scope="col" class={`${TH} text-end`}>{labels.reserved}</th>
              <th scope="col" class={`${TH} text-end`}>{labels.available}</th>
              <th scope="col" class={`${TH} text-start`}>
                <span class="sr-only">{labels.actions}</span>
              </th>
            </tr>
          </thead>
          {rows.value.map((variant) => {
            const draft = drafts.value[variant.id] ?? draftOf(variant);
            const available = variant.quantity - variant.reserved;
            const low = available <= variant.threshold;
            const shown = open.value[variant.id] ??
              { adjust: false, history: false };
            const working = busy.value.startsWith(`${variant.id}:`);
            const a = adjustments.value[variant.id] ?? emptyAdjustment();
            const history = histories.value[variant.id];
            const changed = rowDirty(variant);
            const id = (part: string) => `variant-${variant.id}-${part}`;
            return (
              <tbody
                key={variant.id}
                class="border-t border-gray-100 first:border-t-0"
                data-variant-id={variant.id}
              >
                <tr data-sku={variant.sku}>
                  <td class={TD}>
                    <span class="font-mono text-xs">{variant.sku}</span>
                    <span class="block text-xs text-gray-500">
                      {variant.options}
                    </span>
                    <div class="mt-2 flex flex-wrap gap-1.5">
                      <button
                        type="button"
                        class={TOGGLE}
                        aria-expanded={shown.adjust ? "true" : "false"}
                        aria-controls={id("adjust")}
                        data-testid="variant-adjust"
                        onClick={() => toggle(variant.id, "adjust")}
                      >
                        {labels.adjust}
                      </button>
                      <button
                        type="button"
                        class={TOGGLE}
                        aria-expanded={shown.history ? "true" : "false"}
                        aria-controls={id("history")}
                        data-testid="variant-history"
                        onClick={() => toggle(variant.id, "history")}
                      >
                        {labels.history}
                      </button>
                    </div>
                  </td>
                  <td class={`${TD} w-36`}>
                    {field({
                      id: id("price"),
                      class: "min-w-[6.5rem]",
                      name: `${variant.id}.priceOverride`,
                      label: `${labels.ownPrice} · ${variant.sku}`,
                      srLabel: true,
                      value: draft.price,
                      placeholder: props.basePrice,
                      inputMode: "decimal",
                      disabled: working,
                      set: (value) => {
                        drafts.value = {
                          ...drafts.value,
                          [variant.id]: { ...draft, price: value },
                        };
                        setNote(variant.id, "");
                      },
                      onBlur: () => checkRow(variant),
                    })}
                  </td>
                  <td class={`${TD} w-28`}>
                    {field({
                      id: id("threshold"),
                      class: "min-w-[4.5rem]",
                      name: `${variant.id}.lowStockThreshold`,
                      label: `${labels.threshold} · ${variant.sku}`,
                      srLabel: true,
                      value: draft.threshold,
                      inputMode: "numeric",
                      disabled: working,
                      set: (value) => {
                        drafts.value = {
                          ...drafts.value,
                          [variant.id]: { ...draft, threshold: value },
                        };
                        setNote(variant.id, "");
                      },
                      onBlur: () => checkRow(variant),
                    })}
                  </td>
                  <td
                    class={`${TD} text-end tabular-nums`}
                    data-testid="stock-on-hand"
                  >
                    {numbers.format(variant.quantity)}
                  </td>
                  <td
                    class={`${TD} text-end tabular-nums`}
                    data-testid="stock-reserved"
                  >
                    {numbers.format(variant.reserved)}
                  </td>
                  <td
                    class={`${TD} text-end tabular-nums`}
                    data-testid="stock-available"
                    data-low={low ? "true" : undefined}
                  >
                    <span
                      class={low ? "font-semibold text-amber-700" : undefined}
                    >
                      {numbers.format(available)}
                    </span>
                    <span
                      hidden={!low}
                      class="block text-xs font-semibold text-amber-700"
                    >
                      {labels.low}
                    </span>
                  </td>
                  <td class={TD}>
                    <div class="flex justify-end">
                      <button
                        type="button"
                        class={`${BUTTON} whitespace-nowrap`}
                        disabled={!changed || Boolean(busy.value)}
                        data-testid="variant-save"
                        onClick={() => saveRow(variant)}
                      >
                        {busy.value === `${variant.id}:save`
                          ? labels.working
                          : labels.save}
                      </button>
                    </div>
                    <p
                      role="status"
                      hidden={!notes.value[variant.id]}
                      class="mt-1 text-end text-xs text-emerald-700"
                    >
                      {notes.value[variant.id]}
                    </p>
                  </td>
                </tr>
                <tr hidden={!failures.value[variant.id]}>
                  <td colSpan={7} class="px-3 pb-2">
                    {failureBox(variant.id)}
                  </td>
                </tr>
                <tr hidden={!shown.adjust} id={id("adjust")}>
                  <td colSpan={7} class="px-3 pb-3">
                    <form
                      onSubmit={(event) => adjust(event, variant)}
                      novalidate
                      class="rounded-md border border-gray-200 bg-gray-50 p-3"
                      data-testid="stock-form"
                    >
                      <p class="text-sm font-semibold text-gray-900">
                        {labels.adjustTitle}{" "}
                        <span class="font-mono text-xs font-normal text-gray-600">
                          {variant.sku}
                        </span>
                      </p>
                      <div class="mt-2 flex flex-wrap items-start gap-3">
                        <fieldset>
                          <legend class={LABEL}>{labels.direction}</legend>
                          <div class="mt-1 inline-flex overflow-hidden rounded-md border border-gray-300">
                            {(["add", "remove"] as const).map((direction) => (
                              <label
                                key={direction}
                                class={`cursor-pointer px-3 py-1.5 text-sm focus-within:ring-2 focus-within:ring-indigo-500 ${
                                  a.direction === direction
                                    ? "bg-indigo-600 font-semibold text-white"
                                    : "bg-white text-gray-700 hover:bg-gray-50"
                                }`}
                                data-testid={`stock-${direction}`}
                              >
                                <input
                                  type="radio"
                                  name={id("direction")}
                                  value={direction}
                                  checked={a.direction === direction}
                                  disabled={working}
                                  class="sr-only"
                                  onChange={() =>
                                    setAdjustment(variant.id, { direction })}
                                />
                                {direction === "add"
                                  ? labels.add
                                  : labels.remove}
                              </label>
                            ))}
                          </div>
                        </fieldset>
                        {field({
                          id: id("quantity"),
                          class: "w-32",
                          name: `${variant.id}.delta`,
                          label: labels.quantity,
                          value: a.quantity,
                          inputMode: "numeric",
                          disabled: working,
                          set: (value) =>
                            setAdjustment(variant.id, { quantity: value }),
                        })}
                        {field({
                          id: id("reason"),
                          class: "min-w-[14rem] flex-1",
                          name: `${variant.id}.reason`,
                          label: labels.reason,
                          value: a.reason,
                          hint: labels.reasonHint,
                          disabled: working,
                          set: (value) =>
                            setAdjustment(variant.id, { reason: value }),
                        })}
                        <div class="flex gap-2 sm:pt-5">
                          <button
                            type="submit"
                            class={BUTTON}
                            disabled={Boolean(busy.value)}
                            data-testid="stock-apply"
                          >
                            {busy.value === `${variant.id}:adjust`
                              ? labels.working
                              : labels.apply}
                          </button>
                          <button
                            type="button"
                            class={SECONDARY}
                            disabled={working}
                            onClick={() => {
                              setAdjustment(variant.id, emptyAdjustment());
                              setErrors({}, [
                                `${variant.id}.delta`,
                                `${variant.id}.reason`,
                              ]);
                              toggle(variant.id, "adjust");
                            }}
                          >
                            {labels.cancel}
                          </button>
                        </div>
                      </div>
                    </form>
                  </td>
                </tr>
                <tr hidden={!shown.history} id={id("history")}>
                  <td colSpan={7} class="px-3 pb-3">
                    <div
                      class="rounded-md border border-gray-200 p-3"
                      data-testid="stock-history"
                      aria-busy={history?.loading ? "true" : "false"}
                    >
                      <p class="text-sm font-semibold text-gray-900">
                        {labels.history}{" "}
                        <span class="font-mono text-xs font-normal text-gray-600">
                          {variant.sku}
                        </span>
                      </p>
                      <p
                        hidden={!history?.loading || history.items.length > 0}
                        class="mt-2 text-sm text-gray-500"
                      >
                        {labels.working}
                      </p>
                      <p
                        hidden={!history || history.loading ||
                          history.items.length > 0}
                        class="mt-2 text-sm text-gray-500"
                      >
                        {labels.noMovements}
                      </p>
                      {failureBox(`${variant.id}.history`)}
                      <table
                        hidden={!history?.items.length}
                        class="mt-2 min-w-full divide-y divide-gray-100"
                      >
                        <thead>
                          <tr>
                            <th scope="col" class={`${TH} text-start`}>
                              {labels.when}
                            </th>
                            <th scope="col" class={`${TH} text-end`}>
                              {labels.change}
                            </th>
                            <th scope="col" class={`${TH} text-start`}>
                              {labels.reason}
                            </th>
                            <th scope="col" class={`${TH} text-end`}>
                              {labels.quantityAfter}
                            </th>
                          </tr>
                        </thead>
                        <tbody class="divide-y divide-gray-100">
                          {history?.items.map((movement) => (
                            <tr
                              key={movement.id}
                              data-movement-id={movement.id}
                            >
                              <td
                                class={`${MOVEMENT_CELL} whitespace-nowrap text-gray-600`}
                              >
                                <time dateTime={movement.createdAt}>
                                  {dates.format(new Date(movement.createdAt))}
                                </time>
                              </td>
                              <td
                                class={`${MOVEMENT_CELL} text-end font-semibold tabular-nums ${
                                  movement.delta > 0
                                    ? "text-emerald-700"
                                    : "text-rose-700"
                                }`}
                              >
                                {signed.format(movement.delta)}
                              </td>
                              <td class={MOVEMENT_CELL}>{movement.reason}</td>
                              <td
                                class={`${MOVEMENT_CELL} text-end tabular-nums`}
                              >
                                {numbers.format(movement.quantityAfter)}
                              </td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                      <button
                        type="button"
                        hidden={!history ||
                          history.items.length >= history.total}
                        class={`mt-2 ${SECONDARY}`}
                        disabled={history?.loading}
                        onClick={() =>
                          loadHistory(variant.id, (history?.page ?? 0) + 1)}
                      >
                        {history?.loading ? labels.working : labels.older}
                      </button>
                    </div>
                  </td>
                </tr>
              </tbody>
            );
          })}
        </table>
      </div>

      <div class="mt-4 border-t border-gray-100 pt-4">
        <div class="flex flex-wrap items-center gap-3">
          <button
            type="button"
            class={SECONDARY}
            aria-expanded={adding.value ? "true" : "false"}
            aria-controls="variant-new"
            data-testid="variant-new-open"
            onClick={() => {
              adding.value = !adding.value;
              setNote("new", "");
            }}
          >
            {labels.newOpen}
          </button>
          <p
            role="status"
            hidden={!notes.value.new}
            class="text-sm text-emerald-700"
          >
            {notes.value.new}
          </p>
        </div>
        <form
          id="variant-new"
          hidden={!adding.value}
          onSubmit={create}
          novalidate
          class="mt-3 rounded-md border border-gray-200 bg-gray-50 p-3"
          data-testid="variant-new"
        >
          <p class="text-sm font-semibold text-gray-900">{labels.newTitle}</p>
          <div class="mt-2 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {field({
              id: "variant-new-sku",
              name: "new.sku",
              label: labels.sku,
              value: fresh.value.sku,
              disabled: busy.value === "new",
              set: (value) => fresh.value = { ...fresh.value, sku: value },
            })}
            {props.optionFields.map((option) =>
              field({
                id: `variant-new-option-${option.code}`,
                name: `new.options.${option.code}`,
                label: `${option.label} ${labels.optional}`,
                value: fresh.value.options[option.code] ?? "",
                disabled: busy.value === "new",
                set: (value) =>
                  fresh.value = {
                    ...fresh.value,
                    options: { ...fresh.value.options, [option.code]: value },
                  },
              })
            )}
            {field({
              id: "variant-new-price",
              name: "new.priceOverride",
              label: `${labels.ownPrice} ${labels.optional}`,
              value: fresh.value.price,
              placeholder: props.basePrice,
              inputMode: "decimal",
              hint: labels.ownPriceHint,
              disabled: busy.value === "new",
              set: (value) => fresh.value = { ...fresh.value, price: value },
            })}
            {field({
              id: "variant-new-threshold",
              name: "new.lowStockThreshold",
              label: labels.threshold,
              value: fresh.value.threshold,
              inputMode: "numeric",
              disabled: busy.value === "new",
              set: (value) =>
                fresh.value = { ...fresh.value, threshold: value },
            })}
            {field({
              id: "variant-new-stock",
              name: "new.stock",
              label: labels.startingStock,
              value: fresh.value.stock,
              inputMode: "numeric",
              disabled: busy.value === "new",
              set: (value) => fresh.value = { ...fresh.value, stock: value },
            })}
          </div>
          {failureBox("new")}
          <div class="mt-3 flex flex-wrap gap-2">
            <button
              type="submit"
              class={BUTTON}
              disabled={Boolean(busy.value)}
              data-testid="variant-create"
            >
              {busy.value === "new" ? labels.working : labels.create}
            </button>
            <button
              type="button"
              class={SECONDARY}
              disabled={busy.value === "new"}
              onClick={() => {
                fresh.value = { ...NEW_VARIANT, options: {} };
                setErrors(
                  {},
                  Object.keys(errors.value).filter((k) => k.startsWith("new.")),
                );
                adding.value = false;
              }}
            >
              {labels.cancel}
            </button>
          </div>
        </form>
      </div>
    </section>
  );
}

function rowOf(variant: AdminVariant, options: string): StockVariant {
  return {
    id: variant.id,
    sku: variant.sku,
    options,
    priceOverride: variant.priceOverride ?? "",
    quantity: variant.stock.quantity,
    reserved: variant.stock.reserved,
    threshold: variant.stock.lowStockThreshold,
  };
}
