import { renderSVG } from "uqr";
import type { Translate } from "../../edge/i18n.ts";

/**
 * A payment's QR code (WeChat Pay Native: a `weixin://` URL) for the
 * shopper to scan with their phone, rendered on the server as inline SVG
 * so it shows without JavaScript, with what to do in the page's language.
 * The order page's payment area watches for the gateway's confirmation.
 */
export function PaymentQr(
  props: {
    /** What the code encodes, as the gateway gave it. */
    data: string;
    gateway: string;
    /** The gateway's name as shoppers know it ("WeChat Pay"). */
    gatewayName: string;
    /** The order's total, formatted. */
    total: string;
    t: Translate;
  },
) {
  const { t, total } = props;
  // Only dark and light squares come out of the encoder: no input reaches
  // the markup as text. A quiet zone of 2 modules keeps it scannable.
  const svg = renderSVG(props.data, { ecc: "M", border: 2 })
    .replace("<svg ", '<svg width="100%" height="100%" aria-hidden="true" ');
  const scan = props.gateway === "wechat"
    ? t("orders.payment.qr.wechat", { total })
    : t("orders.payment.qr.other", { total, gateway: props.gatewayName });
  return (
    <section
      data-testid="payment-qr"
      aria-labelledby="payment-qr-title"
      class="flex flex-col items-center gap-5 rounded-xl border border-gray-200 bg-white p-5 shadow-sm sm:flex-row sm:items-center sm:gap-8 sm:p-6"
    >
      <div
        role="img"
        aria-label={t("orders.payment.qr.alt", { total })}
        class="h-52 w-52 shrink-0 rounded-lg border border-gray-200 bg-white p-1"
        // deno-lint-ignore react-no-danger
        dangerouslySetInnerHTML={{ __html: svg }}
      />
      <div class="text-center sm:text-start">
        <h2
          id="payment-qr-title"
          class="text-lg font-bold tracking-tight text-gray-900"
        >
          {t("orders.payment.qr.title")}
        </h2>
        <p class="mt-2 text-gray-800">{scan}</p>
        <p class="mt-3 flex items-center justify-center gap-2 text-sm text-gray-600 sm:justify-start">
          <span
            aria-hidden="true"
            class="inline-block h-3 w-3 shrink-0 animate-pulse rounded-full bg-emerald-500"
          />
          {t("orders.payment.qr.note")}
        </p>
      </div>
    </section>
  );
}
