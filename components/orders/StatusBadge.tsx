import type { OrderStatus } from "../../commerce/orders/mod.ts";
import type { Translate } from "../../edge/i18n.ts";

/**
 * An order's status as a coloured badge, translated. The tint follows a
 * data attribute, so every status shares one class list; `data-tone` spells
 * the status with hyphens, because twind reads `_` in an arbitrary value
 * as a space.
 */
export function StatusBadge(
  { status, t }: { status: OrderStatus; t: Translate },
) {
  return (
    <span
      data-testid="order-status"
      data-status={status}
      data-tone={status.replaceAll("_", "-")}
      class="inline-flex w-fit items-center whitespace-nowrap rounded-full bg-gray-100 px-2.5 py-0.5 text-xs font-semibold text-gray-700 ring-1 ring-inset ring-gray-500/20 data-[tone=pending-payment]:bg-amber-50 data-[tone=pending-payment]:text-amber-800 data-[tone=pending-payment]:ring-amber-600/30 data-[tone=paid]:bg-emerald-50 data-[tone=paid]:text-emerald-700 data-[tone=paid]:ring-emerald-600/20 data-[tone=packed]:bg-sky-50 data-[tone=packed]:text-sky-700 data-[tone=packed]:ring-sky-600/20 data-[tone=shipped]:bg-indigo-50 data-[tone=shipped]:text-indigo-700 data-[tone=shipped]:ring-indigo-600/20 data-[tone=delivered]:bg-emerald-100 data-[tone=delivered]:text-emerald-800 data-[tone=delivered]:ring-emerald-600/30"
    >
      {t(`orders.status.${status}`)}
    </span>
  );
}
