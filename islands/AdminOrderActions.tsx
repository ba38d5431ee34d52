import { useSignal } from "@preact/signals";
import type { StaffTransition } from "../commerce/orders/mod.ts";
import { callApi } from "./_api.ts";
import { failureText, minorUnits, serverFieldErrors } from "./_admin_forms.ts";
import { FailureAlert } from "./_FailureAlert.tsx";
import { FieldError } from "./_FieldError.tsx";

/** The translated texts of {@link AdminOrderActions}. */
export interface AdminOrderActionsLabels {
  title: string;
  pack: string;
  deliver: string;
  cancel: string;
  cancelConfirm: string;
  shipTitle: string;
  carrier: string;
  trackingNumber: string;
  trackingUrl: string;
  optional: string;
  ship: string;
  refundTitle: string;
  /** "Up to {{amount}}; empty refunds all of it." */
  refundHint: string;
  amount: string;
  reason: string;
  refund: string;
  refundConfirm: string;
  working: string;
  none: string;
  /** Inline validation messages. */
  invalid: {
    required: string;
    tooLong: string;
    tracking: string;
    url: string;
    amount: string;
    tooMuch: string;
  };
  /** By API error code, plus `failed`. */
  errors: Record<string, string>;
}

/** Props of {@link AdminOrderActions}. */
export interface AdminOrderActionsProps {
  orderId: string;
  /** The moves the order's status allows now. */
  transitions: StaffTransition[];
  /** What is left to refund, when anything is. */
  refund: {
    currency: string;
    digits: number;
    /** Exact decimal. */
    max: string;
    maxFormatted: string;
  } | null;
  labels: AdminOrderActionsLabels;
}

const INPUT =
  "mt-1 block w-full rounded-md border border-gray-300 px-3 py-2 text-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 aria-[invalid=true]:border-red-500";
const SECONDARY =
  "rounded-md border border-gray-300 bg-white px-3 py-2 text-sm font-semibold text-gray-800 hover:bg-gray-50 disabled:cursor-not-allowed disabled:text-gray-400";
const PRIMARY =
  "rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500 disabled:cursor-not-allowed disabled:bg-indigo-300";
const TRACKING = /^[\x21-\x7E]([\x20-\x7E]*[\x21-\x7E])?$/;

/**
 * What staff do to an order: pack it, ship it (carrier, tracking number,
 * tracking link), mark it delivered, cancel it while unpaid, refund some
 * or all of its money. Fields are checked as they are left and again on
 * submit; the server's answer (its field messages included) shows under
 * the form; success shows the page again.
 */
export default function AdminOrderActions(props: AdminOrderActionsProps) {
  const { labels, transitions, refund } = props;
  const busy = useSignal(false);
  const error = useSignal<{ summary: string; detail: string } | null>(null);
  const ship = useSignal({ carrier: "", trackingNumber: "", trackingUrl: "" });
  const money = useSignal({ amount: "", reason: "" });
  const errors = useSignal<Record<string, string>>({});

  function check(field: string, value: string): string {
    const text = value.trim();
    const { invalid } = labels;
    switch (field) {
      case "carrier":
        return !text
          ? invalid.required
          : text.length > 100
          ? invalid.tooLong
          : "";
      case "trackingNumber":
        return !text
          ? invalid.required
          : text.length > 100
          ? invalid.tooLong
          : TRACKING.test(text)
          ? ""
          : invalid.tracking;
      case "trackingUrl":
        if (!text) return "";
        try {
          return /^https?:$/.test(new URL(text).protocol) ? "" : invalid.url;
        } catch {
          return invalid.url;
        }
      case "reason":
        return !text
          ? invalid.required
          : text.length > 500
          ? invalid.tooLong
          : "";
      case "amount": {
        if (!text || !refund) return "";
        const units = minorUnits(text, refund.digits);
        if (units === null || units <= 0n) return invalid.amount;
        const max = minorUnits(refund.max, refund.digits) ?? 0n;
        return units > max ? invalid.tooMuch : "";
      }
    }
    return "";
  }

  function validate(fields: Record<string, string>): boolean {
    const found: Record<string, string> = {};
    for (const [field, value] of Object.entries(fields)) {
      const message = check(field, value);
      if (message) found[field] = message;
    }
    errors.value = { ...errors.value, ...found };
    for (const field of Object.keys(fields)) {
      if (!found[field]) delete errors.value[field];
    }
    return Object.keys(found).length === 0;
  }

  async function send(path: string, body: unknown) {
    busy.value = true;
    error.value = null;
    try {
      await callApi("POST", `/api/admin/orders/${props.orderId}/${path}`, body);
      location.reload();
    } catch (failure) {
      error.value = failureText(failure, labels.errors);
      errors.value = { ...errors.value, ...serverFieldErrors(failure) };
      busy.value = false;
    }
  }

  function move(to: StaffTransition) {
    if (busy.value) return;
    if (to === "cancelled" && !confirm(labels.cancelConfirm)) return;
    send("transitions", { to });
  }

  function submitShipment(event: Event) {
    event.preventDefault();
    if (busy.value || !validate(ship.value)) return;
    const { carrier, trackingNumber, trackingUrl } = ship.value;
    send("transitions", {
      to: "shipped",
      carrier: carrier.trim(),
      trackingNumber: trackingNumber.trim(),
      ...(trackingUrl.trim() ? { trackingUrl: trackingUrl.trim() } : {}),
    });
  }

  function submitRefund(event: Event) {
    event.preventDefault();
    if (busy.value || !validate(money.value)) return;
    if (!confirm(labels.refundConfirm)) return;
    const { amount, reason } = money.value;
    send("refunds", {
      ...(amount.trim() ? { amount: amount.trim() } : {}),
      reason: reason.trim(),
    });
  }

  const field = (
    form: typeof ship | typeof money,
    name: string,
    label: string,
    options: { type?: string; hint?: string; inputMode?: string } = {},
  ) => {
    const id = `order-${name}`;
    const value = (form.value as Record<string, string>)[name];
    return (
      <div>
        <label for={id} class="block text-sm font-medium text-gray-700">
          {label}
          {options.hint && (
            <span class="font-normal text-gray-500">{` ${options.hint}`}</span>
          )}
        </label>
        <input
          id={id}
          name={name}
          type={options.type ?? "text"}
          inputMode={options.inputMode as "decimal" | undefined}
          value={value}
          disabled={busy.value}
          aria-invalid={errors.value[name] ? "true" : undefined}
          aria-describedby={`${id}-error`}
          class={INPUT}
          onInput={(event) => {
            form.value = {
              ...form.value,
              [name]: (event.target as HTMLInputElement).value,
            } as typeof form.value;
            if (errors.value[name]) {
              validate({
                [name]: form.value[name as never],
              });
            }
          }}
          onBlur={() => validate({ [name]: value })}
        />
        <FieldError id={id} error={errors.value[name]} />
      </div>
    );
  };

  const simple = transitions.filter((to) => to !== "shipped");
  const canShip = transitions.includes("shipped");
  if (!simple.length && !canShip && !refund) {
    return <p class="text-sm text-gray-500">{labels.none}</p>;
  }
  return (
    <div class="space-y-5" data-testid="order-actions">
      {simple.length > 0 && (
        <div class="flex flex-wrap gap-2">
          {simple.map((to) => (
            <button
              key={to}
              type="button"
              data-testid={`order-${to}`}
              disabled={busy.value}
              onClick={() => move(to)}
              class={to === "cancelled"
                ? `${SECONDARY} text-rose-700`
                : SECONDARY}
            >
              {to === "packed"
                ? labels.pack
                : to === "delivered"
                ? labels.deliver
                : labels.cancel}
            </button>
          ))}
        </div>
      )}
      {canShip && (
        <form
          onSubmit={submitShipment}
          novalidate
          class="space-y-3"
          data-testid="ship-form"
        >
          <h3 class="text-sm font-bold text-gray-900">{labels.shipTitle}</h3>
          {field(ship, "carrier", labels.carrier)}
          {field(ship, "trackingNumber", labels.trackingNumber)}
          {field(ship, "trackingUrl", labels.trackingUrl, {
            type: "url",
            hint: labels.optional,
          })}
          <button type="submit" disabled={busy.value} class={PRIMARY}>
            {busy.value ? labels.working : labels.ship}
          </button>
        </form>
      )}
      {refund && (
        <form
          onSubmit={submitRefund}
          novalidate
          class="space-y-3 border-t border-gray-100 pt-4"
          data-testid="refund-form"
        >
          <h3 class="text-sm font-bold text-gray-900">{labels.refundTitle}</h3>
          <p class="text-xs text-gray-500">{labels.refundHint}</p>
          {field(money, "amount", `${labels.amount} (${refund.currency})`, {
            inputMode: "decimal",
            hint: labels.optional,
          })}
          {field(money, "reason", labels.reason)}
          <button type="submit" disabled={busy.value} class={SECONDARY}>
            {busy.value ? labels.working : labels.refund}
          </button>
        </form>
      )}
      <FailureAlert failure={error.value} testId="order-action-error" />
    </div>
  );
}
