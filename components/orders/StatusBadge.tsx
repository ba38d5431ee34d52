import type { OrderStatus } from "../../commerce/orders/mod.ts";
import type { Translate } from "../../edge/i18n.ts";

/**
 * An order's status as a coloured badge, translated. The tint follows a
 * data attribute, so every status shares one class list.
 */
export function StatusBadge(
  { status, t }: { status: OrderStatus; t: Translate },
) {
  return (
    <span
      data-testid="order-status"
      data-status={status}
      class="inline-flex w-fit items-center whitespace-nowrap rounded-full bg-gray-100 px-2.5 py-0.5 text-xs font-semibold text-gray-700 ring-1 ring-inset ring-gray-500/20 data-[status=pending_payment]:bg-amber-50 data-[status=pending_payment]:text-amber-800 data-[status=pending_payment]:ring-amber-600/30 data-[status=paid]:bg-emerald-50 data-[status=paid]:text-emerald-700 data-[status=paid]:ring-emerald-600/20 data-[status=packed]:bg-sky-50 data-[status=packed]:text-sky-700 data-[status=packed]:ring-sky-600/20 data-[status=shipped]:bg-indigo-50 data-[status=shipped]:text-indigo-700 data-[status=shipped]:ring-indigo-600/20 data-[status=delivered]:bg-emerald-100 data-[status=delivered]:text-emerald-800 data-[status=delivered]:ring-emerald-600/30"
    >
      {t(`orders.status.${status}`)}
    </span>
  );
}
