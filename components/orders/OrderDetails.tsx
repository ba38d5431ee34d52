import type { Language } from "../../commerce/localization/mod.ts";
import type { OrderView } from "../../commerce/orders/mod.ts";
import type { Translate } from "../../edge/i18n.ts";
import { Totals, totalsView } from "../../islands/_Totals.tsx";
import { optionsText } from "../cart/options.ts";
import { totalsLabels } from "../checkout/labels.ts";
import { addressText } from "./address.ts";

const CARD = "rounded-xl border border-gray-200 bg-white p-5 shadow-sm";
const HEADING = "text-base font-bold text-gray-900";

/**
 * The body of an order's page: its lines, totals (tax shown the way the
 * destination shows it), timeline, addresses, shipping method and parcels.
 * `taxName` is the tax's name ("VAT"), when known.
 */
export function OrderDetails(
  { order, t, language, taxName }: {
    order: OrderView;
    t: Translate;
    language: Language;
    taxName: string;
  },
) {
  const when = new Intl.DateTimeFormat(language, {
    dateStyle: "medium",
    timeStyle: "short",
  });
  const shipping = order.shipping;
  return (
    <div class="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem] lg:items-start">
      <div class="space-y-6">
        <section class={CARD} aria-labelledby="order-items">
          <h2 id="order-items" class={HEADING}>{t("orders.items")}</h2>
          <ul class="mt-3 divide-y divide-gray-100" data-testid="order-lines">
            {order.lines.map((line) => (
              <li
                key={line.variantId}
                data-testid="order-line"
                class="flex justify-between gap-4 py-3 text-sm"
              >
                <div class="min-w-0">
                  <p class="font-medium text-gray-900">{line.name}</p>
                  <p class="text-gray-500">
                    {[
                      optionsText(t, line.options, language),
                      t("orders.lineQuantity", {
                        quantity: line.quantity,
                        price: line.unitPrice.formatted,
                      }),
                    ].filter(Boolean).join(" · ")}
                  </p>
                </div>
                <p class="shrink-0 font-medium text-gray-900">
                  {line.lineTotal.formatted}
                </p>
              </li>
            ))}
          </ul>
          <div class="mt-4 border-t border-gray-200 pt-4">
            <Totals
              view={totalsView(order.totals, {
                labels: totalsLabels(t),
                language,
                taxInclusive: order.taxInclusive,
                taxName,
                taxRate: order.lines[0]?.taxRate ?? "0",
              })}
            />
          </div>
        </section>

        <section class={CARD} aria-labelledby="order-delivery">
          <h2 id="order-delivery" class={HEADING}>{t("orders.delivery")}</h2>
          <div class="mt-3 grid gap-6 text-sm sm:grid-cols-2">
            <div>
              <h3 class="font-semibold text-gray-700">
                {t("address.types.shipping")}
              </h3>
              <address
                data-testid="shipping-address"
                class="mt-1 not-italic text-gray-800"
              >
                {addressText(order.shippingAddress, language).map((line, i) => (
                  <span key={i} class="block">{line}</span>
                ))}
              </address>
            </div>
            <div>
              <h3 class="font-semibold text-gray-700">
                {t("address.types.billing")}
              </h3>
              <address class="mt-1 not-italic text-gray-800">
                {addressText(order.billingAddress, language).map((line, i) => (
                  <span key={i} class="block">{line}</span>
                ))}
              </address>
            </div>
            <div>
              <h3 class="font-semibold text-gray-700">
                {t("orders.shippingMethod")}
              </h3>
              <p class="mt-1 text-gray-800" data-testid="shipping-method">
                {shipping.name}
              </p>
              <p class="text-gray-500">
                {shipping.minDays === shipping.maxDays
                  ? t("checkout.deliveryDays", { count: shipping.minDays })
                  : t("checkout.deliveryRange", {
                    min: shipping.minDays,
                    max: shipping.maxDays,
                  })}
              </p>
            </div>
            <div>
              <h3 class="font-semibold text-gray-700">{t("orders.parcels")}</h3>
              {order.fulfillments.length === 0
                ? <p class="mt-1 text-gray-500">{t("orders.noParcels")}</p>
                : (
                  <ul class="mt-1 space-y-2" data-testid="parcels">
                    {order.fulfillments.map((parcel) => (
                      <li key={parcel.trackingNumber} class="text-gray-800">
                        <span class="block">{parcel.carrier}</span>
                        {parcel.trackingUrl
                          ? (
                            <a
                              href={parcel.trackingUrl}
                              rel="noopener noreferrer"
                              target="_blank"
                              class="font-medium text-indigo-700 hover:underline"
                            >
                              {t("orders.track", {
                                number: parcel.trackingNumber,
                              })}
                            </a>
                          )
                          : <span>{parcel.trackingNumber}</span>}
                      </li>
                    ))}
                  </ul>
                )}
            </div>
          </div>
        </section>
      </div>

      <section class={CARD} aria-labelledby="order-timeline">
        <h2 id="order-timeline" class={HEADING}>{t("orders.timeline")}</h2>
        <ol class="mt-3 space-y-3" data-testid="order-timeline">
          {order.timeline.map((event, index) => (
            <li key={index} class="flex gap-3 text-sm">
              <span
                aria-hidden="true"
                class="mt-1.5 h-2 w-2 shrink-0 rounded-full bg-indigo-500"
              />
              <span>
                <span class="block font-medium text-gray-900">
                  {t(`orders.status.${event.to}`)}
                </span>
                <time dateTime={event.at} class="text-gray-500">
                  {when.format(new Date(event.at))}
                </time>
              </span>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
